"""What a message asks beyond its topic: a person, urgent help, or work on a personal case."""

from __future__ import annotations

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
    for phrase in phrases:
        size = len(phrase)
        if any(tuple(stems[i : i + size]) == phrase for i in range(len(stems) - size + 1)):
            return True
    return False
