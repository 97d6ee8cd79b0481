"""Street names as residents type them: with or without diacritics, in Cyrillic, with typos.

A street is looked up by its key (folded like every other text, abbreviations written
out, the word "street" in any language dropped) exactly first, then fuzzily with
rapidfuzz over every key of the city's list: a few thousand names take a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.search.fold import sound_key, to_ascii

# Abbreviations on street signs and in addresses, written out (keys of folded words).
_ABBREVIATIONS = {"nam": "namesti", "tr": "trida", "sv": "svateho", "nabr": "nabrezi"}
# "Street" in Czech, Ukrainian and Russian (transliterated), and English: not part of a name.
_NOISE = frozenset(
    sound_key(word)
    for word in (
        "ul", "ulice", "ulici", "vulytsia", "vulitsya", "vulica", "ulitsa", "ulica", "street", "st",
    )
)  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+")
# A house number at the end: "12", "12a", "2731/7" (the number after the slash is the one
# on the street sign, the orientation number).
_NUMBER = re.compile(r"\s(\d{1,5})\s*[a-zA-Z]?(?:\s*/\s*(\d{1,5})\s*[a-zA-Z]?)?\s*$")

# A fuzzy hit this good, and this far ahead of the next, is the street the resident meant.
SURE_SCORE = 88.0
SURE_LEAD = 6.0
# Below this a candidate is not worth showing.
CANDIDATE_SCORE = 72.0
MAX_CANDIDATES = 4


def street_key(name: str) -> str:
    """The comparable form of a street name: "Nám. Republiky" -> "namesti republiki"."""
    keys = (sound_key(token) for token in _TOKEN.findall(to_ascii(name, None)))
    return " ".join(_ABBREVIATIONS.get(key, key) for key in keys if key not in _NOISE)


@dataclass(frozen=True)
class Address:
    street: str
    number: int | None


def parse_address(text: str) -> Address:
    """Split "Klatovská 12, Plzeň" into the street and the number on the sign."""
    head = text.split(",", 1)[0].strip()
    match = _NUMBER.search(" " + head)
    if match is None:
        return Address(head, None)
    number = int(match.group(2) or match.group(1))
    return Address((" " + head)[: match.start()].strip(), number)


@dataclass(frozen=True)
class StreetHit:
    key: str
    score: float


class StreetIndex:
    """Street keys of a list of names, looked up exactly or fuzzily."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = sorted(set(keys))
        self._known = frozenset(self.keys)

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def find(self, street: str) -> list[StreetHit]:
        """One sure hit, or up to MAX_CANDIDATES likely ones (best first), or nothing."""
        key = street_key(street)
        if not key:
            return []
        if key in self._known:
            return [StreetHit(key, 100.0)]
        hits = process.extract(
            key,
            self.keys,
            scorer=fuzz.WRatio,
            processor=None,
            limit=MAX_CANDIDATES + 1,
            score_cutoff=CANDIDATE_SCORE,
        )
        found = [StreetHit(choice, float(score)) for choice, score, _ in hits]
        sure = found and found[0].score >= SURE_SCORE
        if sure and (len(found) == 1 or found[0].score - found[1].score >= SURE_LEAD):
            return found[:1]
        return found[:MAX_CANDIDATES]
