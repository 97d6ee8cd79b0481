"""Load the Bot API description (api.json) and check requests and objects against it."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .html import HtmlError, parse_text, utf16_len

__all__ = [
    "BotApiSpec",
    "CheckResult",
    "FieldSpec",
    "MethodSpec",
    "RawRequest",
    "TypeSpec",
    "UploadedFile",
]

PRIMITIVES = frozenset({"Integer", "Float", "Boolean", "String", "InputFile"})
PARSE_MODES = frozenset({"html", "markdown", "markdownv2"})
# python-telegram-bot 22 builds every send/edit call on ``Bot._send_message``, which fills
# these from ``telegram.ext.Defaults`` even where the method has no such parameter
# (``parse_mode`` on sendLocation/sendPoll, ``protect_content`` on editMessageText, ...).
# Telegram ignores unknown parameters, so the fake tolerates exactly these three.
PTB_EXTRA_PARAMS: Mapping[str, tuple[str, ...]] = {
    "parse_mode": ("String",),
    "disable_notification": ("Boolean",),
    "protect_content": ("Boolean",),
}
_INT_RE = re.compile(r"-?[0-9]+")
_LIMIT_RE = re.compile(r"(\d+)-(\d+)\s+(characters|bytes)")
_DISCRIMINATOR_RE = re.compile(r'(?:always|must be) "?([a-z_]+)"?')
_ATTACH = "attach://"
_USERNAME_RE = re.compile(r"@[A-Za-z][A-Za-z0-9_]*")
# InlineKeyboardButton: "Exactly one of the fields other than text, icon_custom_emoji_id,
# and style must be used".
_BUTTON_NON_ACTIONS = frozenset({"text", "icon_custom_emoji_id", "style"})
_PARSED_BY_DEFAULT = frozenset({"text", "caption", "message_text"})


@dataclass(frozen=True)
class Limit:
    """A length limit taken from a field description, e.g. "1-4096 characters"."""

    low: int
    high: int
    unit: str  # "characters" (UTF-16 code units) or "bytes" (UTF-8)
    parse_mode_field: str | None  # sibling giving the parse mode, if any
    entities_field: str | None  # sibling with explicit entities, if any


@dataclass(frozen=True)
class FieldSpec:
    """One parameter of a method or field of a type."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str
    limit: Limit | None = None


@dataclass(frozen=True)
class TypeSpec:
    """An object type: either with fields or an abstract union of subtypes."""

    name: str
    fields: Mapping[str, FieldSpec]
    subtypes: tuple[str, ...]
    discriminator: tuple[str, str] | None  # (field, literal) identifying this subtype


@dataclass(frozen=True)
class MethodSpec:
    """A Bot API method."""

    name: str
    fields: Mapping[str, FieldSpec]
    returns: tuple[str, ...]


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass
class RawRequest:
    """Parameters as received: strings (form/query) or JSON values (JSON body), plus files."""

    args: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)


@dataclass
class CheckResult:
    """Decoded parameters, extra attached files and the problems found."""

    params: dict[str, Any]
    attachments: dict[str, UploadedFile]
    problems: list[str]


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"String {shown!r}"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _build_fields(raw_fields: Sequence[Mapping[str, Any]]) -> dict[str, FieldSpec]:
    names = {f["name"] for f in raw_fields}
    out: dict[str, FieldSpec] = {}
    for f in raw_fields:
        name, desc = f["name"], f.get("description", "")
        limit = None
        match = _LIMIT_RE.search(desc)
        if match and f["types"] == ["String"]:
            pm_field: str | None = None
            if f"{name}_parse_mode" in names:
                pm_field = f"{name}_parse_mode"
            elif "parse_mode" in names and (
                "after entities parsing" in desc or name in _PARSED_BY_DEFAULT
            ):
                pm_field = "parse_mode"
            ent_field = next(
                (
                    c
                    for c in (f"{name}_entities", "entities" if name != "caption" else "")
                    if c and c in names
                ),
                None,
            )
            limit = Limit(
                int(match.group(1)),
                int(match.group(2)),
                match.group(3),
                pm_field,
                ent_field if pm_field else None,
            )
        out[name] = FieldSpec(name, tuple(f["types"]), bool(f["required"]), desc, limit)
    return out


