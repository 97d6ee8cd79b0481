"""Open now / opens at: local wall-clock time, around midnight, weekends and DST changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.core.opening import status, status_text, today_hours
from bot.knowledge.model import Office, TimeRange
from bot.knowledge.office_loader import parse_time_range

PRAGUE = ZoneInfo("Europe/Prague")


def office(**days: list[str]) -> Office:
    hours: dict[int, tuple[TimeRange, ...]] = {}
    for day, ranges in days.items():
        weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(day)
        parsed = [parse_time_range(r) for r in ranges]
        hours[weekday] = tuple(r for r in parsed if r is not None)
    return Office("x", "other", {"cs": "X", "uk": "X", "en": "X"}, ("https://x.cz/",), hours=hours)


WEEKDAYS = office(
    **{d: ["08:00-12:00", "13:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
)
NIGHT = office(fri=["18:00-24:00"], sat=["00:00-02:00", "08:00-12:00"])


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PRAGUE)


def said(subject: Office, moment: dt.datetime, lang: str = "en") -> str:
    state = status(subject, moment)
    assert state is not None
    return status_text(state, moment, lang)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        ("2026-11-23 07:59", "Closed now; opens today at 8:00."),  # Monday
        ("2026-11-23 08:00", "Open now, closes at 12:00."),
        ("2026-11-23 12:30", "Closed now; opens today at 13:00."),
        ("2026-11-23 16:59", "Open now, closes at 17:00."),
        ("2026-11-23 17:00", "Closed now; opens tomorrow at 8:00."),
        ("2026-11-23 23:59", "Closed now; opens tomorrow at 8:00."),
        ("2026-11-24 00:00", "Closed now; opens today at 8:00."),
        ("2026-11-27 17:00", "Closed now; opens at 8:00 on Monday."),  # Friday evening
        ("2026-11-28 10:00", "Closed now; opens at 8:00 on Monday."),  # Saturday
        ("2026-11-29 23:59", "Closed now; opens tomorrow at 8:00."),  # Sunday night
    ],
)
def test_office_hours_around_midnight_and_the_weekend(moment: str, text: str) -> None:
    assert said(WEEKDAYS, local(moment)) == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        ("2026-11-27 17:59", "Closed now; opens today at 18:00."),
        ("2026-11-27 23:30", "Open now, closes tomorrow at 2:00."),  # 24:00 joins 00:00
        ("2026-11-28 01:59", "Open now, closes at 2:00."),
        ("2026-11-28 02:00", "Closed now; opens today at 8:00."),
        ("2026-11-28 12:00", "Closed now; opens at 18:00 on Friday."),
    ],
)
def test_opening_across_midnight_is_one_opening(moment: str, text: str) -> None:
    assert said(NIGHT, local(moment)) == text


def test_always_open_and_closing_at_midnight() -> None:
    always = office(
        **{d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    )
    assert said(always, local("2026-11-25 03:00")) == "Open now, day and night."
    evening = office(wed=["20:00-24:00"])
    assert said(evening, local("2026-11-25 21:00")) == "Open now, closes at 24:00."


@pytest.mark.parametrize(
    ("utc", "text"),
    [
        # Spring forward, Sunday 29 March 2026: 06:30 UTC is 8:30 summer time (not 7:30).
        ("2026-03-30T06:30:00+00:00", "Open now, closes at 12:00."),
        ("2026-03-30T05:30:00+00:00", "Closed now; opens today at 8:00."),
        # Fall back, Sunday 25 October 2026: 06:30 UTC on Monday is 7:30 winter time.
        ("2026-10-26T06:30:00+00:00", "Closed now; opens today at 8:00."),
        ("2026-10-26T07:00:00+00:00", "Open now, closes at 12:00."),
        # Across the change the next opening stays 8:00 local, not 9:00 or 7:00.
        ("2026-03-27T17:00:00+00:00", "Closed now; opens at 8:00 on Monday."),
        ("2026-10-23T16:00:00+00:00", "Closed now; opens at 8:00 on Monday."),
    ],
)
def test_dst_change_keeps_wall_clock_hours(utc: str, text: str) -> None:
    moment = dt.datetime.fromisoformat(utc).astimezone(PRAGUE)
    assert said(WEEKDAYS, moment) == text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("cs", "Teď zavřeno. Nejbližší otevření: pondělí od 8:00."),
        ("uk", "Зараз зачинено. Найближче відкриття: понеділок, з 8:00."),
    ],
)
def test_status_is_in_the_residents_language(lang: str, text: str) -> None:
    assert said(WEEKDAYS, local("2026-11-28 10:00"), lang) == text


def test_today_hours_and_holidays() -> None:
    monday = local("2026-11-23 10:00")
    assert today_hours(WEEKDAYS, monday, "en") == "Today: 8:00–12:00, 13:00–17:00"
    assert today_hours(WEEKDAYS, local("2026-11-28 10:00"), "cs") == "Dnes: zavřeno"
    holiday = frozenset({dt.date(2026, 12, 24)})
    christmas_eve = local("2026-12-24 10:00")
    assert today_hours(WEEKDAYS, christmas_eve, "en", holiday) == "Today: closed"
    state = status(WEEKDAYS, christmas_eve, holiday)
    assert state is not None
    assert status_text(state, christmas_eve, "en") == "Closed now; opens tomorrow at 8:00."


def test_no_regular_hours_means_no_status() -> None:
    assert status(office(), local("2026-11-23 10:00")) is None
