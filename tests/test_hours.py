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