class BotApiSpec:
    """The Bot API as data, with request and object checkers."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Index methods and types of a parsed api.json."""
        self.version: str = str(data.get("version", "?"))
        self.methods: dict[str, MethodSpec] = {}
        self.types: dict[str, TypeSpec] = {}
        for name, m in data["methods"].items():
            self.methods[name] = MethodSpec(
                name, _build_fields(m.get("fields", [])), tuple(m.get("returns", []))
            )
        for name, t in data["types"].items():
            raw_fields = t.get("fields", [])
            disc = None
            if t.get("subtype_of") and raw_fields:
                first = raw_fields[0]
                match = _DISCRIMINATOR_RE.search(first.get("description", ""))
                if match and first["types"] == ["String"]:
                    disc = (first["name"], match.group(1))
            self.types[name] = TypeSpec(
                name, _build_fields(raw_fields), tuple(t.get("subtypes", [])), disc
            )
        self._by_lower = {name.lower(): spec for name, spec in self.methods.items()}

    @classmethod
    def load(cls, path: Path) -> BotApiSpec:
        """Read api.json from ``path``."""
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def method(self, name: str) -> MethodSpec | None:
        """The method called ``name`` (case-insensitive, as Telegram matches), if any."""
        return self._by_lower.get(name.lower())

    # ------------------------------------------------------------------ requests

    def check_request(self, method: MethodSpec, raw: RawRequest) -> CheckResult:
        """Check and decode the parameters of one call of ``method``."""
        checker = _Checker(self)
        params: dict[str, Any] = {}
        for name, value in raw.args.items():
            spec = method.fields.get(name)
            if spec is None:
                extra = PTB_EXTRA_PARAMS.get(name)
                if extra is None:
                    checker.problems.append(f'unknown parameter "{name}"')
                    params[name] = value
                else:  # decode, but never complain: Telegram ignores it
                    params[name] = _Checker(self).top_level(name, value, extra)
                continue
            if name in raw.files:
                checker.problems.append(f'parameter "{name}" is given both as a value and a file')
            params[name] = checker.top_level(name, value, spec.types)
        attachments: dict[str, UploadedFile] = {}
        for name, upload in raw.files.items():
            spec = method.fields.get(name)
            if spec is not None and "InputFile" in spec.types:
                params.setdefault(name, upload)
            elif spec is not None:
                checker.problems.append(f'parameter "{name}" does not accept a file upload')
            else:
                attachments[name] = upload
        for name, spec in method.fields.items():
            if spec.required and name not in params:
                checker.problems.append(f'required parameter "{name}" is missing')
        checker.problems.extend(_field_rules(method.fields, params, ""))
        for name in attachments:
            if name not in checker.attach_refs:
                checker.problems.append(
                    f'file part "{name}" is neither a parameter nor referenced by attach://'
                )
        for ref in sorted(checker.attach_refs):
            if ref not in attachments and ref not in raw.files:
                checker.problems.append(f'"attach://{ref}" refers to no uploaded file part')
        return CheckResult(params, attachments, checker.problems)

    # ------------------------------------------------------------------ objects

    def check_object(self, value: Any, types: str | Sequence[str], path: str = "") -> list[str]:
        """Problems of a JSON value against a type expression (or union); [] if it conforms."""
        union = (types,) if isinstance(types, str) else tuple(types)
        return _Checker(self).union(value, union, path)


