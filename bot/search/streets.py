"""Street names as residents type them: with or without diacritics, in Cyrillic, with typos.

A street is looked up by its key (folded like every other text, abbreviations written
out, the word "street" in any language dropped) exactly first, then fuzzily with
rapidfuzz over every key of the city's list: a few thousand names take a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.search.fold import to_ascii

# Abbreviations on street signs and in addresses, written out.
_ABBREVIATIONS = {"nam": "namesti", "tr": "trida", "sv": "svateho", "nabr": "nabrezi"}
# "Street" in Czech, Ukrainian and Russian (as transliterated by to_ascii), and English.
_NOISE = frozenset(
    ("ul", "ulice", "ulici", "vul", "vulitsya", "vulytsia", "ulitsa", "ulica", "street", "st")
)
_TOKEN = re.compile(r"[a-z0-9]+")
# A house number at the end: "12", "12a", "2731/7" (the number after the slash is the one
# on the street sign, the orientation number).
_NUMBER = re.compile(r"\s(\d{1,5})\s*[a-zA-Z]?(?:\s*/\s*(\d{1,5})\s*[a-zA-Z]?)?\s*$")

# A fuzzy hit is the street the resident meant when it is this good and this far ahead of
# the next one: very good and clearly first, or good and far ahead.
SURE = ((90.0, 4.0), (80.0, 10.0))
# Below this a candidate is not worth showing.
CANDIDATE_SCORE = 72.0
MAX_CANDIDATES = 4
# A name typed without its last word ("Klatovská" for "Klatovská třída") scores a little
# below the whole name written right.
PREFIX_WEIGHT = 0.95


def street_key(name: str) -> str:
    """The comparable form of a street name: "Nám. Republiky" -> "namesti republiky".

    Only diacritics, case, punctuation and abbreviations are folded, not spelling (as the
    matcher's sound keys do): "Kolárova" and "Kollárova" may be two streets. Spelling
    variants and typos are the fuzzy lookup's job.
    """
    tokens = _TOKEN.findall(to_ascii(name, None))
    return " ".join(_ABBREVIATIONS.get(word, word) for word in tokens if word not in _NOISE)


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
            scorer=_similarity,
            processor=None,
            limit=MAX_CANDIDATES + 1,
            score_cutoff=CANDIDATE_SCORE,
        )
        found = [StreetHit(choice, float(score)) for choice, score, _ in hits]
        if found:
            lead = found[0].score - (found[1].score if len(found) > 1 else 0.0)
            if any(found[0].score >= score and lead >= gap for score, gap in SURE):
                return found[:1]
        return found[:MAX_CANDIDATES]


def _similarity(query: str, key: str, *, score_cutoff: float | None = None, **_: object) -> float:
    """Edit similarity of the whole names, or of the query and the name's beginning.

    rapidfuzz's WRatio also matches any part of a name, so "Nerudy" scores as high in
    "Jana Nerudy" as in "Boženy Nerudy"; a street name typed short is cut at the end.
    """
    whole = fuzz.ratio(query, key)
    if len(key) > len(query) + 2:
        whole = max(whole, PREFIX_WEIGHT * fuzz.ratio(query, key[: len(query)]))
    return whole if score_cutoff is None or whole >= score_cutoff else 0.0
