"""The editors' small markup: checked once at load, rendered to Telegram HTML or plain text.

Supported: paragraphs (blank line between), "- " bullets, "1. " numbered items,
**bold**, _italic_, [text](url) with http(s), tel: or mailto: links. Everything else is
literal text, escaped on output, so nothing an editor or resident writes can break
Telegram's HTML parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_ESCAPABLE = "*_[]\\"
# Escaped markup characters are parked in the Private Use Area while patterns run.
_PARK = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
_UNPARK = str.maketrans({parked: char for char, parked in _PARK.items()})
_ESCAPE = str.maketrans({char: "\\" + char for char in _ESCAPABLE})
_ESCAPE_SEQUENCE = re.compile(r"\\([*_\[\]\\])")

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w])_(?P<italic>[^_\n]+?)_(?![\w])"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
)
_LINK_SCHEMES = ("https://", "http://", "tel:", "mailto:")
_RAW_HTML = re.compile(r"</?[a-zA-Z][^>]*>")
_HEADING = re.compile(r"^#{1,6}\s")
_BULLET = re.compile(r"^\s*[-*•]\s+")


def escape(text: str) -> str:
    """Make any text (a resident's words, a name) literal inside markup."""
    return text.translate(_ESCAPE)


def check(text: str) -> list[tuple[int, str]]:
    """Problems in a markup text as (line offset within the text, message)."""
    problems: list[tuple[int, str]] = []
    for offset, line in enumerate(text.split("\n")):
        parked = _park(line)
        if _RAW_HTML.search(parked):
            problems.append(
                (offset, "raw HTML is not allowed; use **bold**, _italic_, [text](url)")
            )
        if _HEADING.match(parked):
            problems.append((offset, "headings (#) are not supported; use sections or **bold**"))
        for match in _INLINE.finditer(parked):
            url = match.group("url")
            if url is not None and not url.startswith(_LINK_SCHEMES):
                problems.append(
                    (offset, f"link {url!r} must start with https://, tel: or mailto:")
                )
        rest = _INLINE.sub("", parked)
        if "**" in rest:
            problems.append((offset, "unclosed ** (bold) on this line"))
        if re.search(r"\[[^\]]*\]\(", rest):
            problems.append((offset, "malformed link; write [text](https://...)"))
    return problems


def to_html(text: str) -> str:
    """Telegram HTML: only <b>, <i> and <a href>, always balanced, everything else escaped."""
    return _render(
        text,
        literal=lambda chunk: html.escape(chunk, quote=False),
        bold=lambda inner: f"<b>{inner}</b>",
        italic=lambda inner: f"<i>{inner}</i>",
        link=lambda inner, url: f'<a href="{html.escape(url, quote=True)}">{inner}</a>',
    )


def to_plain(text: str) -> str:
    """Terminal text: markers removed, links written out after their label."""
    return _render(
        text,
        literal=lambda chunk: chunk,
        bold=lambda inner: inner,
        italic=lambda inner: inner,
        link=lambda inner, url: inner if _same_target(inner, url) else f"{inner} ({url})",
    )


def strip(text: str) -> str:
    """The words only: what the matcher indexes."""
    return _render(
        text,
        literal=lambda chunk: chunk,
        bold=lambda inner: inner,
        italic=lambda inner: inner,
        link=lambda inner, _url: inner,
    )


def _same_target(label: str, url: str) -> bool:
    return url.split(":", 1)[-1].lstrip("/").rstrip("/") == label.rstrip("/")


def _park(text: str) -> str:
    return _ESCAPE_SEQUENCE.sub(lambda m: _PARK[m.group(1)], text)


def _unpark(text: str) -> str:
    return text.translate(_UNPARK)


def _render(
    text: str,
    *,
    literal: Callable[[str], str],
    bold: Callable[[str], str],
    italic: Callable[[str], str],
    link: Callable[[str, str], str],
) -> str:
    lines = [_BULLET.sub("• ", line.rstrip()) for line in text.strip("\n").split("\n")]
    parked = _park("\n".join(lines))

    def inline(chunk: str) -> str:
        out: list[str] = []
        position = 0
        for match in _INLINE.finditer(chunk):
            out.append(literal(_unpark(chunk[position : match.start()])))
            if match.group("bold") is not None:
                out.append(bold(inline(match.group("bold"))))
            elif match.group("italic") is not None:
                out.append(italic(inline(match.group("italic"))))
            else:
                url = _unpark(match.group("url"))
                if url.startswith(_LINK_SCHEMES):
                    out.append(link(inline(match.group("label")), url))
                else:
                    out.append(literal(_unpark(match.group(0))))
            position = match.end()
        out.append(literal(_unpark(chunk[position:])))
        return "".join(out)

    return inline(parked)