class _Checker:
    """One checking pass; collects problems and attach:// references."""

    def __init__(self, spec: BotApiSpec) -> None:
        self.spec = spec
        self.problems: list[str] = []
        self.attach_refs: set[str] = set()

    def top_level(self, name: str, value: Any, types: Sequence[str]) -> Any:
        """Decode a top-level parameter (form strings are coerced per the spec)."""
        if not isinstance(value, str):
            self.problems.extend(self.union(value, types, name))
            return value
        best: list[str] | None = None
        best_value: Any = value
        for t in types:
            ok, decoded = _coerce_scalar(value, t)
            if ok:
                if t in ("InputFile", "String"):
                    self._note_input_file(decoded)
                return decoded
            if t in PRIMITIVES:
                continue
            try:
                parsed = json.loads(value)
            except ValueError:
                continue
            sub = _Checker(self.spec)
            problems, kind_ok = sub.one(parsed, t, name)
            if kind_ok and not problems:
                self.attach_refs |= sub.attach_refs
                return parsed
            if kind_ok and (best is None or len(problems) < len(best)):
                best, best_value = problems, parsed
        if best is not None:
            self.problems.extend(best)
        else:
            self.problems.append(
                f'parameter "{name}" must be {" or ".join(types)}, got {_describe(value)}'
            )
        return best_value

    def _note_input_file(self, value: Any) -> None:
        """Remember an ``attach://name`` reference (media fields are typed String in the spec)."""
        if isinstance(value, str) and value.startswith(_ATTACH):
            self.attach_refs.add(value[len(_ATTACH) :])

    def union(self, value: Any, types: Sequence[str], path: str) -> list[str]:
        """Problems of ``value`` against any of ``types``; [] if one matches."""
        problems, kind_ok = self.union_detail(value, types, path)
        if kind_ok:
            return problems
        return [f"{path or 'value'}: expected {' or '.join(types)}, got {_describe(value)}"]

    def union_detail(self, value: Any, types: Sequence[str], path: str) -> tuple[list[str], bool]:
        """Problems of the best-fitting member of ``types`` and whether any JSON kind fit."""
        best: list[str] | None = None
        for t in types:
            sub = _Checker(self.spec)
            problems, kind_ok = sub.one(value, t, path)
            if kind_ok and not problems:
                self.attach_refs |= sub.attach_refs
                return [], True
            if kind_ok and (best is None or len(problems) < len(best)):
                best = problems
        return (best, True) if best is not None else ([], False)

    def one(self, value: Any, t: str, path: str) -> tuple[list[str], bool]:
        """Problems against one type expression, and whether the JSON kind matched."""
        if t.startswith("Array of "):
            if not isinstance(value, list):
                return [], False
            inner = t[len("Array of ") :]
            problems: list[str] = []
            for i, item in enumerate(value):
                problems.extend(self.union(item, (inner,), f"{path}[{i}]"))
            return problems, True
        if t in PRIMITIVES:
            ok = _json_kind_ok(value, t)
            if ok and t in ("InputFile", "String"):
                self._note_input_file(value)
            return [], ok
        spec = self.spec.types.get(t)
        if spec is None:
            return [f"{path}: type {t} is not in the spec"], True
        if spec.subtypes:
            return self._abstract(value, spec, path)
        if not isinstance(value, dict):
            return [], False
        return self._fields(value, spec, path), True

    def _abstract(self, value: Any, spec: TypeSpec, path: str) -> tuple[list[str], bool]:
        candidates: list[str] = []
        disc_field: str | None = None
        for sub in spec.subtypes:
            sub_spec = self.spec.types.get(sub)
            if sub_spec is None or sub_spec.discriminator is None or not isinstance(value, dict):
                candidates.append(sub)
                continue
            disc_field, literal = sub_spec.discriminator
            if value.get(disc_field) == literal:
                candidates.append(sub)
        if not candidates:
            if isinstance(value, dict) and disc_field is not None:
                return [
                    f"{_join(path, disc_field)}: {_describe(value.get(disc_field))} "
                    f"is not a known {spec.name} kind"
                ], True
            return [], False
        return self.union_detail(value, candidates, path)

    def _fields(self, value: dict[str, Any], spec: TypeSpec, path: str) -> list[str]:
        problems: list[str] = []
        for key, item in value.items():
            fspec = spec.fields.get(key)
            if fspec is None:
                problems.append(f'{path or "value"}: unknown field "{key}" for {spec.name}')
                continue
            problems.extend(self.union(item, fspec.types, _join(path, key)))
        for name, fspec in spec.fields.items():
            if fspec.required and name not in value:
                problems.append(f'{path or "value"}: {spec.name} requires field "{name}"')
        problems.extend(_field_rules(spec.fields, value, path))
        if spec.name == "InlineKeyboardButton":
            actions = [k for k in value if k not in _BUTTON_NON_ACTIONS]
            if len(actions) != 1:
                allowed = [k for k in spec.fields if k not in _BUTTON_NON_ACTIONS]
                problems.append(
                    f"{path or 'value'}: an InlineKeyboardButton needs exactly one of "
                    f"{', '.join(allowed)}; got {actions or 'none'}"
                )
        return problems


