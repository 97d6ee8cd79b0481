"""Fold any resident's text to one comparable form.

Residents write the same word in many ways: Ukrainian in Cyrillic or Latin letters,
Russian, Czech with or without diacritics, with typos and inflected endings. Folding
maps all of them onto one ASCII "sound key" so that "тимчасовий захист",
"tymchasovyi zakhyst" and "timchasoviy zakhist" become the same tokens, and then cuts
words to a prefix so that case endings ("ochrana", "ochrany", "ochranou") meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from anyascii import anyascii

# Matching looks at the start of a message only; anything longer is a letter, not a
# question, and truncating keeps latency flat whatever residents paste.
MAX_MATCH_CHARS = 600

# Words are cut to this many characters of their sound key. Five keeps Czech and
# Ukrainian case endings apart from the stem ("pobyt|u", "dozvil|u") while still
# separating most distinct words; tuned on the development set (bench/matching.py).
STEM_LENGTH = 5

# Short words keep their case ending inside the five-letter cut ("karta", "kartu",
# "karty"; "віза", "візу"; "škola", "školy"), so their forms would never meet: the
# vowels a word ends in are dropped before the cut (a vowel-final root is rare enough),
# and again after it, where the cut lands on a vowel ("krize" / "krizový" /
# "кризисного", "bydlení" / "bydlím" all become "kriz", "bidl").
# Never below three letters, so "pes" and "bije" stay whole.
MIN_STEM_LENGTH = 3
_VOWELS = frozenset("aeiou")

# Spelling variants of the same sound, longest first: Latin transliterations of
# Ukrainian and Russian (KMU, ISO, English-style) and Czech spelling meet here.
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("zh", "z"),
    ("kh", "c"),
    ("ch", "c"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
    ("g", "h"),
    ("y", "i"),
    ("j", "i"),
)
# English "-ing" as it comes out of the rules above ("speaking" -> "speakinh").
ENGLISH_ING = "inh"
_SOUND_PATTERN = re.compile("|".join(re.escape(src) for src, _ in _SOUND_RULES))
_SOUND_MAP = dict(_SOUND_RULES)
_REPEATS = re.compile(r"([a-z])\1+")
# A number runs into its unit ("10pm", "300euro", "12h"): a word starts where the digits
# end. Not the other way: "A2", "B1" (language levels) are one word.
_TOKEN = re.compile(r"[0-9]+|[a-z][a-z0-9]*")
_APOSTROPHES = re.compile("['’ʼ`´]")
# Cyrillic abbreviations whose transliteration is another word: "ЄС" (the EU) reads
# "yes", which is a stopword. They are read as what they stand for before folding.
_ABBREVIATIONS = re.compile(r"(?<!\w)[ЄЕєе][СсC](?!\w)")
# Likewise "US" (upper case only) is the USA, not the stopword "us".
_USA = re.compile(r"(?<!\w)U\.?S\.?(?!\w)")
# Function words whose sound key is a topic word in another language: Czech "být" and
# Russian "быть" (to be) fold like Czech "byt" (a flat), Russian "ведь" like "weed",
# English "has" like "gas". They are dropped before folding, so the topic words stay.
_FUNCTION_HOMOGRAPHS = re.compile(r"(?<!\w)(?:být|быть|ведь|has)(?!\w)", re.IGNORECASE)
# A sentence: up to and including its end mark or line break (the last may have neither).
_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]+|[^.!?\n]+$")


class _AsciiTable(dict[int, str]):
    """str.translate table built on demand: each character is worked out once, then
    looked up at C speed (a Python loop per character was most of index build time)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isascii():
            value = char if char.isalnum() else " "
        elif char.isalpha():
            value = _APOSTROPHES.sub("", anyascii(char).lower())
        elif char.isdigit():
            value = str(unicodedata.digit(char, 0))
        elif unicodedata.category(char).startswith("M"):
            value = ""  # a combining accent: drop it, keep the letter before it
        else:
            value = " "
        self[code] = value
        return value


_ASCII_TABLE = _AsciiTable()


def to_ascii(text: str, limit: int | None = MAX_MATCH_CHARS) -> str:
    """Lower-case ASCII transliteration: letters of any script kept, symbols and emoji dropped."""
    text = unicodedata.normalize("NFKC", text[:limit] if limit else text)
    text = _USA.sub("USA", _ABBREVIATIONS.sub("EU", text))
    text = _FUNCTION_HOMOGRAPHS.sub(" ", text).lower()
    return _APOSTROPHES.sub("", text).translate(_ASCII_TABLE)


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """The sound key of one ASCII word: spelling variants unified, doubled letters single."""
    return _REPEATS.sub(r"\1", _SOUND_PATTERN.sub(lambda m: _SOUND_MAP[m.group(0)], word))


def prefix(key: str) -> str:
    """Cut a sound key to its first STEM_LENGTH letters; numbers are kept whole (112 is
    not 11). The intent word lists match on this: "zahrada" must not meet "загрожує"."""
    return key if key.isdigit() else key[:STEM_LENGTH]


