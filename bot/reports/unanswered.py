"""`report unanswered`: what residents asked that no article answered, grouped by topic.

A question counts when it ended in a handoff, or when it got suggestions the resident
declined ("None of these: ask a person", or writing something else instead of opening
one). Similar questions are grouped with rapidfuzz over the folded words, so that
"де купити квиток на автобус" and "de kupyty kvytok na avtobus" land together; the
closest existing article tells editors whether keywords are missing or an article is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite
from rapidfuzz import fuzz, process

from bot.reports.period import Period
from bot.reports.tables import Document, Table, count, redact
from bot.search.fold import stem, words
from bot.search.intents import wants_person
from bot.search.lexicon import STOPWORDS
from bot.search.matcher import FULL_COVERAGE, MIN_EVIDENCE, Matcher

# token_set_ratio of the folded topic words: 70 joins word-order changes, inflections,
# Cyrillic and Latin spellings and an extra word or two, and keeps different topics apart
# (checked on typical questions in tests/test_reports.py).
SIMILAR = 70
_PUNCTUATION = re.compile(r"[^\w\s]")
EXAMPLES = 3
# Below this coverage (0-100) the closest article hardly touches the question.
CLOSE_ARTICLE_MIN = 30


@dataclass(frozen=True)
class UnansweredQuestion:
    text: str | None  # None once the retention period has emptied it
    language: str
    kind: str  # "handoff" or "declined"


@dataclass(frozen=True)
class Cluster:
    count: int
    handoffs: int
    declined: int
    languages: tuple[tuple[str, int], ...]  # most frequent first
    examples: tuple[str, ...]  # the most frequent wordings, redacted
    closest_article: str | None
    closest_score: int  # 0-100: how much of the question that article explains
    out_of_scope: str | None = None  # the editors' out-of-scope topic most wordings fit


@dataclass(frozen=True)
class UnansweredReport:
    period: Period
    clusters: tuple[Cluster, ...]
    total: int
    without_text: int  # past the retention period: counted, not grouped
    not_questions: int  # "I want a person", empty or only filler words


_QUERY = """
SELECT q.text, q.language,
       CASE WHEN q.action = 'handoff' THEN 'handoff' ELSE 'declined' END AS kind
FROM queries q
WHERE q.created_at >= ? AND q.created_at < ?
  AND (q.action = 'handoff'
       OR (q.action = 'suggest'
           AND (q.outcome = 'declined'
                OR (q.outcome IS NULL AND EXISTS (
                    SELECT 1 FROM queries later
                    WHERE later.resident_id = q.resident_id AND later.id > q.id)))))
ORDER BY q.id
"""


async def fetch(db: aiosqlite.Connection, period: Period) -> list[UnansweredQuestion]:
    async with db.execute(_QUERY, period.bounds()) as cursor:
        rows = await cursor.fetchall()
    return [UnansweredQuestion(row[0], row[1], row[2]) for row in rows]


async def unanswered_report(
    db: aiosqlite.Connection, period: Period, matcher: Matcher | None
) -> UnansweredReport:
    return summarise(await fetch(db, period), period, matcher)


def summarise(
    questions: Sequence[UnansweredQuestion], period: Period, matcher: Matcher | None
) -> UnansweredReport:
    """Group the questions (pure: the matcher only ranks the current articles)."""
    with_text = [q for q in questions if q.text]
    keyed: list[tuple[str, UnansweredQuestion]] = []
    for question in with_text:
        assert question.text is not None
        key = topic_key(question.text)
        if key and not (question.kind == "handoff" and wants_person(words(question.text))):
            keyed.append((key, question))
    groups = cluster_keys([key for key, _ in keyed])
    members: dict[int, list[UnansweredQuestion]] = {}
    for key, question in keyed:
        members.setdefault(groups[key], []).append(question)
    clusters = sorted(
        (_cluster(group, matcher) for group in members.values()),
        key=lambda c: (-c.count, c.examples),
    )
    return UnansweredReport(
        period=period,
        clusters=tuple(clusters),
        total=len(questions),
        without_text=len(questions) - len(with_text),
        not_questions=len(with_text) - len(keyed),
    )


def topic_key(text: str) -> str:
    """The question's topic words, folded (script, diacritics, endings) without filler."""
    return " ".join(stem(key) for key in words(text, None) if key not in STOPWORDS)


