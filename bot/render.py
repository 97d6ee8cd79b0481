"""Replies as Telegram messages: HTML text split under the limit, inline keyboards.

Residents see the same articles and menus over and over: the rendered text and the
keyboards (immutable python-telegram-bot objects) are remembered, most recent first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.core.replies import Button, Reply
from bot.knowledge.markup import to_html

TEXT_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)
# Telegram allows longer labels, but clients cut them: keep titles readable.
BUTTON_LABEL_LIMIT = 60
# Rendered texts and keyboards remembered: every article in every language, with room.
RENDER_CACHE_SIZE = 2048


@dataclass(frozen=True)
class Outgoing:
    html: str
    keyboard: InlineKeyboardMarkup | None


def render(reply: Reply, limit: int = TEXT_LIMIT) -> list[Outgoing]:
    """One or more messages; the buttons go under the last one."""
    # Only articles are remembered: other replies may carry a resident's words (ticket
    # cards, notes), which must not linger in memory after /forget.
    chunks = (
        _html_parts(reply.text, limit)
        if reply.article is not None
        else tuple(split_html(to_html(reply.text), limit))
    )
    keyboard = keyboard_of(reply)
    return [
        Outgoing(chunk, keyboard if index == len(chunks) - 1 else None)
        for index, chunk in enumerate(chunks)
    ]


@lru_cache(maxsize=RENDER_CACHE_SIZE)
def _html_parts(text: str, limit: int) -> tuple[str, ...]:
    return tuple(split_html(to_html(text), limit))


def keyboard_of(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return _keyboard(reply.buttons)


@lru_cache(maxsize=RENDER_CACHE_SIZE)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_label(button.label), callback_data=button.action)
                for button in row
            ]
            for row in rows
        ]
    )


def split_html(html: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut at paragraph, then line, then word boundaries, never inside a tag.

    The markup renderer closes every tag on the line that opens it, so any cut at a
    line break leaves each part well formed. Measuring the HTML (longer than the text
    Telegram counts) keeps every part safely under the limit.
    """
    if len(html) <= limit:
        return [html] if html.strip() else ["…"]
    parts: list[str] = []
    current = ""
    for block in _pieces(html, limit):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = block
    if current:
        parts.append(current)
    return parts


def _pieces(html: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for paragraph in html.split("\n\n"):
        if len(paragraph) <= limit:
            pieces.append(paragraph)
            continue
        for line in paragraph.split("\n"):
            while len(line) > limit:
                cut = _safe_cut(line, limit)
                pieces.append(line[:cut])
                line = line[cut:].lstrip()
            pieces.append(line)
    return [piece for piece in pieces if piece.strip()]


def _safe_cut(line: str, limit: int) -> int:
    """A cut position at a space outside any tag or entity; hard cut as a last resort."""
    depth = 0
    best = 0
    for position, char in enumerate(line[:limit]):
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        elif char == " " and depth == 0 and "<" not in _open_tags(line[:position]):
            best = position
    return best or limit


def _open_tags(prefix: str) -> str:
    """'<' if a tag opened in prefix is still unclosed (cutting here would break it)."""
    opened = prefix.count("<b>") + prefix.count("<i>") + prefix.count("<a ")
    closed = prefix.count("</b>") + prefix.count("</i>") + prefix.count("</a>")
    return "<" if opened > closed else ""


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_LABEL_LIMIT else text[: BUTTON_LABEL_LIMIT - 1] + "…"
