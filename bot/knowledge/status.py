"""`content status`: per article and language, when it was reviewed and what is missing.

It reads the files leniently, so it also works on content that does not load yet
(an article just created with `content new`); `content check` stays the validator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.loader import (
    REVIEW_MAX_AGE,
    TRANSLATION_REQUIRED,
    is_stale,
)
from bot.knowledge.model import LANGUAGES, SOURCE_LANGUAGE

# Optional fields worth filling in: the matcher learns residents' wordings from them.
RECOMMENDED = ("questions",)


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    exists: bool
    reviewed: dt.date | None
    stale: bool  # a translation reviewed before the Czech text's latest review
    old: bool  # reviewed over REVIEW_MAX_AGE ago
    missing: tuple[str, ...]  # required fields absent or empty
    unfilled: tuple[str, ...]  # recommended optional fields absent
    unreadable: bool = False


@dataclass(frozen=True)
class ArticleStatus:
    area: str
    id: str
    languages: tuple[LanguageStatus, ...]


def content_status(root: Path, today: dt.date | None = None) -> list[ArticleStatus]:
    """Every article found in facts/ or any language folder, sorted by area and id."""
    today = today or dt.date.today()
    found = {
        (path.parent.name, path.stem)
        for folder in ("facts", *LANGUAGES)
        for path in (root / folder).glob("*/*.yaml")
    }
    statuses = []
    for area, article_id in sorted(found):
        raw = {lang: _read(root / lang / area / f"{article_id}.yaml") for lang in LANGUAGES}
        source = raw[SOURCE_LANGUAGE]
        source_reviewed = _date(source.get("reviewed")) if isinstance(source, dict) else None
        statuses.append(
            ArticleStatus(
                area,
                article_id,
                tuple(_language(lang, raw[lang], source_reviewed, today) for lang in LANGUAGES),
            )
        )
    return statuses


def _language(
    lang: str, data: dict[str, Any] | str | None, source_reviewed: dt.date | None, today: dt.date
) -> LanguageStatus:
    if data is None:
        return LanguageStatus(lang, False, None, False, False, ("file",), ())
    if isinstance(data, str):
        return LanguageStatus(lang, True, None, False, False, (), (), unreadable=True)
    reviewed = _date(data.get("reviewed"))
    return LanguageStatus(
        lang=lang,
        exists=True,
        reviewed=reviewed,
        stale=bool(reviewed and source_reviewed and is_stale(lang, reviewed, source_reviewed)),
        old=bool(reviewed and today - reviewed > REVIEW_MAX_AGE),
        missing=tuple(
            name
            for name in TRANSLATION_REQUIRED
            if not _filled(data.get(name)) or (name == "reviewed" and reviewed is None)
        ),
        unfilled=tuple(name for name in RECOMMENDED if not _filled(data.get(name))),
    )


def _read(path: Path) -> dict[str, Any] | str | None:
    """The file's fields; None if it does not exist, "unreadable" if it does not parse."""
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "unreadable"
    return data if isinstance(data, dict) else "unreadable"


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_filled(item) for item in value)
    return value is not None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def format_status(statuses: list[ArticleStatus]) -> str:
    """An aligned table for the terminal, one line per article and language."""
    header = ("area", "article", "lang", "reviewed", "state", "missing")
    lines: list[tuple[str, ...]] = [header]
    for article in statuses:
        for status in article.languages:
            lines.append(
                (
                    article.area,
                    article.id,
                    status.lang,
                    status.reviewed.isoformat() if status.reviewed else "–",
                    _state(status),
                    ", ".join(
                        [*status.missing, *(f"{name} (optional)" for name in status.unfilled)]
                    )
                    or "–",
                )
            )
    widths = [max(len(line[n]) for line in lines) for n in range(len(header) - 1)]
    rendered = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
        + "  "
        + line[-1]
        for line in lines
    ]
    stale = sum(s.stale for a in statuses for s in a.languages)
    incomplete = sum(bool(s.missing) or s.unreadable for a in statuses for s in a.languages)
    rendered.append(
        f"{len(statuses)} articles; {stale} stale translation(s); "
        f"{incomplete} language version(s) incomplete"
    )
    return "\n".join(rendered) + "\n"


def _state(status: LanguageStatus) -> str:
    if not status.exists:
        return "no file"
    if status.unreadable:
        return "unreadable"
    states = []
    if status.stale:
        states.append("stale")
    if status.old:
        states.append("over 12 months")
    if status.lang == SOURCE_LANGUAGE:
        states.insert(0, "source")
    return ", ".join(states) or "ok"
