"""Dates, times and weekdays in the resident's language, by Babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime, format_time, get_day_names


def long_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)


def weekday_and_time(value: dt.datetime, lang: str) -> str:
    """ "Monday 8:00", "pondělí 8:00", "понеділок 8:00"."""
    return format_datetime(value, "EEEE H:mm", tzinfo=value.tzinfo, locale=lang)


def short_time(value: dt.time, lang: str) -> str:
    return format_time(value, "H:mm", locale=lang)


def weekday_names(lang: str) -> list[str]:
    """Abbreviated names, Monday first."""
    names = get_day_names("abbreviated", locale=lang)
    return [str(names[day]) for day in range(7)]


def short_date_time(value: dt.datetime, lang: str) -> str:
    """ "21. 11. 2026 9:05" in each locale's own order."""
    return format_datetime(value, "short", tzinfo=value.tzinfo, locale=lang)
