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
    # Where the map point comes from (a map service, a survey, the office's own page):
    # editors check it before trusting a resident's walk to it.
    coordinates_source: str | None = None

    @property
    def has_map_point(self) -> bool:
        """A venue needs coordinates and an address to show on Telegram's map."""
        return self.lat is not None and self.lon is not None and bool(self.address)


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
class Announcement:
    """A message editors send to residents subscribed to its areas, in every language."""

    id: str
    areas: tuple[str, ...]
    title: dict[str, str]
    body: dict[str, str]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class StreetRule:
    """A street, or part of it, that belongs to a police district."""

    street: str
    # Inclusive range of orientation numbers (the number after the slash); None: all.
    numbers: tuple[int, int] | None = None
    side: str = "both"  # "odd", "even" or "both"

    def covers(self, number: int | None) -> bool:
        """Whether a house number (None: the resident gave none) falls under this rule."""
        if number is None or self.numbers is None:
            return True
        low, high = self.numbers
        if not low <= number <= high:
            return False
        return self.side == "both" or (number % 2 == 1) == (self.side == "odd")


@dataclass(frozen=True)
class DistrictOfficer:
    """The district's municipal police officer (okrskář), as the city publishes them."""

    name: str | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class PoliceDistrict:
    id: str
    name: dict[str, str]
    station: str  # office id of the municipal police station responsible
    streets: tuple[StreetRule, ...]
    sources: tuple[str, ...]
    # Polygon (lat, lon) for shared locations; empty when only streets are known.
    area: tuple[tuple[float, float], ...] = ()
    officer: DistrictOfficer | None = None


@dataclass(frozen=True)
class OutOfScopeTopic:
    """Something residents ask about that this service does not cover (another country's
    residence rules, exchanging hryvnias): a question that matches it better than every
    article goes to a person instead of getting the article that shares a word with it."""

    id: str
    note: str  # for editors: what is outside the service, and why
    keywords: dict[str, tuple[str, ...]]  # per language
    # Words (any language) of which a question must name one for the topic to apply:
    # a question about studying "first, then work" is not about another country's rules
    # unless it names a country. Empty: the keywords alone decide.
    requires: tuple[str, ...] = ()
    # More places (any language, the forms that follow "in": "Španělsku", "Испании") where
    # a question set is the topic's by the scene rule (bot.search.intents.set_in), though
    # naming them elsewhere does not make the topic apply: "I'm from India" asks here.
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    areas: tuple[Area, ...]
    articles: dict[str, Article]
    offices: dict[str, Office]
    emergency_article: str
    announcements: dict[str, Announcement] = field(default_factory=dict)
    districts: dict[str, PoliceDistrict] = field(default_factory=dict)
    out_of_scope: dict[str, OutOfScopeTopic] = field(default_factory=dict)

    def area(self, area_id: str) -> Area | None:
        return next((area for area in self.areas if area.id == area_id), None)
