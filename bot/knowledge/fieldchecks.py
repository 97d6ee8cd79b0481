"""Checks of single field values shared by every kind of content file."""

from __future__ import annotations

import re

from bot.knowledge import markup
from bot.knowledge.yamlnodes import URL_PATTERN, FileReader, Mapping

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ]{7,18}[0-9]$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def url(reader: FileReader, value: str, line: int) -> bool:
    if URL_PATTERN.match(value):
        return True
    reader.error(line, f"{value!r} is not a web address (https://...)")
    return False


def phone(reader: FileReader, value: str, line: int) -> bool:
    digits = value.replace(" ", "").lstrip("+")
    if PHONE_PATTERN.match(value) and 9 <= len(digits) <= 15:
        return True
    reader.error(line, f"phone {value!r} must be digits, e.g. +420 378 033 800")
    return False


def email(reader: FileReader, value: str, line: int) -> bool:
    if EMAIL_PATTERN.match(value):
        return True
    reader.error(line, f"{value!r} is not an e-mail address")
    return False


def markup_text(reader: FileReader, text: str, line: int) -> None:
    for offset, message in markup.check(text):
        reader.error(line + offset, message)


def coordinate(reader: FileReader, lat: float | None, lon: float | None, line: int) -> bool:
    """A latitude/longitude pair on Earth; both must be given."""
    ok = lat is not None and lon is not None
    if lat is not None and not -90 <= lat <= 90:
        reader.error(line, f"latitude {lat} is outside -90..90")
        ok = False
    if lon is not None and not -180 <= lon <= 180:
        reader.error(line, f"longitude {lon} is outside -180..180")
        ok = False
    return ok


def checked_id(reader: FileReader, data: Mapping, stem: str) -> str | None:
    """The file's id: lower-case words joined by hyphens, equal to the file name."""
    found = reader.text(data, "id")
    if found is None:
        return None
    value, line = found
    if not ID_PATTERN.match(value):
        reader.error(line, f"id '{value}' must be lower-case words joined by hyphens")
        return None
    if value != stem:
        reader.error(line, f"id '{value}' does not match the file name '{stem}.yaml'")
    return value