def stem(key: str) -> str:
    """The key without the vowels it ends in, cut to STEM_LENGTH and again without
    vowels at the end: what the index matches on."""
    if key.isdigit():
        return key
    end = len(key)
    while end > MIN_STEM_LENGTH and key[end - 1] in _VOWELS:
        end -= 1
    cut = min(end, STEM_LENGTH)
    while cut > MIN_STEM_LENGTH and key[cut - 1] in _VOWELS:
        cut -= 1
    return key[:cut]


# Ukrainian "х" in Latin letters is "kh", "ch" (Czech style, both folded to "c"), but
# also a plain "h" or "x" ("zahyst", "hochu", "zaxyst"), where "h" is otherwise "г"
# ("humanitarka", Czech "hledat"). A word the index does not know is looked up again
# with those letters read as "х".
_KHA_SPELLINGS = (("h", "c"), ("ks", "c"))


def spelling_variants(key: str) -> list[str]:
    """Other readings of a sound key whose letters may stand for "х": every "h" (or
    "x") at once, then each one alone ("dohid" / "дохід", "vihati" / "виїхати")."""
    variants: list[str] = []
    for written, kha in _KHA_SPELLINGS:
        count = key.count(written)
        if not count:
            continue
        variants.append(sound_key(key.replace(written, kha)))
        if count > 1:
            start = key.find(written)
            while start >= 0:
                variants.append(sound_key(key[:start] + kha + key[start + len(written) :]))
                start = key.find(written, start + 1)
    return variants


def words(text: str, limit: int | None = MAX_MATCH_CHARS) -> list[str]:
    """The sound keys of every word in the text, in order (limit=None: the whole text)."""
    return [sound_key(token) for token in _TOKEN.findall(to_ascii(text, limit))]


# A question with fewer words of its own than this ("Is that normal?", "Куди звертатися?",
# "Co mám dělat?") asks about what was just told: the sentence before it is asked too.
# 2 beat 1 and 3 on the tuning sets (a small gain, and the first honest gain on mixed
# stories of a set nobody had studied).
BARE_QUESTION_WORDS = 2


def asked_words(
    text: str, limit: int | None = MAX_MATCH_CHARS, ignored: Collection[str] = ()
) -> frozenset[str]:
    """The sound keys of the asked sentences (asked_sentences), when the message also
    tells something else: in a story, the question says what the resident wants."""
    return frozenset(key for sentence in asked_sentences(text, limit, ignored) for key in sentence)


def asked_sentences(
    text: str, limit: int | None = MAX_MATCH_CHARS, ignored: Collection[str] = ()
) -> list[list[str]]:
    """The sound keys of the sentences that end in a question mark, each sentence apart,
    when the message also tells something else; [] when all of it is asked. Without a
    question mark, the last sentence of a story is taken for the question. A bare
    question (see BARE_QUESTION_WORDS; `ignored` are the function words) brings the
    sentence before it along."""
    sentences = _SENTENCE.findall(text[:limit] if limit else text)
    keys = [words(sentence, None) for sentence in sentences]
    asked = {at for at, sentence in enumerate(sentences) if sentence.rstrip().endswith("?")}
    if not asked and len(sentences) > 1:
        asked = {len(sentences) - 1}
    for at in sorted(asked):
        if sum(key not in ignored for key in keys[at]) < BARE_QUESTION_WORDS:
            said = [before for before in range(at) if any(k not in ignored for k in keys[before])]
            if said:
                asked.add(said[-1])
    if not asked or len(asked) == len(sentences):
        return []
    return [keys[at] for at in sorted(asked)]


def words_and_singulars(text: str) -> tuple[list[str], list[str]]:
    """The sound keys of every word of the whole text (like words), and those of its
    English plurals in "-ts" without their "s": "ts" is also the Latin spelling of "ц"
    and folds to "c", which would part "rights" ("rihc") from "right" ("riht") and
    "tickets" from "ticket". The index stores both forms."""
    tokens = _TOKEN.findall(to_ascii(text, None))
    singulars = [
        sound_key(token[:-1]) for token in tokens if len(token) > 3 and token.endswith("ts")
    ]
    return [sound_key(token) for token in tokens], singulars


def fold(text: str, limit: int | None = MAX_MATCH_CHARS) -> list[str]:
    """The stems of every word in the text, in order: what the index stores and looks up."""
    return [stem(key) for key in words(text, limit)]


def prefixes(text: str, limit: int | None = MAX_MATCH_CHARS) -> list[str]:
    """The prefixes of every word in the text, in order: what the intent lists match."""
    return [prefix(key) for key in words(text, limit)]


def plain(text: str) -> str:
    """Lower-case ASCII text with single spaces, for phrase patterns (person requests...)."""
    return " ".join(_TOKEN.findall(to_ascii(text)))
