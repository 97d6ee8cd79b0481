"""An article as the resident reads it, composed in the editors' markup."""

from __future__ import annotations

import datetime as dt

from bot.i18n.catalog import strings
from bot.i18n.formatting import long_date, short_time, weekday_names
from bot.knowledge.markup import escape
from bot.knowledge.model import Article, KnowledgeBase, Office, Section


def article_text(article: Article, lang: str, knowledge: KnowledgeBase) -> str:
    """Title, summary, body, offices, sources and the review date."""
    t = strings(lang)
    text = article.text(lang)
    parts = [f"**{text.title}**", f"_{text.summary}_", text.body]
    offices = [knowledge.offices[o] for o in article.offices if o in knowledge.offices]
    parts.extend(office_text(office, lang) for office in offices)
    if article.sources:
        links = ", ".join(
            f"[{escape(source.title or host_of(source.url))}]({source.url})"
            for source in article.sources
        )
        label = t._("Sources")
        parts.append(f"{label}: {links}")
    parts.append(t._("Updated {date}").format(date=long_date(text.reviewed, lang)))
    return "\n\n".join(parts)


def section_text(article: Article, section: Section, lang: str) -> str:
    title = article.text(lang).title
    return f"**{title}: {section.title}**\n\n{section.body}"


def office_text(office: Office, lang: str) -> str:
    t = strings(lang)
    lines = [f"📍 **{escape(office.name[lang])}**"]
    if office.address:
        lines.append(escape(office.address))
    lines.extend(f"☎ [{escape(p)}](tel:{p.replace(' ', '')})" for p in office.phones)
    lines.extend(f"✉ [{escape(e)}](mailto:{e})" for e in office.emails)
    if office.hours:
        label = t._("Opening hours")
        lines.append(f"{label}: {opening_hours(office, lang)}")
    if lang in office.hours_note:
        lines.append(escape(office.hours_note[lang]))
    return "\n".join(lines)


def opening_hours(office: Office, lang: str) -> str:
    """ "Mon 8:00–17:00, Wed 8:00–12:00, 13:00–17:00", days in the resident's language."""
    names = weekday_names(lang)
    days = []
    for weekday, ranges in sorted(office.hours.items()):
        spans = ", ".join(f"{short_time(r.start, lang)}–{_end(r.end, lang)}" for r in ranges)
        days.append(f"{names[weekday]} {spans}")
    return "; ".join(days)


def _end(value: dt.time, lang: str) -> str:
    return "24:00" if value == dt.time.max else short_time(value, lang)


def host_of(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
