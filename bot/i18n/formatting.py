"""Dates, times and weekdays in the resident's language, by Babel.

Babel parses its patterns on every call; the dates and times the bot shows are few
(review dates, opening hours), so their text is remembered.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_datetime, format_time, get_day_names
from babel.numbers import format_decimal


@lru_cache(maxsize=4096)
def long_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)


def weekday_and_time(value: dt.datetime, lang: str) -> str:
    """ "Monday 8:00", "pondělí 8:00", "понеділок 8:00"."""
    return format_datetime(value, "EEEE H:mm", tzinfo=value.tzinfo, locale=lang)


def weekday_name(value: dt.date, lang: str) -> str:
    """ "Monday", "pondělí", "понеділок"."""
    return str(format_date(value, "EEEE", locale=lang))


@lru_cache(maxsize=4096)
def short_time(value: dt.time, lang: str) -> str:
    return format_time(value, "H:mm", locale=lang)


def weekday_names(lang: str) -> list[str]:
    """Abbreviated names, Monday first."""
    return list(_weekday_names(lang))


@lru_cache(maxsize=16)
def _weekday_names(lang: str) -> tuple[str, ...]:
    names = get_day_names("abbreviated", locale=lang)
    return tuple(str(names[day]) for day in range(7))


def short_date_time(value: dt.datetime, lang: str) -> str:
    """ "21. 11. 2026 9:05" in each locale's own order."""
    return format_datetime(value, "short", tzinfo=value.tzinfo, locale=lang)


def distance(km: float, lang: str) -> str:
    """ "450 m" under a kilometre (to 10 m), else "1,2 km" / "1.2 km" by the locale."""
    if km < 1:
        return f"{format_decimal(round(km * 100) * 10, locale=lang)} m"
    return f"{format_decimal(round(km, 1), format='#,##0.0', locale=lang)} km"


def count(value: int, lang: str) -> str:
    """ "10 000" / "10,000" by the locale."""
    return str(format_decimal(value, locale=lang))
