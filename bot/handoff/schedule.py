"""Telling residents when assistants work, in their language."""

from __future__ import annotations

import datetime as dt

from bot.handoff.hours import WorkingHours
from bot.i18n.catalog import strings
from bot.i18n.formatting import short_time, weekday_and_time, weekday_names


def hours_summary(hours: WorkingHours, lang: str) -> str:
    """ "Mon–Fri 8:00–16:00": consecutive days with the same hours grouped."""
    names = weekday_names(lang)
    groups: list[tuple[int, int, tuple[dt.time, dt.time]]] = []
    for day in sorted(hours.week):
        span = hours.week[day]
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == span:
            groups[-1] = (groups[-1][0], day, span)
        else:
            groups.append((day, day, span))
    parts = []
    for first, last, (start, end) in groups:
        days = names[first] if first == last else f"{names[first]}–{names[last]}"
        parts.append(f"{days} {short_time(start, lang)}–{short_time(end, lang)}")
    return ", ".join(parts)


def availability(hours: WorkingHours, now: dt.datetime, lang: str) -> str:
    """Whether assistants are in now, or when they are back ("Monday 8:00")."""
    t = strings(lang)
    schedule = hours_summary(hours, lang)
    if hours.is_open(now):
        return t._("Assistants work {hours}. They are at work now.").format(hours=schedule)
    back = hours.next_opening(now)
    if back is None:
        return t._("Assistants work {hours}.").format(hours=schedule)
    return t._("Assistants work {hours}. They are back on {when}.").format(
        hours=schedule, when=weekday_and_time(back, lang)
    )
