"""Every interface string exists in cs, uk and en, with the right plural forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n.catalog import language_for, po_path, strings
from bot.knowledge.model import LANGUAGES

BOT = Path(__file__).resolve().parent.parent / "bot"


def used_message_ids() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(BOT), method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)}
    ):
        found.add(tuple(message) if isinstance(message, tuple | list) else message)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_id_is_translated(lang: str) -> None:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = []
    for message_id in used_message_ids():
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        entry = catalog.get(key)
        translated = entry is not None and (
            all(entry.string) if isinstance(entry.string, tuple | list) else bool(entry.string)
        )
        if not translated:
            missing.append(key)
    assert not missing, f"{lang}: untranslated {missing}"


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("cs", {1: "tento článek", 3: "těchto 3 článků", 5: "těchto 5 článků"}),
        ("uk", {1: "цю статтю", 3: "цих 3 статей", 21: "цю статтю"}),
        ("en", {1: "this article", 3: "these 3 articles"}),
    ],
)
def test_plural_forms(lang: str, counts: dict[int, str]) -> None:
    t = strings(lang)
    for count, fragment in counts.items():
        text = t.ngettext(
            "Did you mean this article?", "Did you mean one of these {count} articles?", count
        ).format(count=count)
        assert fragment in text, (count, text)


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("uk", "uk"),
        ("ru", "uk"),
        ("cs", "cs"),
        ("sk", "cs"),
        ("en-GB", "en"),
        ("de", "en"),
        (None, "en"),
    ],
)
def test_telegram_language_code_maps_to_ours(code: str | None, lang: str) -> None:
    assert language_for(code) == lang
