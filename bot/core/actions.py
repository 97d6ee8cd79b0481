"""Button actions as short strings (Telegram callback data, at most 64 bytes).

Data coming back from a client is untrusted: parse() accepts only well-formed actions
naming things that exist now; anything else is None and answered "button expired".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.model import LANGUAGES, KnowledgeBase

MAX_DATA_BYTES = 64


@dataclass(frozen=True)
class Home:
    pass


@dataclass(frozen=True)
class OpenArea:
    area: str


@dataclass(frozen=True)
class Read:
    article: str


@dataclass(frozen=True)
class ReadSection:
    article: str
    section: int


@dataclass(frozen=True)
class AskPerson:
    pass


@dataclass(frozen=True)
class ChooseLanguage:
    lang: str


@dataclass(frozen=True)
class Feedback:
    article: str
    helpful: bool


@dataclass(frozen=True)
class Forget:
    """The resident confirmed: delete everything stored about them."""


@dataclass(frozen=True)
class Rate:
    """The resident's 1-5 rating of a closed ticket."""

    ticket: int
    stars: int


@dataclass(frozen=True)
class StaffClaim:
    """Staff only: the Claim button on a ticket card."""

    ticket: int


@dataclass(frozen=True)
class StaffClose:
    """Staff only: the Close button on a ticket card."""

    ticket: int


StaffAction = StaffClaim | StaffClose


@dataclass(frozen=True)
class ShowOffice:
    """A map pin of the office with today's hours and whether it is open now."""

    office: str


@dataclass(frozen=True)
class NearbyKind:
    """The offices of one kind nearest to a point the resident shared."""

    kind: str
    lat: float
    lon: float


@dataclass(frozen=True)
class FindDistrict:
    """Ask for a street (or a location) to find the police district."""


@dataclass(frozen=True)
class StreetDistrict:
    """One of the streets offered for a misspelt name: show its district."""

    street: str  # street key (bot.search.streets.street_key)


@dataclass(frozen=True)
class Subscriptions:
    """The resident's announcement subscriptions, as toggle buttons."""


@dataclass(frozen=True)
class ToggleSubscription:
    area: str


# Offices, districts and subscriptions: performed by bot.core.city, not the conversation.
CityAction = (
    ShowOffice | NearbyKind | FindDistrict | StreetDistrict | Subscriptions | ToggleSubscription
)
CITY_ACTIONS = (
    ShowOffice,
    NearbyKind,
    FindDistrict,
    StreetDistrict,
    Subscriptions,
    ToggleSubscription,
)

Action = (
    Home
    | OpenArea
    | Read
    | ReadSection
    | AskPerson
    | ChooseLanguage
    | Feedback
    | Forget
    | Rate
    | CityAction
)
# Actions that move through menus: front ends show the result in place of the message
# whose button was pressed, instead of adding a new message.
NAVIGATION = (Home, OpenArea, Read, ReadSection, Subscriptions, ToggleSubscription)
_STREET_KEY = re.compile(r"^[a-z0-9]+( [a-z0-9]+)*$")


def encode(action: Action | StaffAction) -> str:
    match action:
        case Home():
            data = "home"
        case OpenArea(area):
            data = f"area:{area}"
        case Read(article):
            data = f"read:{article}"
        case ReadSection(article, section):
            data = f"sec:{section}:{article}"
        case AskPerson():
            data = "person"
        case ChooseLanguage(lang):
            data = f"lang:{lang}"
        case Feedback(article, helpful):
            data = f"fb:{'+' if helpful else '-'}:{article}"
        case Forget():
            data = "forget"
        case Rate(ticket, stars):
            data = f"rate:{ticket}:{stars}"
        case StaffClaim(ticket):
            data = f"desk:claim:{ticket}"
        case StaffClose(ticket):
            data = f"desk:close:{ticket}"
        case ShowOffice(office):
            data = f"office:{office}"
        case NearbyKind(kind, lat, lon):
            data = f"near:{kind}:{lat:.5f}:{lon:.5f}"
        case FindDistrict():
            data = "district"
        case StreetDistrict(street):
            data = f"street:{street}"
        case Subscriptions():
            data = "subs"
        case ToggleSubscription(area):
            data = f"sub:{area}"
    if len(data.encode()) > MAX_DATA_BYTES:
        raise ValueError(f"callback data over {MAX_DATA_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None, knowledge: KnowledgeBase) -> Action | None:
    """The action for callback data, or None if it is malformed or names nothing current."""
    if not data or len(data.encode()) > MAX_DATA_BYTES:
        return None
    kind, _, rest = data.partition(":")
    articles = knowledge.articles
    if kind == "home" and not rest:
        return Home()
    if kind == "person" and not rest:
        return AskPerson()
    if kind == "forget" and not rest:
        return Forget()
    if kind == "area" and knowledge.area(rest) is not None:
        return OpenArea(rest)
    if kind == "read" and rest in articles:
        return Read(rest)
    if kind == "lang" and rest in LANGUAGES:
        return ChooseLanguage(rest)
    if kind == "sec":
        number, _, article = rest.partition(":")
        if number.isdigit() and article in articles:
            section = int(number)
            if all(section < len(t.sections) for t in articles[article].translations.values()):
                return ReadSection(article, section)
        return None
    if kind == "fb":
        sign, _, article = rest.partition(":")
        if sign in ("+", "-") and article in articles:
            return Feedback(article, sign == "+")
    if kind == "rate":
        ticket, _, stars = rest.partition(":")
        if _number(ticket) and stars in ("1", "2", "3", "4", "5"):
            return Rate(int(ticket), int(stars))
    return _parse_city(kind, rest, knowledge)


def _parse_city(kind: str, rest: str, knowledge: KnowledgeBase) -> Action | None:
    if kind == "office" and rest in knowledge.offices:
        return ShowOffice(rest)
    if kind == "near":
        office_kind, _, point = rest.partition(":")
        lat_text, _, lon_text = point.partition(":")
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            return None
        known = {office.kind for office in knowledge.offices.values()}
        if office_kind in known and -90 <= lat <= 90 and -180 <= lon <= 180:
            return NearbyKind(office_kind, lat, lon)
        return None
    if kind == "district" and not rest:
        return FindDistrict()
    if kind == "street" and _STREET_KEY.match(rest):
        return StreetDistrict(rest)  # whether the street exists is the district lookup's job
    if kind == "subs" and not rest:
        return Subscriptions()
    if kind == "sub" and knowledge.area(rest) is not None:
        return ToggleSubscription(rest)
    return None


def parse_staff(data: str | None) -> StaffAction | None:
    """A ticket card's button, or None; whether the ticket exists is the desk's question."""
    if not data or len(data.encode()) > MAX_DATA_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != "desk" or not _number(parts[2]):
        return None
    verb, ticket = parts[1], parts[2]
    if verb == "claim":
        return StaffClaim(int(ticket))
    if verb == "close":
        return StaffClose(int(ticket))
    return None


def _number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 12
