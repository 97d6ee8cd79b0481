"""What a message asks beyond its topic: a person, urgent help, or work on a personal case."""

from __future__ import annotations

from bot.search.fold import fold
from bot.search.lexicon import (
    CASEWORK_PHRASES,
    CASEWORK_WORDS,
    PERSON_ALONE_MAX_WORDS,
    PERSON_REQUEST_MAX_WORDS,
    PERSON_WORDS,
    STOPWORDS,
    TALK_WORDS,
    URGENT_PHRASES,
    URGENT_WORDS,
)


def wants_person(stems: list[str]) -> bool:
    """ "хочу поговорити з людиною", "chci mluvit s člověkem", "operator", "позовите оператора"."""
    topic = [s for s in stems if s not in STOPWORDS]
    if not any(s in PERSON_WORDS for s in stems):
        return False
    if len(topic) <= PERSON_ALONE_MAX_WORDS:
        return True
    return len(topic) <= PERSON_REQUEST_MAX_WORDS and any(s in TALK_WORDS for s in stems)


def is_urgent(stems: list[str]) -> bool:
    """Violence, threats, someone in danger, suicide: in Czech, Ukrainian, Russian or English."""
    return any(s in URGENT_WORDS for s in stems) or _contains_any(stems, URGENT_PHRASES)


def is_casework(stems: list[str]) -> bool:
    """A request to work on the resident's own case (write an appeal, prepare for court)."""
    return any(s in CASEWORK_WORDS for s in stems) or _contains_any(stems, CASEWORK_PHRASES)


def _contains_any(stems: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for phrase in phrases:
        size = len(phrase)
        if any(tuple(stems[i : i + size]) == phrase for i in range(len(stems) - size + 1)):
            return True
    return False


__all__ = ["fold", "is_casework", "is_urgent", "wants_person"]
