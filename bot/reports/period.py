"""The time window a report covers: `--since 30d`, `--since 8w` or `--since 2026-11-01`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_RELATIVE = re.compile(r"^(\d{1,4})([dw])$")


@dataclass(frozen=True)
class Period:
    """From start (inclusive) to end (exclusive), both aware; days are counted in zone."""

    start: dt.datetime
    end: dt.datetime
    zone: dt.tzinfo

    def days(self) -> list[dt.date]:
        """Every local date the period touches, including ones without any activity."""
        first = self.start.astimezone(self.zone).date()
        last = (self.end - dt.timedelta(microseconds=1)).astimezone(self.zone).date()
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    def bounds(self) -> tuple[str, str]:
        """Start and end as the database stores moments (ISO 8601 in UTC), for SQL ranges."""
        return self.start.astimezone(dt.UTC).isoformat(), self.end.astimezone(dt.UTC).isoformat()

    def label(self) -> str:
        first = self.start.astimezone(self.zone).date()
        last = (self.end - dt.timedelta(microseconds=1)).astimezone(self.zone).date()
        return f"{first.isoformat()} – {last.isoformat()}"


def parse_since(text: str, now: dt.datetime, zone: dt.tzinfo) -> Period:
    """ "30d" (the last 30 days), "8w" (weeks) or a local date "2026-11-01", up to now."""
    text = text.strip().lower()
    match = _RELATIVE.match(text)
    if match:
        amount = int(match[1]) * (7 if match[2] == "w" else 1)
        if amount == 0:
            raise ValueError("--since must cover at least one day")
        return Period(now - dt.timedelta(days=amount), now, zone)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since {text!r}: use e.g. 30d, 8w or 2026-11-01") from None
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    if start >= now:
        raise ValueError(f"--since {text!r} is not in the past")
    return Period(start, now, zone)
