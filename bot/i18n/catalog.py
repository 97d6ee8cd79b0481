"""The interface's strings in cs, uk and en, from the .po files next to this module.

The .po files are the source of truth and are compiled in memory on first use, so a
fresh checkout needs no build step and editors' fixes to a .po take effect on restart.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "bot"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Strings:
    """Translate interface strings for one language."""

    lang: str
    translations: gettext.NullTranslations

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


@cache
def strings(lang: str) -> Strings:
    return Strings(lang, _compile(lang))


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compile(lang: str) -> gettext.NullTranslations:
    path = po_path(lang)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_for(telegram_code: str | None) -> str:
    """Telegram's language_code to ours: uk and ru -> uk, cs and sk -> cs, else en."""
    base = (telegram_code or "").split("-")[0].lower()
    if base in ("uk", "ru"):
        return "uk"
    if base in ("cs", "sk"):
        return "cs"
    return DEFAULT_LANGUAGE
