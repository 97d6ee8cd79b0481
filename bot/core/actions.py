"""Button actions as short strings (Telegram callback data, at most 64 bytes).

Data coming back from a client is untrusted: parse() accepts only well-formed actions
naming things that exist now; anything else is None and answered "button expired".
"""

from __future__ import annotations

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


Action = (
    Home | OpenArea | Read | ReadSection | AskPerson | ChooseLanguage | Feedback | Forget | Rate
)
StaffAction = StaffClaim | StaffClose
# Actions that move through menus: front ends show the result in place of the message
# whose button was pressed, instead of adding a new message.
NAVIGATION = (Home, OpenArea, Read, ReadSection)


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
