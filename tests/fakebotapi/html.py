"""Telegram HTML parse mode: validation, plain-text extraction and entity building.

Modelled on the parser of the Telegram server (tdlib ``parse_html``), but stricter
where the lenient behaviour hides bot bugs: a bare ``&`` and unknown attributes are
errors here, and ``<a>`` needs ``href``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HtmlError",
    "ParsedText",
    "parse_html",
    "parse_text",
    "utf16_len",
]

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "tg-time",
        "code",
        "pre",
        "blockquote",
    }
)

# Attributes each tag may carry; Telegram silently ignores others, we refuse them.
_ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "span": frozenset({"class"}),
    "code": frozenset({"class"}),
    "tg-emoji": frozenset({"emoji-id"}),
    "tg-time": frozenset({"unix", "format"}),
    "blockquote": frozenset({"expandable"}),
}

_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_UNQUOTED_VALUE_RE = re.compile(r"[A-Za-z0-9_.\-]+")
_SPECIAL_RE = re.compile("[<&]")
_TG_USER_RE = re.compile(r"^tg://user\?id=(\d+)$")


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; the message mimics Telegram's wording."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass
class ParsedText:
    """Plain text after entity parsing plus the MessageEntity dicts Telegram would return."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Open:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset into the plain text
    language: str | None = None  # from a nested <code class="language-x"> inside <pre>


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class _ByteOffset:
    """Where a tag starts, in UTF-8 bytes as Telegram reports it; worked out only when an
    error message is written (counting on every tag made long texts quadratic)."""

    text: str
    index: int

    def __str__(self) -> str:
        return str(_byte_offset(self.text, self.index))


def _decode_entity(text: str, i: int) -> tuple[str, int]:
    """Decode the character reference starting at ``text[i] == '&'``."""
    match = _ENTITY_RE.match(text, i)
    if match is None:
        raise HtmlError(
            f'can\'t parse entities: unescaped "&" at byte offset {_byte_offset(text, i)} '
            "(write &amp;)"
        )
    named, dec, hexa = match.groups()
    if named is not None:
        return _NAMED_ENTITIES[named], match.end()
    code = int(dec, 10) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlError(
            f"can't parse entities: invalid character reference at byte offset "
            f"{_byte_offset(text, i)}"
        )
    return chr(code), match.end()