def _coerce_scalar(value: str, t: str) -> tuple[bool, Any]:
    """Decode a form string as primitive type ``t``; (False, None) if it does not fit."""
    if t == "String" or t == "InputFile":
        return True, value
    if t == "Integer":
        return (True, int(value)) if _INT_RE.fullmatch(value) else (False, None)
    if t == "Float":
        try:
            number = float(value)
        except ValueError:
            return False, None
        return (True, number) if math.isfinite(number) else (False, None)
    if t == "Boolean":
        if value in ("true", "false"):
            return True, value == "true"
        return False, None
    return False, None


def _json_kind_ok(value: Any, t: str) -> bool:
    if t == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "Float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t == "Boolean":
        return isinstance(value, bool)
    return isinstance(value, str)  # String, InputFile (file_id, URL or attach://)


def _field_rules(
    fields: Mapping[str, FieldSpec], values: Mapping[str, Any], path: str
) -> list[str]:
    """Semantic rules: parse modes, HTML well-formedness and length limits."""
    problems: list[str] = []
    for name, value in values.items():
        where = _join(path, name)
        if name.endswith("parse_mode") and name in fields:
            if isinstance(value, str) and value.lower() not in PARSE_MODES:
                problems.append(f'{where}: unsupported parse_mode "{value}"')
            continue
        if name in ("chat_id", "from_chat_id") and isinstance(value, str):
            if not _USERNAME_RE.fullmatch(value):
                problems.append(f"{where}: {value!r} is neither an integer id nor an @username")
            continue
        spec = fields.get(name)
        if spec is None or spec.limit is None or not isinstance(value, str):
            continue
        limit = spec.limit
        plain = value
        if limit.parse_mode_field is not None:
            mode = values.get(limit.parse_mode_field)
            has_entities = limit.entities_field is not None and bool(
                values.get(limit.entities_field)
            )
            try:
                plain = parse_text(
                    value, mode if isinstance(mode, str) else None, has_entities
                ).text
            except HtmlError as exc:
                problems.append(f"{where}: {exc}")
                continue
        if limit.unit == "bytes":
            size, unit = len(plain.encode("utf-8")), "bytes"
        else:
            size, unit = utf16_len(plain), "characters"
        parsed = " after entity parsing" if limit.parse_mode_field else ""
        blank = limit.parse_mode_field is not None and not plain.strip()
        if size < limit.low or (limit.low >= 1 and blank):
            what = "message text" if name in ("text", "message_text") else name
            problems.append(f"{where}: {what} is empty{parsed} (needs {limit.low}-{limit.high})")
        elif size > limit.high:
            telegram_words = {
                "text": "message is too long",
                "message_text": "message is too long",
                "caption": "message caption is too long",
            }
            words = telegram_words.get(name, "too long") if parsed else "too long"
            problems.append(f"{where}: {words} ({size} {unit}{parsed}, at most {limit.high})")
    return problems
