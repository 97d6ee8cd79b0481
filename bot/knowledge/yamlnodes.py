"""Reading YAML while keeping line numbers, and recording every problem instead of stopping.

PyYAML's composed nodes remember where they start; constructing values field by field
from them lets every message name the exact line of the field at fault.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.problems import Problem, Severity


@dataclass
class Mapping:
    """A YAML mapping: each key with its value node, plus where the mapping starts."""

    line: int
    entries: dict[str, yaml.Node]
    key_lines: dict[str, int]


@dataclass
class FileReader:
    """Reads one YAML file's fields, recording problems with this file's name and lines."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, Severity.WARNING))

    def load(self, file: Path) -> Mapping | None:
        """Parse the file; a syntax error is recorded with the line YAML stopped at."""
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(1, f"cannot read file: {exc}")
            return None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            message = f"YAML syntax: {exc.problem or exc.context}"
            if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
                message += f" ({exc.context} started on line {exc.context_mark.line + 1})"
            self.error(line, message)
            return None
        except yaml.YAMLError as exc:
            self.error(1, f"YAML: {exc}")
            return None
        if node is None:
            self.error(1, "the file is empty")
            return None
        return self.mapping(node, "the file")

    def mapping(self, node: yaml.Node, what: str) -> Mapping | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(_line(node), f"{what} must be a mapping of fields")
            return None
        entries: dict[str, yaml.Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in entries:
                self.error(_line(key_node), f"field '{key}' appears twice")
            entries[key] = value_node
            key_lines[key] = _line(key_node)
        return Mapping(_line(node), entries, key_lines)

    def nested(self, mapping: Mapping, key: str) -> Mapping | None:
        """A field whose value is itself a mapping; None if absent or not a mapping (recorded)."""
        node = mapping.entries.get(key)
        return None if node is None else self.mapping(node, f"'{key}'")

    def check_fields(
        self, mapping: Mapping, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> None:
        for key, line in mapping.key_lines.items():
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.error(line, f"unknown field '{key}' (allowed: {allowed})")
        for key in required:
            if key not in mapping.entries:
                self.error(mapping.line, f"missing required field '{key}'")

    def text(
        self, mapping: Mapping, key: str, *, max_length: int | None = None
    ) -> tuple[str, int] | None:
        """A non-empty string field with the line its value starts on."""
        node = mapping.entries.get(key)
        if node is None:
            return None
        value = _scalar(node)
        if not isinstance(value, str) and isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(_line(node), f"'{key}' must be non-empty text")
            return None
        if max_length is not None and len(value) > max_length:
            self.error(_line(node), f"'{key}' is {len(value)} characters; at most {max_length}")
        return value.strip(), _content_line(node)

    def text_list(self, mapping: Mapping, key: str) -> list[tuple[str, int]]:
        node = mapping.entries.get(key)
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(_line(node), f"'{key}' must be a list")
            return []
        items: list[tuple[str, int]] = []
        for item in node.value:
            value = _scalar(item)
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                self.error(_line(item), f"every item of '{key}' must be non-empty text")
                continue
            items.append((value.strip(), _line(item)))
        return items

    def date(self, mapping: Mapping, key: str) -> dt.date | None:
        node = mapping.entries.get(key)
        if node is None:
            return None
        value = _scalar(node)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.error(_line(node), f"'{key}' must be a date written YYYY-MM-DD")
        return None

    def integer(self, mapping: Mapping, key: str, default: int) -> int:
        node = mapping.entries.get(key)
        if node is None:
            return default
        value = _scalar(node)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.error(_line(node), f"'{key}' must be a whole number")
        return default

    def number(self, mapping: Mapping, key: str) -> float | None:
        node = mapping.entries.get(key)
        if node is None:
            return None
        value = _scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.error(_line(node), f"'{key}' must be a number")
        return None

    def languages(self, mapping: Mapping, key: str, languages: tuple[str, ...]) -> dict[str, str]:
        """A {cs: ..., uk: ..., en: ...} field; every language required."""
        inner = self.nested(mapping, key)
        if inner is None:
            return {}
        self.check_fields(inner, required=languages)
        values: dict[str, str] = {}
        for lang in languages:
            found = self.text(inner, lang)
            if found is not None:
                values[lang] = found[0]
        return values


def line_of(node: yaml.Node) -> int:
    return _line(node)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _content_line(node: yaml.Node) -> int:
    """Where the text itself starts: block scalars (| and >) begin on the next line."""
    style = getattr(node, "style", None)
    return _line(node) + (1 if style in ("|", ">") else 0)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    return yaml.SafeLoader("").construct_object(node, deep=True)


URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")
