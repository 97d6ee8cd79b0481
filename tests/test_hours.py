"""Working hours: open now, back when, public holidays; formatted per language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.hours import parse_working_hours
from bot.handoff.schedule import availability, hours_summary

PRAGUE = ZoneInfo("Europe/Prague")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=PRAGUE)


def test_open_within_hours_and_closed_outside() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00")
    assert hours.is_open(at(23, 8))  # Monday
    assert not hours.is_open(at(23, 16))
    assert not hours.is_open(at(21, 10))  # Saturday


def test_next_opening_skips_weekend_and_holidays() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00", "2026-11-23")
    assert hours.next_opening(at(20, 17)) == at(24, 8)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Assistants work Mon–Fri 8:00–16:00. They are back on Monday 8:00."),
        ("cs", "Asistenti pracují po–pá 8:00–16:00. Znovu v práci: pondělí 8:00."),
        ("uk", "Асистенти працюють пн–пт 8:00–16:00. Знову на роботі: понеділок 8:00."),
    ],
)
def test_back_on_monday_in_each_language(lang: str, expected: str) -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00")
    assert availability(hours, at(21, 12), lang) == expected


def test_several_rules_are_grouped() -> None:
    hours = parse_working_hours("Mon-Thu 08:00-16:00; Fri 08:00-14:00")
    assert hours_summary(hours, "en") == "Mon–Thu 8:00–16:00, Fri 8:00–14:00"


@pytest.mark.parametrize(
    "text", ["", "Mon-Fri", "Mon-Fri 16:00-08:00", "Xyz 08:00-10:00", "Mon 25:00-26:00"]
)
def test_malformed_hours_are_refused(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is checked in test_config
        parse_working_hours(text)


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def test_working_time_within_one_day_counts_only_open_hours() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00")
    # Monday 23 November, 07:00-09:30 Prague time (UTC+1): one and a half hours inside.
    assert hours.working_time_between(at(23, 7), at(23, 9, 30), PRAGUE) == dt.timedelta(
        hours=1, minutes=30
    )
    assert hours.working_time_between(at(23, 17), at(23, 20), PRAGUE) == dt.timedelta(0)


def test_working_time_skips_the_weekend() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00")
    # Friday 15:00 until Monday 08:30: one hour on Friday, half an hour on Monday.
    friday, monday = at(20, 15), at(23, 8, 30)
    assert hours.working_time_between(friday, monday, PRAGUE) == dt.timedelta(hours=1, minutes=30)


def test_working_time_skips_public_holidays() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00", "2026-11-23")
    assert hours.working_time_between(at(20, 15), at(24, 8, 30), PRAGUE) == dt.timedelta(
        hours=1, minutes=30
    )


def test_working_time_accepts_utc_moments_and_ignores_reversed_spans() -> None:
    hours = parse_working_hours("Mon-Fri 08:00-16:00")
    # 07:00 UTC is 08:00 in Prague in November.
    assert hours.working_time_between(utc(23, 7), utc(23, 8), PRAGUE) == dt.timedelta(hours=1)
    assert hours.working_time_between(utc(23, 8), utc(23, 7), PRAGUE) == dt.timedelta(0)


@pytest.mark.parametrize(
    ("month", "day", "expected_hours"),
    [(3, 29, 5), (10, 25, 7), (11, 22, 6)],  # spring forward, fall back, an ordinary Sunday
)
def test_working_time_counts_real_hours_when_clocks_change(
    month: int, day: int, expected_hours: int
) -> None:
    hours = parse_working_hours("Sun 00:00-06:00")
    start = dt.datetime(2026, month, day - 1, 12, tzinfo=PRAGUE)
    end = dt.datetime(2026, month, day + 1, 12, tzinfo=PRAGUE)
    assert hours.working_time_between(start, end, PRAGUE) == dt.timedelta(hours=expected_hours)
