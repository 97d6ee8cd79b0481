"""Load and check one office file: kind, names, contacts, map point, opening hours."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.knowledge import fieldchecks
from bot.knowledge.geo import PLZEN_CENTRE, distance_km
from bot.knowledge.model import LANGUAGES, WEEKDAYS, Office, TimeRange
from bot.knowledge.yamlnodes import FileReader, Mapping

HOURS_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$")
OFFICE_KINDS = (
    "ministry", "labour-office", "police", "municipal-police", "city",
    "integration", "ngo", "health", "other",
)  # fmt: skip
# Offices further than this from the city centre are most likely typing mistakes.
PLZEN_RADIUS_KM = 40
OFFICE_REQUIRED = ("id", "kind", "name", "sources")
OFFICE_OPTIONAL = (
    "address", "location", "coordinates_source", "phone", "email", "web", "hours", "hours_note",
)  # fmt: skip


def load_office(reader: FileReader, path: Path) -> Office | None:
    """One office file; None (with the problems recorded) when it cannot be used."""
    data = reader.load(path)
    if data is None:
        return None
    reader.check_fields(data, required=OFFICE_REQUIRED, optional=OFFICE_OPTIONAL)
    office_id = fieldchecks.checked_id(reader, data, path.stem)
    kind = reader.text(data, "kind")
    if kind and kind[0] not in OFFICE_KINDS:
        reader.error(kind[1], f"unknown kind '{kind[0]}' (one of: {', '.join(OFFICE_KINDS)})")
    name = reader.languages(data, "name", LANGUAGES)
    sources = [
        url
        for url, line in reader.text_list(data, "sources")
        if fieldchecks.url(reader, url, line)
    ]
    if "sources" in data.entries and not sources:
        reader.error(data.key_lines["sources"], "an office needs at least one source URL")
    address = reader.text(data, "address")
    phones = [
        p for p, line in reader.text_list(data, "phone") if fieldchecks.phone(reader, p, line)
    ]
    emails = [
        e for e, line in reader.text_list(data, "email") if fieldchecks.email(reader, e, line)
    ]
    web = reader.text(data, "web")
    if web:
        fieldchecks.url(reader, web[0], web[1])
    lat, lon = _location(reader, data)
    coordinates_source = reader.text(data, "coordinates_source")
    _check_map_point(reader, data, lat is not None, coordinates_source, address)
    hours = _hours(reader, data)
    note = reader.languages(data, "hours_note", LANGUAGES) if "hours_note" in data.entries else {}
    if office_id is None or kind is None:
        return None
    return Office(
        id=office_id,
        kind=kind[0],
        name=name,
        sources=tuple(sources),
        address=address[0] if address else None,
        lat=lat,
        lon=lon,
        phones=tuple(phones),
        emails=tuple(emails),
        web=web[0] if web else None,
        hours=hours,
        hours_note=note,
        coordinates_source=coordinates_source[0] if coordinates_source else None,
    )


def _location(reader: FileReader, data: Mapping) -> tuple[float | None, float | None]:
    node = data.entries.get("location")
    if node is None:
        return None, None
    inner = reader.mapping(node, "'location'")
    if inner is None:
        return None, None
    reader.check_fields(inner, required=("lat", "lon"))
    lat, lon = reader.number(inner, "lat"), reader.number(inner, "lon")
    if lat is None or lon is None or not fieldchecks.coordinate(reader, lat, lon, inner.line):
        return None, None
    away = distance_km(lat, lon, *PLZEN_CENTRE)
    if away > PLZEN_RADIUS_KM:
        reader.warning(
            inner.line, f"the map point is {away:.0f} km from Plzeň: are lat and lon swapped?"
        )
    return lat, lon


def _check_map_point(
    reader: FileReader,
    data: Mapping,
    located: bool,
    source: tuple[str, int] | None,
    address: tuple[str, int] | None,
) -> None:
    """A map point says where it comes from, and goes with the address it marks."""
    if source is not None and "location" not in data.entries:
        reader.error(source[1], "'coordinates_source' without a 'location' to describe")
    if located and source is None:
        reader.warning(
            data.key_lines["location"],
            "say where the map point comes from in 'coordinates_source'",
        )
    if located and address is None:
        reader.warning(
            data.key_lines["location"],
            "a map point without 'address' cannot be sent as a map pin",
        )


def _hours(reader: FileReader, data: Mapping) -> dict[int, tuple[TimeRange, ...]]:
    node = data.entries.get("hours")
    if node is None:
        return {}
    inner = reader.mapping(node, "'hours'")
    if inner is None:
        return {}
    reader.check_fields(inner, required=(), optional=WEEKDAYS)
    week: dict[int, tuple[TimeRange, ...]] = {}
    for day, weekday in ((d, i) for i, d in enumerate(WEEKDAYS)):
        ranges: list[TimeRange] = []
        for value, line in reader.text_list(inner, day):
            parsed = parse_time_range(value)
            if parsed is None:
                reader.error(line, f"opening hours {value!r} must look like 08:00-16:30")
                continue
            if ranges and parsed.start < ranges[-1].end:
                reader.error(line, f"opening hours {value!r} overlap or are out of order")
            ranges.append(parsed)
        if ranges:
            week[weekday] = tuple(ranges)
    return week


def parse_time_range(value: str) -> TimeRange | None:
    match = HOURS_PATTERN.match(value.replace(" ", "").replace("–", "-"))
    if match is None:
        return None
    start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
    if end_h == 24 and end_m:
        return None
    start = dt.time(start_h, start_m)
    end = dt.time.max if end_h == 24 else dt.time(end_h, end_m)
    if end <= start:
        return None
    return TimeRange(start, end)
