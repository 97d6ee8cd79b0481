"""What a message asks beyond its topic: a person, urgent help, or work on a personal case."""

from __future__ import annotations

from functools import cache

from bot.search.fold import prefix
from bot.search.lexicon import (
    CASEWORK_PAIRS,
    CASEWORK_PHRASES,
    CASEWORK_WORDS,
    PERSON_ALONE_MAX_WORDS,
    PERSON_REQUEST_MAX_WORDS,
    PERSON_WORDS,
    STOPWORDS,
    TALK_WORDS,
    URGENT_FORMS,
    URGENT_PHRASES,
    URGENT_WORDS,
)

# Every check takes the message's sound keys (bot.search.fold.words), in order.


def wants_person(keys: list[str]) -> bool:
    """ "хочу поговорити з людиною", "chci mluvit s člověkem", "operator", "позовите оператора"."""
    if not any(key in PERSON_WORDS for key in keys):
        return False
    topic = [key for key in keys if key not in STOPWORDS]
    if len(topic) <= PERSON_ALONE_MAX_WORDS:
        return True
    return len(topic) <= PERSON_REQUEST_MAX_WORDS and any(prefix(k) in TALK_WORDS for k in keys)


def is_urgent(keys: list[str]) -> bool:
    """Violence, threats, someone in danger, suicide: in Czech, Ukrainian, Russian or English."""
    if any(key in URGENT_FORMS for key in keys):
        return True
    stems = [prefix(key) for key in keys]
    return any(s in URGENT_WORDS for s in stems) or _contains_any(stems, URGENT_PHRASES)


def is_casework(keys: list[str]) -> bool:
    """A request to work on the resident's own case (write an appeal, prepare for court)."""
    stems = [prefix(key) for key in keys]
    if any(s in CASEWORK_WORDS for s in stems) or _contains_any(stems, CASEWORK_PHRASES):
        return True
    return any(
        any(k in verbs for k in keys) and any(s in papers for s in stems)
        for verbs, papers in CASEWORK_PAIRS
    )


def _contains_any(stems: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether any phrase occurs in the stems, word after word."""
    by_first = _by_first_word(phrases)
    for start, first in enumerate(stems):
        for phrase in by_first.get(first, ()):
            if tuple(stems[start : start + len(phrase)]) == phrase:
                return True
    return False


@cache
def _by_first_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases grouped by their first stem: a message is scanned once, not per phrase."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            grouped.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in grouped.items()}
