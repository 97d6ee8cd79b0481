"""Replies as terminal text: markup made plain, wrapped to the screen, buttons numbered."""

from __future__ import annotations

import textwrap

from bot.core.replies import Button, Reply
from bot.knowledge.markup import to_plain

WIDTH = 80


def render(reply: Reply, first_number: int = 1) -> tuple[str, list[Button]]:
    """The text to print and the buttons in the order they are numbered."""
    lines = [_wrap(line) for line in to_plain(reply.text).split("\n")]
    if reply.venue is not None:
        venue = reply.venue
        pin = f"📍 {venue.title}, {venue.address} (map: {venue.lat:.5f}, {venue.lon:.5f})"
        lines[:0] = [_wrap(pin), ""]
    buttons = [button for row in reply.buttons for button in row]
    if buttons:
        lines.append("")
        for number, button in enumerate(buttons, start=first_number):
            lines.append(_wrap(f"  [{number}] {button.label}", indent="      "))
    return "\n".join(lines), buttons


def _wrap(line: str, indent: str | None = None) -> str:
    if len(line) <= WIDTH:
        return line
    if indent is None:
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        indent = lead + ("  " if stripped.startswith(("• ", "- ")) else "")
        if stripped[:3].rstrip(". ").isdigit():
            indent = lead + "   "
    return textwrap.fill(line, width=WIDTH, subsequent_indent=indent, break_long_words=True)
