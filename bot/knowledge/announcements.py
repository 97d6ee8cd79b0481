"""Announcements: content/announcements/<id>.yaml (areas) plus one text per language.

The language-neutral part (which areas it goes to) is written once, like an office;
the title and body live in content/<lang>/announcements/<id>.yaml for cs, uk and en.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge import fieldchecks
from bot.knowledge.model import LANGUAGES, Announcement
from bot.knowledge.yamlnodes import FileReader, Mapping

FOLDER = "announcements"
TITLE_MAX = 120
# Title, body and the footer must fit one Telegram message (4096 characters).
BODY_MAX = 3000
# The id travels in the admin's confirm button (64 bytes of callback data in all).
ID_MAX = 48


@dataclass(frozen=True)
class _Text:
    title: str
    body: str


def load_announcements(
    root: Path, reader_for: Callable[[Path], FileReader], area_ids: set[str]
) -> dict[str, Announcement]:
    """Every announcement complete in all languages; problems go to the readers."""
    facts: dict[str, tuple[tuple[str, ...], tuple[str, ...], FileReader]] = {}
    for path in sorted((root / FOLDER).glob("*.yaml")):
        reader = reader_for(path)
        data = reader.load(path)
        if data is None:
            continue
        reader.check_fields(data, required=("id", "areas"), optional=("sources",))
        announcement_id = fieldchecks.checked_id(reader, data, path.stem)
        if announcement_id is not None and len(announcement_id) > ID_MAX:
            reader.error(data.line, f"id '{announcement_id}' is longer than {ID_MAX} characters")
            announcement_id = None
        areas = _areas(reader, data, area_ids)
        sources = tuple(
            url
            for url, line in reader.text_list(data, "sources")
            if fieldchecks.url(reader, url, line)
        )
        if announcement_id is not None:
            facts[announcement_id] = (areas, sources, reader)
    texts = {lang: _load_texts(root, lang, reader_for, set(facts)) for lang in LANGUAGES}
    found: dict[str, Announcement] = {}
    for announcement_id, (areas, sources, reader) in facts.items():
        missing = [lang for lang in LANGUAGES if announcement_id not in texts[lang]]
        for lang in missing:
            reader.error(
                1,
                f"'{announcement_id}' has no {lang} text ({lang}/{FOLDER}/{announcement_id}.yaml)",
            )
        if missing or not areas:
            continue
        found[announcement_id] = Announcement(
            id=announcement_id,
            areas=areas,
            title={lang: texts[lang][announcement_id].title for lang in LANGUAGES},
            body={lang: texts[lang][announcement_id].body for lang in LANGUAGES},
            sources=sources,
        )
    return found


def _areas(reader: FileReader, data: Mapping, area_ids: set[str]) -> tuple[str, ...]:
    listed = reader.text_list(data, "areas")
    if "areas" in data.entries and not listed:
        reader.error(data.key_lines["areas"], "name at least one area from topics.yaml")
    areas: list[str] = []
    for area, line in listed:
        if area not in area_ids:
            reader.error(line, f"area '{area}' is not listed in topics.yaml")
        elif area not in areas:
            areas.append(area)
    return tuple(areas) if len(areas) == len(listed) else ()


def _load_texts(
    root: Path, lang: str, reader_for: Callable[[Path], FileReader], known: set[str]
) -> dict[str, _Text]:
    texts: dict[str, _Text] = {}
    for path in sorted((root / lang / FOLDER).glob("*.yaml")):
        reader = reader_for(path)
        data = reader.load(path)
        if data is None:
            continue
        reader.check_fields(data, required=("id", "title", "body"))
        announcement_id = fieldchecks.checked_id(reader, data, path.stem)
        title = reader.text(data, "title", max_length=TITLE_MAX)
        body = reader.text(data, "body", max_length=BODY_MAX)
        for value in (title, body):
            if value:
                fieldchecks.markup_text(reader, *value)
        if announcement_id is None:
            continue
        if announcement_id not in known:
            reader.error(
                data.line,
                f"no {FOLDER}/{announcement_id}.yaml: it says which areas the announcement goes to",
            )
        if title and body:
            texts[announcement_id] = _Text(title[0], body[0])
    return texts