def _decode_value(text: str, start: int, end: int) -> str:
    out: list[str] = []
    i = start
    while i < end:
        if text[i] == "&":
            ch, i = _decode_entity(text, i)
            out.append(ch)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse attributes up to and including ``>``; return them and the next index."""
    attrs: dict[str, str] = {}
    n = len(text)
    off = _ByteOffset(text, begin)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlError(f"can't parse entities: unclosed start tag at byte offset {off}")
        if text[i] == ">":
            return attrs, i + 1
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[name_start:i].lower()
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] != "=":
            if tag == "blockquote" and name == "expandable":
                attrs[name] = ""
                continue
            raise HtmlError(
                "can't parse entities: expected equal sign in declaration of an attribute "
                f'of the tag "{tag}" at byte offset {off}'
            )
        i += 1  # skip '='
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlError(f"can't parse entities: unclosed start tag at byte offset {off}")
        if text[i] in "\"'":
            quote = text[i]
            close = text.find(quote, i + 1)
            if close < 0:
                raise HtmlError(
                    f"can't parse entities: unclosed attribute value at byte offset {off}"
                )
            value = _decode_value(text, i + 1, close)
            i = close + 1
        else:
            match = _UNQUOTED_VALUE_RE.match(text, i)
            if match is None:
                raise HtmlError(
                    "can't parse entities: unexpected character in the value of an attribute "
                    f'of the tag "{tag}" at byte offset {off}'
                )
            value = match.group()
            i = match.end()
        if name not in _ALLOWED_ATTRS.get(tag, frozenset()):
            raise HtmlError(
                f'can\'t parse entities: unsupported attribute "{name}" of the tag "{tag}" '
                f"at byte offset {off}"
            )
        attrs[name] = value


def _check_start_tag(tag: str, attrs: dict[str, str], off: _ByteOffset) -> None:
    if tag == "span" and attrs.get("class") != "tg-spoiler":
        raise HtmlError(
            f'can\'t parse entities: tag "span" must have class "tg-spoiler" at byte offset {off}'
        )
    if tag == "a" and not attrs.get("href"):
        raise HtmlError(f'can\'t parse entities: tag "a" needs an href at byte offset {off}')
    if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise HtmlError(
            f'can\'t parse entities: tag "tg-emoji" needs a numeric emoji-id at byte offset {off}'
        )
    if tag == "tg-time" and not attrs.get("unix", "").isdigit():
        raise HtmlError(
            f'can\'t parse entities: tag "tg-time" needs a numeric unix time at byte offset {off}'
        )
    if tag == "code" and "class" in attrs and not attrs["class"].startswith("language-"):
        raise HtmlError(
            f'can\'t parse entities: class of "code" must start with "language-" at byte offset '
            f"{off}"
        )


def _entity_for(open_tag: _Open, length: int, parent: _Open | None) -> dict[str, Any] | None:
    tag, attrs = open_tag.name, open_tag.attrs
    entity: dict[str, Any] = {"offset": open_tag.start, "length": length}
    if tag == "a":
        href = attrs["href"]
        user = _TG_USER_RE.match(href)
        if user is not None:
            mentioned = {"id": int(user.group(1)), "is_bot": False, "first_name": "User"}
            entity.update(type="text_mention", user=mentioned)
        else:
            entity.update(type="text_link", url=href)
    elif tag == "blockquote":
        entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
    elif tag == "tg-emoji":
        entity.update(type="custom_emoji", custom_emoji_id=attrs["emoji-id"])
    elif tag == "tg-time":
        entity.update(type="date_time", unix_time=int(attrs["unix"]))
        if "format" in attrs:
            entity["date_time_format"] = attrs["format"]
    elif tag == "code" and parent is not None and parent.name == "pre":
        # <pre><code class="language-x"> is one pre entity with a language.
        return None
    else:
        entity["type"] = _SIMPLE_ENTITY[tag]
        if tag == "pre" and open_tag.language:
            entity["language"] = open_tag.language
    return entity


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML; return the plain text and entities or raise :class:`HtmlError`."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of the plain text so far
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        special = _SPECIAL_RE.search(text, i)
        stop = n if special is None else special.start()
        if stop > i:  # plain text up to the next tag or character reference, in one piece
            run = text[i:stop]
            out.append(run)
            out_len += utf16_len(run)
            i = stop
            continue
        if text[i] == "&":
            decoded, i = _decode_entity(text, i)
            out.append(decoded)
            out_len += utf16_len(decoded)
            continue
        begin = i
        off = _ByteOffset(text, begin)
        i += 1
        if i < n and text[i] == "/":
            close = text.find(">", i)
            if close < 0:
                raise HtmlError(f"can't parse entities: unclosed end tag at byte offset {off}")
            name = text[i + 1 : close].strip().lower()
            if not stack:
                raise HtmlError(f"can't parse entities: unexpected end tag at byte offset {off}")
            top = stack[-1]
            if name != top.name:
                raise HtmlError(
                    f"can't parse entities: unmatched end tag at byte offset {off}, "
                    f'expected "</{top.name}>", found "</{name}>"'
                )
            stack.pop()
            entity = _entity_for(top, out_len - top.start, stack[-1] if stack else None)
            if entity is not None and entity["length"] > 0:
                entities.append(entity)
            i = close + 1
            continue
        name_start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlError(f"can't parse entities: unclosed start tag at byte offset {off}")
        tag = text[name_start:i].lower()
        if tag not in ALLOWED_TAGS:
            raise HtmlError(
                f'can\'t parse entities: unsupported start tag "{tag}" at byte offset {off}'
            )
        attrs, i = _parse_attributes(text, i, tag, begin)
        _check_start_tag(tag, attrs, off)
        if tag == "code" and stack and stack[-1].name == "pre" and "class" in attrs:
            stack[-1].language = attrs["class"].removeprefix("language-")
        stack.append(_Open(tag, attrs, out_len))
    if stack:
        raise HtmlError(
            "can't parse entities: can't find end tag corresponding to start tag "
            f'"{stack[-1].name}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def parse_text(text: str, parse_mode: str | None, has_entities: bool = False) -> ParsedText:
    """Plain text as Telegram would store it for the given parse mode.

    Only HTML is really parsed; Markdown modes are counted as sent (an upper bound).
    Explicit entities make Telegram ignore ``parse_mode``.
    """
    if has_entities or parse_mode is None or parse_mode.lower() != "html":
        return ParsedText(text)
    return parse_html(text)
