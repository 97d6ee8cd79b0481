"""Out-of-scope topics: content/out-of-scope/<id>.yaml, what the service knowingly does not cover.

Residents also ask about things no article answers but that share words with one:
a residence permit in Germany is not the Czech long-term residence, a passport from
one's own embassy is not a lost Czech document. Editors name such topics with the
phrasings residents use; the matcher hands a question to a person when one of them
fits it better than every article.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from bot.knowledge import fieldchecks
from bot.knowledge.model import LANGUAGES, OutOfScopeTopic
from bot.knowledge.yamlnodes import FileReader, Mapping

FOLDER = "out-of-scope"
NOTE_MAX = 600
KEYWORD_MAX = 80


def load_out_of_scope(
    root: Path, reader_for: Callable[[Path], FileReader], article_ids: Collection[str]
) -> dict[str, OutOfScopeTopic]:
    """Every topic file, checked; a topic may not reuse an article's id."""
    topics: dict[str, OutOfScopeTopic] = {}
    for path in sorted((root / FOLDER).glob("*.yaml")):
        reader = reader_for(path)
        topic = _load_one(reader, path)
        if topic is None:
            continue
        if topic.id in article_ids:
            reader.error(1, f"id '{topic.id}' is also an article's id; choose another")
            continue
        topics[topic.id] = topic
    return topics


def _load_one(reader: FileReader, path: Path) -> OutOfScopeTopic | None:
    data = reader.load(path)
    if data is None:
        return None
    reader.check_fields(data, required=("id", "note", "keywords"), optional=("requires", "places"))
    topic_id = fieldchecks.checked_id(reader, data, path.stem)
    note = reader.text(data, "note", max_length=NOTE_MAX)
    keywords = _keywords(reader, data)
    requires = _single_words(reader, data, "requires")
    places = _single_words(reader, data, "places")
    if topic_id is None or note is None or keywords is None:
        return None
    return OutOfScopeTopic(topic_id, note[0], keywords, requires, places)


def _single_words(reader: FileReader, data: Mapping, field: str) -> tuple[str, ...]:
    """An optional list of single words: `requires` (the topic applies only to questions
    naming one) or `places` (a question set in one is the topic's)."""
    if field not in data.entries:
        return ()
    problems_before = len(reader.problems)
    found = reader.text_list(data, field)
    if not found and len(reader.problems) == problems_before:
        reader.error(data.key_lines[field], f"'{field}' needs at least one word")
    for word, line in found:
        if len(word.split()) != 1:
            reader.error(line, f"'{field}' lists single words, not phrases: '{word}'")
    return tuple(word for word, _ in found)


def _keywords(reader: FileReader, data: Mapping) -> dict[str, tuple[str, ...]] | None:
    """{cs: [...], uk: [...], en: [...]}: every language, each a non-empty list of phrases."""
    inner = reader.nested(data, "keywords")
    if inner is None:
        return None
    reader.check_fields(inner, required=LANGUAGES)
    found: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        if lang not in inner.entries:
            continue
        phrases = reader.text_list(inner, lang)
        for phrase, line in phrases:
            if len(phrase) > KEYWORD_MAX:
                reader.error(line, f"a keyword is at most {KEYWORD_MAX} characters: '{phrase}'")
        if not phrases:
            reader.error(inner.key_lines[lang], f"'{lang}' needs at least one keyword")
        found[lang] = tuple(phrase for phrase, _ in phrases)
    return found if len(found) == len(LANGUAGES) and all(found.values()) else None