def cluster_keys(keys: Sequence[str], threshold: int = SIMILAR) -> dict[str, int]:
    """Each distinct key's group number. The most frequent wordings found groups; every
    other joins the group of the most similar key placed so far, if similar enough."""
    frequency = Counter(keys)
    order = sorted(frequency, key=lambda key: (-frequency[key], key))
    placed: list[str] = []
    group_of: dict[str, int] = {}
    groups = 0
    for key in order:
        match = process.extractOne(
            key, placed, scorer=fuzz.token_set_ratio, score_cutoff=threshold
        )
        if match is None:
            group_of[key] = groups
            groups += 1
        else:
            group_of[key] = group_of[match[0]]
        placed.append(key)
    return group_of


def _cluster(questions: list[UnansweredQuestion], matcher: Matcher | None) -> Cluster:
    texts = Counter(" ".join((q.text or "").split()) for q in questions)
    article, score = _closest(texts, matcher)
    topic = _out_of_scope(texts, matcher)
    languages = Counter(q.language for q in questions)
    return Cluster(
        count=len(questions),
        handoffs=sum(q.kind == "handoff" for q in questions),
        declined=sum(q.kind == "declined" for q in questions),
        languages=tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0]))),
        examples=_examples(texts),
        closest_article=article,
        closest_score=score,
        out_of_scope=topic,
    )


def _examples(texts: Counter[str]) -> tuple[str, ...]:
    """The most frequent wordings; ones differing only in case or punctuation count as one."""
    wordings: Counter[str] = Counter()
    shown: dict[str, str] = {}  # normalised wording -> its first form, redacted
    for text, times in texts.items():
        same = " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())
        wordings[same] += times
        shown.setdefault(same, redact(text))
    order = sorted(wordings, key=lambda same: -wordings[same])  # stable: first seen first
    return tuple(shown[same] for same in order[:EXAMPLES])


def _closest(texts: Counter[str], matcher: Matcher | None) -> tuple[str | None, int]:
    """The article most wordings rank first, with the best coverage any of them got."""
    if matcher is None:
        return None, 0
    votes: Counter[str] = Counter()
    best: dict[str, int] = {}
    for text, times in texts.items():
        ranked, coverage = matcher.rank(text)
        if not ranked:
            continue
        article, evidence = ranked[0]
        if evidence < MIN_EVIDENCE and coverage < FULL_COVERAGE:
            continue  # one common word in common: as the matcher judges it, no match
        votes[article] += times
        best[article] = max(best.get(article, 0), round(100 * coverage))
    if not votes:
        return None, 0
    article = min(votes, key=lambda a: (-votes[a], -best[a], a))
    return article, best[article]


def _out_of_scope(texts: Counter[str], matcher: Matcher | None) -> str | None:
    """The out-of-scope topic at least half of the wordings fit, if any."""
    if matcher is None:
        return None
    votes = Counter(
        topic for text, times in texts.items() for topic in [matcher.out_of_scope(text)] * times
    )
    topic, times = max(votes.items(), key=lambda item: (item[1], item[0] or ""))
    return topic if topic and 2 * times >= sum(votes.values()) else None


def hint(cluster: Cluster) -> str:
    if cluster.out_of_scope is not None:
        return f"out of scope by design ({cluster.out_of_scope}); write an article to cover it"
    if cluster.closest_article is None:
        return "no article is close: write one"
    if cluster.closest_score >= CLOSE_ARTICLE_MIN:
        return f"add these words to {cluster.closest_article}"
    return "write an article (the closest one hardly fits)"


def document(report: UnansweredReport) -> Document:
    notes = [
        f"{count(report.total, 'question')} ended in a handoff or in suggestions the "
        f"resident declined: {count(len(report.clusters), 'group')} of similar questions "
        "below, biggest first."
    ]
    if report.not_questions:
        notes.append(
            f"Left out: {report.not_questions} only asking for a person (or without words)."
        )
    if report.without_text:
        notes.append(
            f"Counted but not grouped: {report.without_text} past the retention period "
            "(their text is deleted)."
        )
    rows = tuple(
        (
            number,
            cluster.count,
            cluster.handoffs,
            cluster.declined,
            ", ".join(f"{lang} {n}" for lang, n in cluster.languages),
            *(list(cluster.examples) + [""] * EXAMPLES)[:EXAMPLES],
            cluster.closest_article or "",
            cluster.closest_score if cluster.closest_article else None,
            hint(cluster),
        )
        for number, cluster in enumerate(report.clusters, start=1)
    )
    columns = (
        "group",
        "questions",
        "handoff",
        "declined",
        "languages",
        *(f"example {n}" for n in range(1, EXAMPLES + 1)),
        "closest article",
        "coverage",
        "hint",
    )
    return Document(
        title=f"Unanswered questions, {report.period.label()}",
        notes=tuple(notes),
        tables=(Table("Groups of similar questions", columns, rows),),
    )
