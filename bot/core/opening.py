"""Is an office open now, and when does it open or close: in local wall-clock time.

Opening hours are wall-clock times in the city's time zone, so everything here works on
local dates and times: a DST change moves no office's 8:00, and an evening range that
ends at 24:00 joins the next morning's 00:00 range into one opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.i18n.catalog import strings
from bot.i18n.formatting import short_time, weekday_name
from bot.knowledge.model import Office, TimeRange

# How far ahead to look for the next opening; beyond it an office counts as closed.
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Opening:
    """One continuous opening in local wall-clock time (naive datetimes)."""

    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class OpeningStatus:
    open_now: bool
    # Open: when it closes (None: it does not close within the lookahead).
    # Closed: when it next opens (None: not within the lookahead).
    change_at: dt.datetime | None


def openings(
    hours: dict[int, tuple[TimeRange, ...]],
    first_day: dt.date,
    days: int,
    holidays: frozenset[dt.date] = frozenset(),
) -> list[Opening]:
    """Concrete openings from first_day on, touching ranges merged (23:00-24:00 + 00:00-02:00)."""
    merged: list[Opening] = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        if day in holidays:
            continue
        for span in hours.get(day.weekday(), ()):
            start = dt.datetime.combine(day, span.start)
            end = (
                dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
                if span.end == dt.time.max
                else dt.datetime.combine(day, span.end)
            )
            if merged and merged[-1].end >= start:
                merged[-1] = Opening(merged[-1].start, max(merged[-1].end, end))
            else:
                merged.append(Opening(start, end))
    return merged


def status(
    office: Office, now: dt.datetime, holidays: frozenset[dt.date] = frozenset()
) -> OpeningStatus | None:
    """Open or closed at now (aware, in the city's time zone); None without regular hours."""
    if not office.hours:
        return None
    local = now.replace(tzinfo=None)
    # Start a day early: an opening that began yesterday evening may still be running.
    window = openings(
        office.hours, local.date() - dt.timedelta(days=1), LOOKAHEAD_DAYS + 2, holidays
    )
    horizon = dt.datetime.combine(local.date() + dt.timedelta(days=LOOKAHEAD_DAYS + 1), dt.time())
    for opening in window:
        if opening.start <= local < opening.end:
            return OpeningStatus(True, opening.end if opening.end < horizon else None)
        if opening.start > local:
            return OpeningStatus(False, opening.start)
    return OpeningStatus(False, None)


def today_hours(
    office: Office, now: dt.datetime, lang: str, holidays: frozenset[dt.date] = frozenset()
) -> str | None:
    """ "Today: 8:00–12:00, 13:00–17:00" or "Today: closed"; None without regular hours."""
    if not office.hours:
        return None
    t = strings(lang)
    today = now.date()
    spans = () if today in holidays else office.hours.get(today.weekday(), ())
    if not spans:
        return t._("Today: closed")
    text = ", ".join(f"{short_time(s.start, lang)}–{_end(s.end, lang)}" for s in spans)
    return t._("Today: {hours}").format(hours=text)


def status_text(state: OpeningStatus, now: dt.datetime, lang: str) -> str:
    """ "Open now, closes at 17:00." / "Closed now; opens at 8:00 on Monday." """
    t = strings(lang)
    when = state.change_at
    if when is None:
        return t._("Open now, day and night.") if state.open_now else t._("Closed now.")
    day, time = when.date(), short_time(when.time(), lang)
    if state.open_now and when.time() == dt.time():
        # Closing at midnight is the end of the day before: "closes at 24:00", not "0:00".
        day, time = day - dt.timedelta(days=1), "24:00"
    days_ahead = (day - now.date()).days
    if state.open_now:
        if days_ahead == 0:
            return t._("Open now, closes at {time}.").format(time=time)
        if days_ahead == 1:
            return t._("Open now, closes tomorrow at {time}.").format(time=time)
        return t._("Open now, closes at {time} on {weekday}.").format(
            time=time, weekday=weekday_name(day, lang)
        )
    if days_ahead == 0:
        return t._("Closed now; opens today at {time}.").format(time=time)
    if days_ahead == 1:
        return t._("Closed now; opens tomorrow at {time}.").format(time=time)
    return t._("Closed now; opens at {time} on {weekday}.").format(
        time=time, weekday=weekday_name(day, lang)
    )


def _end(value: dt.time, lang: str) -> str:
    return "24:00" if value == dt.time.max else short_time(value, lang)
