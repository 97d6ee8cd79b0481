"""`report usage`: how much the bot is used, how well it answers, how fast people help.

Ticket times count only the assistants' working hours (ASSISTANT_HOURS in TIMEZONE):
a question sent on Friday night and answered on Monday at 08:30 waited 30 minutes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import aiosqlite

from bot.handoff.hours import WorkingHours
from bot.knowledge.model import LANGUAGES
from bot.reports.period import Period
from bot.reports.tables import Document, Table, count, duration, percent

ACTIONS = ("answer", "suggest", "handoff")
TOP_ARTICLES = 10


@dataclass(frozen=True)
class Day:
    day: dt.date
    questions: dict[str, int]  # per language
    handoffs: int

    @property
    def total(self) -> int:
        return sum(self.questions.values())

    @property
    def handoff_rate(self) -> float:
        return self.handoffs / self.total if self.total else 0.0


@dataclass(frozen=True)
class ArticleUse:
    article: str
    answers: int  # shown as the answer to a question
    opened: int  # opened with a button (menu, suggestion, related)

    @property
    def total(self) -> int:
        return self.answers + self.opened


@dataclass(frozen=True)
class Tickets:
    opened: int
    closed: int
    replied: int
    median_first_reply: dt.timedelta | None  # working time
    median_to_close: dt.timedelta | None  # working time
    ratings: dict[int, int]  # 1-5 -> count
    recorded_requests: int  # requests for a person recorded without a staff chat

    @property
    def average_rating(self) -> float | None:
        count = sum(self.ratings.values())
        return sum(r * n for r, n in self.ratings.items()) / count if count else None


@dataclass(frozen=True)
class UsageReport:
    period: Period
    days: tuple[Day, ...]
    # language -> action -> count; every language and action present
    actions: dict[str, dict[str, int]]
    urgent: int
    articles: tuple[ArticleUse, ...]  # most used first
    tickets: Tickets

    @property
    def questions(self) -> int:
        return sum(sum(counts.values()) for counts in self.actions.values())

    def action_total(self, action: str) -> int:
        return sum(counts[action] for counts in self.actions.values())


async def usage_report(
    db: aiosqlite.Connection, period: Period, hours: WorkingHours
) -> UsageReport:
    bounds = period.bounds()
    async with db.execute(
        "SELECT created_at, language, action, urgent FROM queries"
        " WHERE created_at >= ? AND created_at < ?",
        bounds,
    ) as cursor:
        queries = await cursor.fetchall()
    per_day: dict[dt.date, Counter[str]] = {day: Counter() for day in period.days()}
    handoffs: Counter[dt.date] = Counter()
    actions = {lang: dict.fromkeys(ACTIONS, 0) for lang in LANGUAGES}
    urgent = 0
    for row in queries:
        day = dt.datetime.fromisoformat(row["created_at"]).astimezone(period.zone).date()
        per_day.setdefault(day, Counter())[row["language"]] += 1
        handoffs[day] += row["action"] == "handoff"
        counts = actions.setdefault(row["language"], dict.fromkeys(ACTIONS, 0))
        counts[row["action"]] = counts.get(row["action"], 0) + 1
        urgent += bool(row["urgent"])
    days = tuple(
        Day(
            day,
            {lang: per_day[day][lang] for lang in sorted(set(LANGUAGES) | set(per_day[day]))},
            handoffs[day],
        )
        for day in sorted(per_day)
    )
    return UsageReport(
        period=period,
        days=days,
        actions=actions,
        urgent=urgent,
        articles=await _articles(db, bounds),
        tickets=await _tickets(db, period, hours),
    )


async def _articles(db: aiosqlite.Connection, bounds: tuple[str, str]) -> tuple[ArticleUse, ...]:
    async with db.execute(
        "SELECT article, COUNT(*) FROM queries WHERE created_at >= ? AND created_at < ?"
        " AND action = 'answer' AND article IS NOT NULL GROUP BY article",
        bounds,
    ) as cursor:
        answers = {row[0]: int(row[1]) for row in await cursor.fetchall()}
    async with db.execute(
        "SELECT article, COUNT(*) FROM article_reads WHERE created_at >= ? AND created_at < ?"
        " GROUP BY article",
        bounds,
    ) as cursor:
        opened = {row[0]: int(row[1]) for row in await cursor.fetchall()}
    uses = [ArticleUse(a, answers.get(a, 0), opened.get(a, 0)) for a in answers.keys() | opened]
    uses.sort(key=lambda use: (-use.total, -use.answers, use.article))
    return tuple(uses[:TOP_ARTICLES])


async def _tickets(db: aiosqlite.Connection, period: Period, hours: WorkingHours) -> Tickets:
    async with db.execute(
        "SELECT opened_at, first_reply_at, closed_at, rating FROM tickets"
        " WHERE opened_at >= ? AND opened_at < ?",
        period.bounds(),
    ) as cursor:
        rows = list(await cursor.fetchall())
    first_replies: list[dt.timedelta] = []
    to_close: list[dt.timedelta] = []
    ratings: Counter[int] = Counter()
    for row in rows:
        opened = dt.datetime.fromisoformat(row["opened_at"])
        if row["first_reply_at"]:
            replied = dt.datetime.fromisoformat(row["first_reply_at"])
            first_replies.append(hours.working_time_between(opened, replied, period.zone))
        if row["closed_at"]:
            closed = dt.datetime.fromisoformat(row["closed_at"])
            to_close.append(hours.working_time_between(opened, closed, period.zone))
        if row["rating"] is not None:
            ratings[int(row["rating"])] += 1
    async with db.execute(
        "SELECT COUNT(*) FROM handoff_requests WHERE created_at >= ? AND created_at < ?",
        period.bounds(),
    ) as cursor:
        recorded = await cursor.fetchone()
    return Tickets(
        opened=len(rows),
        closed=len(to_close),
        replied=len(first_replies),
        median_first_reply=median(first_replies),
        median_to_close=median(to_close),
        ratings={rating: ratings[rating] for rating in range(1, 6)},
        recorded_requests=int(recorded[0]) if recorded else 0,
    )


def median(values: list[dt.timedelta]) -> dt.timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def document(report: UsageReport) -> Document:
    total = report.questions
    tickets = report.tickets
    average = tickets.average_rating
    languages = sorted(report.actions)
    notes = (
        f"{count(total, 'question')}: {percent(report.action_total('answer'), total)} answered, "
        f"{percent(report.action_total('suggest'), total)} got suggestions, "
        f"{percent(report.action_total('handoff'), total)} handed to a person; "
        f"{report.urgent} flagged urgent.",
        f"{count(tickets.opened, 'ticket')} opened, {tickets.closed} closed; median time to the first "
        f"assistant reply {duration(tickets.median_first_reply)}, to close "
        f"{duration(tickets.median_to_close)} (working hours only); average rating "
        f"{'–' if average is None else f'{average:.1f}'} of 5 "
        f"({count(sum(tickets.ratings.values()), 'rating')}).",
    )
    return Document(
        title=f"Usage, {report.period.label()}",
        notes=notes,
        tables=(
            Table(
                "Questions by language",
                ("language", "questions", "answered", "suggestions", "handed off"),
                tuple(
                    (
                        lang,
                        sum(counts.values()),
                        *(percent(counts[a], sum(counts.values())) for a in ACTIONS),
                    )
                    for lang, counts in ((lang, report.actions[lang]) for lang in languages)
                ),
            ),
            Table(
                "Questions per day (days without questions left out)",
                ("day", *languages, "total", "handoff rate"),
                tuple(
                    (
                        day.day.isoformat(),
                        *(day.questions.get(lang, 0) for lang in languages),
                        day.total,
                        percent(day.handoffs, day.total),
                    )
                    for day in report.days
                    if day.total
                ),
            ),
            Table(
                "Most read articles",
                ("article", "answers", "opened", "total"),
                tuple((a.article, a.answers, a.opened, a.total) for a in report.articles),
            ),
            Table(
                "Tickets",
                (
                    "opened",
                    "replied",
                    "closed",
                    "median first reply",
                    "median to close",
                    "recorded without staff chat",
                ),
                (
                    (
                        tickets.opened,
                        tickets.replied,
                        tickets.closed,
                        duration(tickets.median_first_reply),
                        duration(tickets.median_to_close),
                        tickets.recorded_requests,
                    ),
                ),
            ),
            Table(
                "Ratings",
                ("rating", "tickets"),
                tuple((f"{'★' * r}", n) for r, n in sorted(tickets.ratings.items())),
            ),
        ),
    )
