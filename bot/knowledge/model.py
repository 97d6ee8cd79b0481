"""Domain objects of the knowledge base. Immutable: a loaded base is shared by every request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LANGUAGES: tuple[str, ...] = ("cs", "uk", "en")
SOURCE_LANGUAGE = "cs"
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Source:
    url: str
    title: str | None = None


@dataclass(frozen=True)
class Section:
    title: str
    body: str


@dataclass(frozen=True)
class Translation:
    """One language version of an article, in the editors' markup."""

    lang: str
    title: str
    summary: str
    body: str
    reviewed: dt.date
    keywords: tuple[str, ...]
    questions: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class TimeRange:
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Office:
    id: str
    kind: str
    name: dict[str, str]
    sources: tuple[str, ...]
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    web: str | None = None
    # weekday index (0 = Monday) -> opening ranges; a missing day is closed.
    hours: dict[int, tuple[TimeRange, ...]] = field(default_factory=dict)
    hours_note: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    id: str
    area: str
    order: int
    related: tuple[str, ...]
    offices: tuple[str, ...]
    sources: tuple[Source, ...]
    translations: dict[str, Translation]

    def text(self, lang: str) -> Translation:
        """The article in the resident's language (every language exists: the loader checks)."""
        return self.translations[lang]


@dataclass(frozen=True)
class Area:
    id: str
    icon: str
    title: dict[str, str]
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    areas: tuple[Area, ...]
    articles: dict[str, Article]
    offices: dict[str, Office]
    emergency_article: str

    def area(self, area_id: str) -> Area | None:
        return next((area for area in self.areas if area.id == area_id), None)
