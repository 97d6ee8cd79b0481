"""Police districts: content/police-districts/<district-id>.yaml, streets and areas.

Each file is one municipal police district (okrsek): its name, the station responsible,
optionally its officer, the streets (whole, or by house numbers) and/or a map area.
A street part claimed by two districts is an error, so a lookup never has to guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge import fieldchecks
from bot.knowledge.model import LANGUAGES, DistrictOfficer, Office, PoliceDistrict, StreetRule
from bot.knowledge.yamlnodes import FileReader, Mapping, line_of
from bot.search.streets import street_key

FOLDER = "police-districts"
STATION_KINDS = ("municipal-police", "police")
SIDES = ("both", "odd", "even")
_NUMBERS = re.compile(r"^(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?$")


@dataclass(frozen=True)
class _Claim:
    district: str
    rule: StreetRule
    where: str


def load_districts(
    root: Path, reader_for: Callable[[Path], FileReader], offices: dict[str, Office]
) -> dict[str, PoliceDistrict]:
    """Every district file, checked; overlapping street claims reported on both lines."""
    districts: dict[str, PoliceDistrict] = {}
    claims: dict[str, list[_Claim]] = {}
    for path in sorted((root / FOLDER).glob("*.yaml")):
        reader = reader_for(path)
        district = _load_one(reader, path, offices, claims)
        if district is not None:
            districts[district.id] = district
    return districts


def _load_one(
    reader: FileReader,
    path: Path,
    offices: dict[str, Office],
    claims: dict[str, list[_Claim]],
) -> PoliceDistrict | None:
    data = reader.load(path)
    if data is None:
        return None
    reader.check_fields(
        data,
        required=("id", "name", "station", "sources"),
        optional=("officer", "streets", "area"),
    )
    district_id = fieldchecks.checked_id(reader, data, path.stem)
    name = reader.languages(data, "name", LANGUAGES)
    station = reader.text(data, "station")
    if station and station[0] not in offices:
        reader.error(
            station[1], f"office '{station[0]}' does not exist (offices/{station[0]}.yaml)"
        )
    elif station and offices[station[0]].kind not in STATION_KINDS:
        reader.warning(station[1], f"office '{station[0]}' is not a police station")
    sources = tuple(
        url
        for url, line in reader.text_list(data, "sources")
        if fieldchecks.url(reader, url, line)
    )
    if "sources" in data.entries and not sources:
        reader.error(data.key_lines["sources"], "say where the district list comes from (a URL)")
    streets = _streets(reader, data, district_id or path.stem, claims)
    area = _area(reader, data)
    if not streets and not area:
        reader.error(data.line, "a district needs 'streets', an 'area', or both")
    officer = _officer(reader, data)
    if district_id is None or station is None or len(name) != len(LANGUAGES):
        return None
    return PoliceDistrict(
        id=district_id,
        name=name,
        station=station[0],
        streets=streets,
        sources=sources,
        area=area,
        officer=officer,
    )


def _streets(
    reader: FileReader, data: Mapping, district_id: str, claims: dict[str, list[_Claim]]
) -> tuple[StreetRule, ...]:
    node = data.entries.get("streets")
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        reader.error(line_of(node), "'streets' must be a list")
        return ()
    rules: list[StreetRule] = []
    for item in node.value:
        rule = _street(reader, item)
        if rule is None:
            continue
        where = f"{reader.path}:{line_of(item)}"
        key = street_key(rule.street)
        for other in claims.get(key, []):
            if _overlap(rule, other.rule):
                reader.error(
                    line_of(item),
                    f"'{rule.street}' is also claimed by district '{other.district}' "
                    f"({other.where}): give each part of a street to one district",
                )
        claims.setdefault(key, []).append(_Claim(district_id, rule, where))
        rules.append(rule)
    return tuple(rules)


def _street(reader: FileReader, item: yaml.Node) -> StreetRule | None:
    """ "Perlová", or {street: Klatovská třída, numbers: 1-99, side: odd}."""
    if isinstance(item, yaml.ScalarNode):
        written = str(item.value).strip()
        if not street_key(written):
            reader.error(line_of(item), "a street needs a name")
            return None
        return StreetRule(written)
    entry = reader.mapping(item, "a street")
    if entry is None:
        return None
    reader.check_fields(entry, required=("street",), optional=("numbers", "side"))
    name = reader.text(entry, "street")
    numbers = reader.text(entry, "numbers")
    side = reader.text(entry, "side")
    span: tuple[int, int] | None = None
    if numbers:
        match = _NUMBERS.match(numbers[0])
        low = int(match.group(1)) if match else 0
        high = int(match.group(2) or low) if match else 0
        if match is None or high < low or low < 1:
            reader.error(numbers[1], f"numbers {numbers[0]!r} must look like 1-99 or 12")
            return None
        span = (low, high)
    if side and side[0] not in SIDES:
        reader.error(side[1], f"side {side[0]!r} must be one of: {', '.join(SIDES)}")
        return None
    if name is None or not street_key(name[0]):
        return None
    return StreetRule(name[0], span, side[0] if side else "both")


def _overlap(first: StreetRule, second: StreetRule) -> bool:
    """Whether some house number falls under both rules."""
    if first.numbers is None or second.numbers is None:
        return True
    low = max(first.numbers[0], second.numbers[0])
    high = min(first.numbers[1], second.numbers[1])
    if low > high:
        return False
    sides = {first.side, second.side} - {"both"}
    if len(sides) == 2:
        return False
    if not sides:
        return True
    wanted_odd = sides == {"odd"}
    return high > low or (low % 2 == 1) == wanted_odd


def _area(reader: FileReader, data: Mapping) -> tuple[tuple[float, float], ...]:
    node = data.entries.get("area")
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode) or len(node.value) < 3:
        reader.error(line_of(node), "'area' must list at least 3 corners as [lat, lon]")
        return ()
    corners: list[tuple[float, float]] = []
    for item in node.value:
        values = (
            [_number(part) for part in item.value] if isinstance(item, yaml.SequenceNode) else []
        )
        lat, lon = (values[0], values[1]) if len(values) == 2 else (None, None)
        if lat is None or lon is None:
            reader.error(line_of(item), "a corner must be [lat, lon], two numbers")
            continue
        if fieldchecks.coordinate(reader, lat, lon, line_of(item)):
            corners.append((lat, lon))
    return tuple(corners) if len(corners) == len(node.value) else ()


def _number(node: yaml.Node) -> float | None:
    if not isinstance(node, yaml.ScalarNode):
        return None
    try:
        return float(node.value)
    except ValueError:
        return None


def _officer(reader: FileReader, data: Mapping) -> DistrictOfficer | None:
    entry = reader.nested(data, "officer")
    if entry is None:
        return None
    reader.check_fields(entry, required=(), optional=("name", "phone", "email"))
    name = reader.text(entry, "name")
    phones = [
        p for p, line in reader.text_list(entry, "phone") if fieldchecks.phone(reader, p, line)
    ]
    emails = [
        e for e, line in reader.text_list(entry, "email") if fieldchecks.email(reader, e, line)
    ]
    return DistrictOfficer(name[0] if name else None, tuple(phones), tuple(emails))
