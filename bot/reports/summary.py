"""The usage report in a few lines of the admin's language, for /stats in Telegram."""

from __future__ import annotations

import datetime as dt

from babel.numbers import format_decimal, format_percent

from bot.i18n.catalog import strings
from bot.knowledge.markup import escape
from bot.reports.usage import UsageReport

MOST_READ_SHOWN = 3


def stats_summary(report: UsageReport, lang: str) -> str:
    """Editors' markup: questions and how they ended, tickets, times, ratings, top articles."""
    t = strings(lang)
    total = report.questions

    def share(count: int) -> str:
        return format_percent(count / total, locale=lang) if total else "–"

    per_language = ", ".join(
        f"{code} {sum(counts.values())}" for code, counts in sorted(report.actions.items())
    )
    tickets = report.tickets
    ratings = sum(tickets.ratings.values())
    average = tickets.average_rating
    lines = [
        "📊 **" + t._("Statistics for {period}").format(period=report.period.label()) + "**",
        t._("Questions: {count} ({languages})").format(count=total, languages=per_language),
        t._(
            "Answered {answered}, suggestions {suggested}, passed to a person {handed_off}"
        ).format(
            answered=share(report.action_total("answer")),
            suggested=share(report.action_total("suggest")),
            handed_off=share(report.action_total("handoff")),
        ),
        t._("Tickets: {opened} opened, {closed} closed").format(
            opened=tickets.opened, closed=tickets.closed
        ),
        t._("Median time to the first reply: {first}; to close: {close} (working hours)").format(
            first=_duration(tickets.median_first_reply, lang),
            close=_duration(tickets.median_to_close, lang),
        ),
        t.ngettext(
            "Average rating: {rating} of 5 from {count} rating",
            "Average rating: {rating} of 5 from {count} ratings",
            ratings,
        ).format(
            rating="–" if average is None else format_decimal(round(average, 1), locale=lang),
            count=ratings,
        ),
    ]
    if report.articles:
        top = ", ".join(escape(a.article) for a in report.articles[:MOST_READ_SHOWN])
        lines.append(t._("Most read: {articles}").format(articles=top))
    return "\n".join(lines)


def _duration(value: dt.timedelta | None, lang: str) -> str:
    if value is None:
        return "–"
    t = strings(lang)
    hours, minutes = divmod(round(value.total_seconds() / 60), 60)
    if hours:
        return t._("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return t._("{minutes} min").format(minutes=minutes)
