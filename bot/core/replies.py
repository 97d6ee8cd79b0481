"""What the core answers: plain data that each front end renders its own way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # encoded bot.core.actions.Action


# Reply.expects: the resident's next text is a street to look up, not a question.
EXPECTS_STREET = "street"


@dataclass(frozen=True)
class Venue:
    """A map pin sent before the reply's text (Telegram: sendVenue). Plain text, no markup."""

    lat: float
    lon: float
    title: str
    address: str


@dataclass(frozen=True)
class CommentOn:
    """What a resident's optional comment is about: a 👎 or a rated ticket."""

    kind: Literal["feedback", "ticket"]
    id: int


@dataclass(frozen=True)
class Reply:
    """One message: text in the editors' markup, and rows of buttons under it."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    # The article shown, if any: front ends use it for extras (map pins, deep links).
    article: str | None = None
    # Set when the reply asks for an optional comment: a front end that can tie the
    # resident's answer to it (Telegram's reply) passes it back to comment().
    comment_for: CommentOn | None = None
    venue: Venue | None = None
    # Set when the resident's next text answers this reply (EXPECTS_STREET); front ends
    # route that text back to the matching core call instead of the matcher.
    expects: str | None = None
