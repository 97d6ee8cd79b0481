"""What a message asks beyond its topic: a person, urgent help, or work on a personal case."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import cache

from bot.search.fold import ENGLISH_ING, prefix, stem
from bot.search.lexicon import (
    ABROAD_FROM_HERE_WORDS,
    AFTER_WORDS,
    BOT_WORDS,
    CALLBACK_PHRASES,
    CASEWORK_PAIRS,
    CASEWORK_PHRASES,
    CASEWORK_WORDS,
    CONTRAST_WORDS,
    ENGLISH_ARTICLES,
    FEELING_WORDS,
    HERE_SCENES,
    HERE_WORDS,
    HOME_PLACES,
    INSTEAD_WORDS,
    LANGUAGE_REACH,
    LANGUAGE_WORDS,
    LAWYER_WORDS,
    LIVING_WORDS,
    MACHINE_WORDS,
    MEDICAL_FORMS,
    NEGATIONS,
    NOT_BOT_REACH,
    NOT_TALK_REACH,
    NOT_WANTING,
    ONE_TO_TALK_TO_REACH,
    OR_WORDS,
    OWNING_WORDS,
    PAST_SCENE_REACH,
    PAST_SCENE_WORDS,
    PERSON_ALONE_MAX_WORDS,
    PERSON_REQUEST_MAX_WORDS,
    PERSON_WITH_BOT_MAX_WORDS,
    PERSON_WORDS,
    PRESENCE_MAX_WORDS,
    PRESENCE_WORDS,
    REAL_WORDS,
    RIGHT_HERE_WORDS,
    SCENE_PREPOSITIONS,
    SOMEONE_WORDS,
    STAFF_WORDS,
    STOPWORDS,
    TALK_AFTER_WORDS,
    TALK_REACH,
    TALK_REACH_BEFORE,
    TALK_WORDS,
    TALKED_WORDS,
    TALKING_WRITER,
    TRANSLATE_OPENERS,
    TRANSLATE_OPENING,
    URGENT_FORMS,
    URGENT_PHRASES,
    URGENT_WORDS,
    WANT_WORDS,
    WANTING,
    WEAPON_WORDS,
    WITH_WORDS,
    YOU_WORDS,
)

BOT_OR_MACHINE = BOT_WORDS | MACHINE_WORDS

# Every check takes the message's sound keys (bot.search.fold.words), in order.


def wants_person(keys: list[str]) -> bool:
    """ "хочу поговорити з людиною", "chci mluvit s člověkem", "operator", "позовите оператора"."""
    direct = [at for at, key in enumerate(keys) if key in PERSON_WORDS]
    staff = [at for at, key in enumerate(keys) if key in STAFF_WORDS]
    someone = [at for at, key in enumerate(keys) if key in SOMEONE_WORDS] + staff
    if _anyone_there(keys) or _contains_any(keys, CALLBACK_PHRASES) or _instead_of_bot(keys):
        return True
    if not direct and not someone:
        return False
    if _asks_if_person(keys, direct):
        return False
    if not direct and any(prefix(key) in FEELING_WORDS for key in keys):
        return False
    not_bot = _bot_after(keys, NEGATIONS, BOT_OR_MACHINE)
    # "ne bot, chci člověka": Czech "chci" folds like Ukrainian "чи" (or), so the
    # negation decides first.
    if _bot_or_person(keys) and not not_bot:
        return False
    topic = [key for key in keys if key not in STOPWORDS]
    if direct and len(topic) <= PERSON_ALONE_MAX_WORDS:
        return True
    if staff and len(topic) == 1:
        return True  # "agent", "консультант": a role alone, the way chat users ask for one
    about_bot = not_bot or any(key in BOT_WORDS for key in keys)
    if len(topic) > (PERSON_WITH_BOT_MAX_WORDS if about_bot else PERSON_REQUEST_MAX_WORDS):
        return False
    people = direct + someone
    if about_bot:
        # Whoever is named next to the bot is wanted instead of it ("бот нічого не
        # розуміє, дайте когось"); "бот чи людина?" was ruled out above.
        return True
    if any(_next_to(keys, person, REAL_WORDS) for person in people):
        return True
    if any(_wanted(keys, person) for person in direct + staff):
        return True
    talk = [
        at
        for at, key in enumerate(keys)
        if prefix(key) in TALK_WORDS
        and key not in TALKED_WORDS
        and not _describes_next(keys, at, people)
        and not _names_language_next(keys, at)
        and not _refused(keys, at)
    ]
    if any(_one_to_talk_to(keys, person) for person in direct):
        return True
    talk_after = [
        at
        for at, key in enumerate(keys)
        if prefix(key) in TALK_AFTER_WORDS and not _refused(keys, at)
    ]
    return any(0 < person - at <= TALK_REACH for at in talk for person in people) or any(
        0 < at - person <= TALK_REACH_BEFORE for at in talk_after for person in people
    )


def _one_to_talk_to(keys: list[str], person: int) -> bool:
    """ "a human operator I can chat with": the writer talks to the person named before."""
    after = keys[person + 1 : person + 1 + ONE_TO_TALK_TO_REACH]
    writer = next((n for n, key in enumerate(after) if key in TALKING_WRITER), None)
    return writer is not None and any(prefix(key) in TALK_WORDS for key in after[writer + 1 :])


def _asks_if_person(keys: list[str], direct: list[int]) -> bool:
    """ "are you a real person?", "ты живой человек?": a "you" right before the person
    word (function words and "real" between them not counted), with no wanting or
    talking word anywhere ("can you give me a human" asks for one)."""
    if any(key in WANT_WORDS or prefix(key) in TALK_WORDS for key in keys):
        return False
    return any(_just_before(keys, person, YOU_WORDS) for person in direct)


def _instead_of_bot(keys: list[str]) -> bool:
    """ "probrat s paní místo s robotem", "talk to someone instead of the bot": to talk
    with anyone instead of the bot is to talk with a person ("use the website instead
    of the bot" is not)."""
    return _bot_after(keys, INSTEAD_WORDS, BOT_WORDS) and any(
        prefix(key) in TALK_WORDS for key in keys
    )


def _bot_after(keys: list[str], cues: frozenset[str], bots: frozenset[str]) -> bool:
    """Whether a bot word follows one of the cues ("ne", "místo") within NOT_BOT_REACH."""
    return any(
        key in bots and any(k in cues for k in keys[max(0, at - NOT_BOT_REACH) : at])
        for at, key in enumerate(keys)
    )


def _describes_next(keys: list[str], at: int, people: list[int]) -> bool:
    """ "a Ukrainian-speaking assistant": an English -ing form right before the person
    describes them ("is there one?") rather than asking to talk to them."""
    return keys[at].endswith(ENGLISH_ING) and at + 1 in people


def _refused(keys: list[str], at: int) -> bool:
    """ "he does not want to talk to anyone", "nechce s nikým mluvit": the talking word
    at `at` is refused, a worry about someone rather than a request."""
    before = keys[max(0, at - NOT_TALK_REACH) : at]
    return any(key in NOT_WANTING for key in before) or any(
        negation in NEGATIONS and wanting in WANTING
        for negation, wanting in itertools.pairwise(before)
    )


def _names_language_next(keys: list[str], at: int) -> bool:
    """ "he doesn't speak Czech", "чи говорить оператор 112 українською": the talking
    word is about a language someone speaks. Not when the writer names whom to speak
    with ("speak Ukrainian with an assistant", "поговорити з оператором українською")."""
    after = keys[at + 1 : at + 1 + LANGUAGE_REACH]
    language = next((n for n, key in enumerate(after) if prefix(key) in LANGUAGE_WORDS), None)
    if language is None:
        return False
    with_whom = after[: language + 2]
    return not any(key in WITH_WORDS for key in with_whom)


def _anyone_there(keys: list[str]) -> bool:
    """ "je tam někdo?", "hello? anybody there?": whether anyone is reading; "je tam
    někdo skutečný?", "is anybody real there", "is there a human here or only a
    robot?": whether a person is, in any message."""
    anyone = [at for at, key in enumerate(keys) if key in PRESENCE_WORDS]
    if any(_next_to(keys, at, REAL_WORDS) for at in anyone):
        return True
    people = [at for at, key in enumerate(keys) if key in PERSON_WORDS]
    if any(_next_to(keys, at, RIGHT_HERE_WORDS) for at in people):
        return True
    return (
        len(keys) <= PRESENCE_MAX_WORDS and bool(anyone) and any(key in HERE_WORDS for key in keys)
    )


def _next_to(keys: list[str], at: int, neighbours: frozenset[str]) -> bool:
    before = keys[at - 1] if at > 0 else ""
    after = keys[at + 1] if at + 1 < len(keys) else ""
    return before in neighbours or after in neighbours


def _wanted(keys: list[str], person: int) -> bool:
    """ "хочу оператора", "chci živého člověka", "I need a human": a wanting word right
    before the person."""
    return _just_before(keys, person, WANT_WORDS)


def _just_before(keys: list[str], at: int, cues: frozenset[str]) -> bool:
    """Whether one of the cues comes right before the word at `at`, function words and
    "real" between them not counted ("I need a real human", "are you a real person")."""
    for key in reversed(keys[:at]):
        if key in cues:
            return True
        if key not in STOPWORDS and key not in REAL_WORDS:
            return False
    return False


def _bot_or_person(keys: list[str]) -> bool:
    """ "бот чи людина", "a human or a bot": the two as alternatives, one word apart
    (an article may sit between: "a bot or a person")."""
    for at, key in enumerate(keys):
        if key not in OR_WORDS:
            continue
        before = keys[max(0, at - 2) : at]
        after = keys[at + 1 : at + 3]
        for one, other in ((before, after), (after, before)):
            if any(k in BOT_WORDS for k in one) and any(k in PERSON_WORDS for k in other):
                return True
    return False


def is_urgent(keys: list[str]) -> bool:
    """Violence, threats, someone in danger, suicide: in Czech, Ukrainian, Russian or English."""
    if any(key in URGENT_FORMS for key in keys):
        return True
    if any(
        key in MEDICAL_FORMS and (at == 0 or keys[at - 1] not in AFTER_WORDS)
        for at, key in enumerate(keys)
    ):
        return True
    stems = [prefix(key) for key in keys]
    if any(s in URGENT_WORDS for s in stems) or _contains_any(stems, URGENT_PHRASES):
        return True
    return any(s in WEAPON_WORDS for s in stems) and not any(s in OWNING_WORDS for s in stems)


def is_casework(keys: list[str]) -> bool:
    """A request to work on the resident's own case (write an appeal, prepare for court)."""
    stems = [prefix(key) for key in keys]
    if any(s in LAWYER_WORDS for s in stems):
        return False
    if any(s in CASEWORK_WORDS for s in stems) or _contains_any(stems, CASEWORK_PHRASES):
        return True
    if any(key in TRANSLATE_OPENERS for key in keys[:TRANSLATE_OPENING]):
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


def set_in(
    keys: list[str],
    places: frozenset[str],
    streets: frozenset[str],
    asked: Sequence[Sequence[str]] = (),
) -> bool:
    """Whether the message asks about life in one of the places ("in Germany") rather
    than about going there or family there (lexicon.ABROAD_FROM_HERE_WORDS). `streets`
    are the stems named as streets: "u Americké třídy" is in Plzeň. In a story, only the
    `asked` sentences (bot.search.fold.asked_sentences) set the scene: "In Moldova we
    always burned leaves. Can I burn them here?" asks about here, and so does a question
    that names Plzeň beside the other place (lexicon.HOME_CITY, CONTRAST_WORDS)."""
    scene = any(
        before in SCENE_PREPOSITIONS
        and place in places
        and stem(place) not in streets
        and not in_the_past(sentence, at)
        for sentence in (asked or [keys])
        for at, (before, place) in enumerate(itertools.pairwise(sentence))
    )
    here = any(
        (but in CONTRAST_WORDS and place in HOME_PLACES)
        or (place in HERE_SCENES and but not in LIVING_WORDS)
        for sentence in (asked or [keys])
        for but, place in _scenes(sentence)
    )
    return scene and not here and not any(prefix(key) in ABROAD_FROM_HERE_WORDS for key in keys)


def _scenes(sentence: Sequence[str]) -> Iterator[tuple[str, str]]:
    """The word before each scene preposition and the place after it ("in a Czech
    school": an English article between is skipped)."""
    for at, before in enumerate(sentence):
        if before not in SCENE_PREPOSITIONS:
            continue
        place = at + 1
        if place < len(sentence) - 1 and sentence[place] in ENGLISH_ARTICLES:
            place += 1
        if place < len(sentence):
            yield (sentence[at - 1] if at else ""), sentence[place]


def in_the_past(keys: Sequence[str], preposition: int) -> bool:
    """Whether a past cue (PAST_SCENE_WORDS) comes shortly before the preposition."""
    return bool(
        PAST_SCENE_WORDS.intersection(keys[max(0, preposition - PAST_SCENE_REACH) : preposition])
    )
