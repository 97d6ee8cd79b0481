"""What the core answers: plain data that each front end renders its own way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # encoded bot.core.actions.Action


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
