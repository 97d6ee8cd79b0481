"""The assistants' working hours: are they in now, and when are they back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RULE = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+"
    r"(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True)
class WorkingHours:
    """Weekly opening (weekday 0 = Monday) minus listed public holidays."""

    week: dict[int, tuple[dt.time, dt.time]]
    holidays: frozenset[dt.date] = frozenset()

    def is_open(self, moment: dt.datetime) -> bool:
        """Moment must be in the assistants' time zone."""
        if moment.date() in self.holidays:
            return False
        span = self.week.get(moment.weekday())
        return span is not None and span[0] <= moment.time() < span[1]

    def next_opening(self, moment: dt.datetime) -> dt.datetime | None:
        """The next start of working hours after moment (same tzinfo), within two months."""
        for days_ahead in range(0, 62):
            day = moment.date() + dt.timedelta(days=days_ahead)
            span = self.week.get(day.weekday())
            if span is None or day in self.holidays:
                continue
            opening = dt.datetime.combine(day, span[0], tzinfo=moment.tzinfo)
            if opening > moment:
                return opening
        return None

    def working_time_between(
        self, start: dt.datetime, end: dt.datetime, zone: dt.tzinfo
    ) -> dt.timedelta:
        """How much of [start, end) falls inside working hours in zone (aware datetimes).

        Used for response times: a question asked on Friday evening and answered on
        Monday at 08:30 waited 30 minutes of the assistants' time, not 62 hours. Each
        day's window is placed in zone and compared in UTC, so days when the clocks
        change count their real length.
        """
        if end <= start:
            return dt.timedelta(0)
        start_utc, end_utc = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        total = dt.timedelta(0)
        day = start.astimezone(zone).date()
        last = end.astimezone(zone).date()
        while day <= last:
            span = self.week.get(day.weekday())
            if span is not None and day not in self.holidays:
                opens = dt.datetime.combine(day, span[0], tzinfo=zone).astimezone(dt.UTC)
                closes = dt.datetime.combine(day, span[1], tzinfo=zone).astimezone(dt.UTC)
                overlap = min(closes, end_utc) - max(opens, start_utc)
                if overlap > dt.timedelta(0):
                    total += overlap
            day += dt.timedelta(days=1)
        return total


def parse_working_hours(text: str, holidays: str = "") -> WorkingHours:
    """Parse "Mon-Fri 08:00-16:00; Sat 09:00-12:00" and "2026-12-24,2026-12-25"."""
    week: dict[int, tuple[dt.time, dt.time]] = {}
    for rule in filter(None, (part.strip().lower() for part in re.split(r"[;,]", text))):
        match = _RULE.match(rule)
        if match is None:
            raise ValueError(f"{rule!r} is not like 'Mon-Fri 08:00-16:00'")
        first, last = match["first"], match["last"] or match["first"]
        if first not in _DAYS or last not in _DAYS:
            raise ValueError(f"unknown day in {rule!r}; use Mon Tue Wed Thu Fri Sat Sun")
        start, end = _time(match["start"]), _time(match["end"])
        if end <= start:
            raise ValueError(f"{rule!r} ends before it starts")
        for day in range(_DAYS.index(first), _DAYS.index(last) + 1):
            week[day] = (start, end)
    if not week:
        raise ValueError("no working hours given")
    dates: set[dt.date] = set()
    for part in filter(None, (p.strip() for p in holidays.split(","))):
        try:
            dates.add(dt.date.fromisoformat(part))
        except ValueError as exc:
            raise ValueError(f"holiday {part!r} is not a date YYYY-MM-DD") from exc
    return WorkingHours(week, frozenset(dates))


def _time(value: str) -> dt.time:
    hours, minutes = (int(x) for x in value.split(":"))
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValueError(f"{value!r} is not a time of day")
    return dt.time(hours, minutes)
