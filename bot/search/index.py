"""The article index: every language of an article folded into one bag of weighted stems."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from bot.knowledge import markup
from bot.knowledge.model import KnowledgeBase, OutOfScopeTopic, Translation
from bot.search.fold import (
    MIN_STEM_LENGTH,
    asked_sentences,
    spelling_variants,
    stem,
    words,
    words_and_singulars,
)
from bot.search.intents import in_the_past
from bot.search.lexicon import (
    FILLER_WORDS,
    GENERIC_STEMS,
    GREETINGS,
    PASSAGE_WORDS,
    READ_AS,
    SCENE_PREPOSITIONS,
    STOPWORDS,
    STREET_WORDS,
)

# How strongly a word in each field says "this article is about it". Titles, keywords
# and the editors' example questions are chosen words; body text mentions many things.
# A title word is the strongest sign ("Humanitarian benefit" beats an article that
# mentions the benefit among its keywords); bodies count little, so that the incidental
# words of a long story do not pile up on whichever article has the longest text.
# Example questions are whole sentences: besides their topic words they carry everyday
# ones ("where can I buy...", "nearest"), so they count like the summary; at 0.9 those
# words let out-of-scope messages look answered. Tuned on dev and half of extra.jsonl
# (flat between body 0.3 and 0.35), questions on all tuning sets (0.6 best of 0.6-0.9).
FIELD_STRENGTH = {
    "title": 1.2,
    "keywords": 1.0,
    "questions": 0.6,
    "summary": 0.6,
    "body": 0.3,
    "topic": 1.0,  # an out-of-scope topic's keywords, like an article's (but see NUMBER_FIELDS)
}
# Typo tolerance: a query word unknown to the index borrows the closest indexed word
# if it is at least this similar (rapidfuzz ratio, 0-100). Its weight falls linearly
# from 1 for an exact match to 0 at FUZZY_ZERO_SIMILARITY, because at 80 % two short
# words are as often different words ("večera" / "vecer") as typos.
# Only words with the same first letter are candidates: typos rarely hit the first
# letter, while a different one makes another word ("президент" is not "резидент").
FUZZY_MIN_SIMILARITY = 80
FUZZY_ZERO_SIMILARITY = 70
FUZZY_MIN_LENGTH = 5
# Residents reuse their words, typos included: the closest indexed word of an unknown
# one is remembered (per index, so a content reload starts afresh), first in first out.
CLOSEST_CACHE_SIZE = 20_000
# Two adjacent query stems found adjacent in an article's chosen words ("карта
# працівника", "noční klid") are stronger evidence than the two words apart.
BIGRAM_WEIGHT = 0.5
BIGRAM_FIELDS = ("title", "keywords", "questions", "topic")
# Numbers count only where editors chose them ("112", "155" as keywords): in running text
# they are days, ages, amounts and house numbers, and a 14-year-old's school question
# would meet an article that mentions 14 days. An out-of-scope topic's keywords ("topic")
# are the exception: a word that no article uses weighs as much as the rarest one, so
# "vyhláška 50" (an electrician's licence) would take every "50 %" and "50 korun". There
# the number counts only beside its word, as a pair.
NUMBER_FIELDS = ("title", "keywords", "questions")
# Five-letter stems join a word's forms but also unrelated words that start alike
# ("humanitární" and "human trafficking"). Words that agree on a longer prefix get
# this share of that prefix's idf on top, so the closer relative wins.
LONG_PREFIX = 8
LONG_PREFIX_WEIGHT = 0.5
# Five-letter stems also join unrelated words ("рождения" / "rozdávají", "погода" /
# "погодинна"). Forms of one word differ only in their ending, so a query word is
# compared with the forms the article actually uses that share its stem: the longer of
# the two may go on for FREE_TAIL letter after their common start ("kartu" / "karta",
# "hledám" / "hledat"); each further letter costs FORM_STEP of the match, down to
# MIN_FORM_MATCH ("ochranou" / "ochrana" 0.8, "pracuji" / "pracovní" 0.4). Measuring
# the tail on the shorter word let a short word match any long one it begins ("pohoda"
# in "pohodinná"). Flat for steps 0.15-0.3 and floors 0.3-0.5 on the tuning sets.
FREE_TAIL = 1
FORM_STEP = 0.2
MIN_FORM_MATCH = 0.4
# Everyday words (bot.search.lexicon.GENERIC_STEMS: "buy", "nearest", "Sunday") count
# for this share of their idf, in the scores and in the query's total information alike:
# they still tell two close articles apart, but cannot make a message look in scope.
# Only where one topic word would be all a message says (matcher.FULL_COVERAGE) do they
# count whole: "where can I buy apples" is about shopping (everyday_information).
GENERIC_WEIGHT = 0.3
# A query word "speaks for" an article when it adds at least this much to its score
# (a mid-frequency word in the body, or a common one in a title). See matcher.MIN_WORDS.
SPEAKING_WORD_MIN = 0.5
# Residents often tell a story before they ask ("We moved to Slovany last month. Do I
# have to report it?"). The words of the sentence that ends in a question mark (or, in a
# story without one, of the last sentence) weigh this much more than the background, in
# the score and in the query's information alike, so the article about the question
# leads over one about the circumstances. Flat between 1.4 and 1.6 on the tuning sets;
# above that the question's everyday words take over.
ASKED_WEIGHT = 1.5
# Phone keyboards and autocorrect break words apart and run them together: "hu mani
# tarka" is "humanitarka", "kdejepohotovostvplzni" is "kde je pohotovost v plzni". A
# word unknown to the index at least RUN_TOGETHER_MIN letters long is read as known
# words written without spaces, if it splits into at most MAX_PIECES of them and one
# is a topic word; up to JOIN_MAX adjacent words of which one is unknown are read as
# one if together they are a word of the index. A typo is read first (a run-together
# word close to a known one is that word mistyped); shorter runs split into short words
# by chance, and a fuzzy join made words of unrelated neighbours ("ahentura hoce").
RUN_TOGETHER_MIN = 10
RUN_TOGETHER_MAX = 40  # longer is a link or a pasted code, and splitting costs its square
MAX_PIECES = 5
TOPIC_PIECE_MIN = 4
JOIN_MAX = 3
# Czech, Ukrainian and Russian case endings that begin with a consonant, as sound keys:
# the stem keeps them, so a short word inflected ("ФОПом", "ФОПами", "ФОПах") is unknown.
# Read without them, it is the word of the index.
CASE_ENDINGS = ("ami", "om", "em", "ou", "ac")
# Ukrainian and Russian accusative endings of place names (see is_direction).
DIRECTION_ENDINGS = frozenset("уюУЮ")


@dataclass(frozen=True)
class QueryTerms:
    """A query after folding: topic stems (with fuzzy stand-ins) and adjacent pairs."""

    # (indexed or unknown stem, similarity 0..1, the query word's key or its fuzzy stand-in)
    stems: tuple[tuple[str, float, str], ...]
    long_prefixes: tuple[str, ...]
    bigrams: tuple[str, ...]
    unknown: tuple[str, ...]
    # Per stem: ASKED_WEIGHT if the word is in the question of a longer story, else 1.
    emphasis: tuple[float, ...]
    # Stems of words written next to a street word: part of an address ("Americká třída").
    street_names: frozenset[str] = frozenset()
    # Stems named only as the background of a story: right after "from" ("z Prahy"),
    # where the resident comes from (lexicon.PASSAGE_WORDS), or where they used to live
    # or work ("I was working in Germany"; see _background).
    passing_places: frozenset[str] = frozenset()
    # The sound keys of each asked sentence of a story (bot.search.fold.asked_sentences).
    asked: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def named(self) -> frozenset[str]:
        """The stems the query names (an unknown word names nothing). Computed once: the
        ranking asks it of every article in the head (bot.search.matcher)."""
        return frozenset(item for item, similarity, _ in self.stems if similarity)

    @property
    def is_story(self) -> bool:
        """Whether the message tells something besides its question (see emphasis)."""
        return any(weight > 1.0 for weight in self.emphasis)


class ArticleIndex:
    """Inverted index over all articles and languages; built once per knowledge base."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.article_ids: list[str] = sorted(knowledge.articles)
        # Out-of-scope topics are indexed after the articles, by their keywords, so that
        # they compete with them on equal terms (bot.knowledge.out_of_scope).
        self.topic_ids: frozenset[str] = frozenset(knowledge.out_of_scope)
        self.ids: list[str] = self.article_ids + sorted(knowledge.out_of_scope)
        self._position_of = {found: at for at, found in enumerate(self.ids)}
        # A topic's `requires` words, by topic id (bot.knowledge.model), as written
        # (folded): "in Germany" names a country, while the stem of "Slovensko" also
        # begins "Slovany", a part of Plzeň. Their stems decide whether a topic applies.
        self.topic_required_forms: dict[str, frozenset[str]] = {
            topic.id: frozenset(key for word in topic.requires for key in words(word))
            for topic in knowledge.out_of_scope.values()
            if topic.requires
        }
        self.topic_requires: dict[str, frozenset[str]] = {
            topic_id: frozenset(stem(key) for key in forms)
            for topic_id, forms in self.topic_required_forms.items()
        }
        # Where a question is set, for the scene rule: the required words and the places.
        self.topic_place_forms: dict[str, frozenset[str]] = {
            topic.id: frozenset(
                key
                for word in (*topic.requires, *topic.places)
                if not is_direction(word)
                for key in words(word)
            )
            for topic in knowledge.out_of_scope.values()
            if topic.requires or topic.places
        }
        documents = [
            _fields(knowledge.articles[article_id].translations.values())
            for article_id in self.article_ids
        ] + [
            _topic_fields(knowledge.out_of_scope[topic_id])
            for topic_id in self.ids[len(self.article_ids) :]
        ]
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        bigrams: dict[str, dict[int, float]] = defaultdict(dict)
        long_prefixes: dict[str, dict[int, float]] = defaultdict(dict)
        word_to_stem: dict[str, str] = {}
        forms: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
        # Articles (and the 10,000 copies of the benchmark) mostly use the same few forms
        # of a stem: one frozenset per distinct set keeps the index small.
        shared_forms: dict[frozenset[str], frozenset[str]] = {}
        # Keywords made only of function words ("what can you do", "хто ти") are lost to
        # the stopword filter; they are kept whole (function_phrase).
        self.function_phrases: dict[tuple[str, ...], int] = {}
        # Each language's title as stems: among articles that score alike, the one whose
        # title the question names most fully is the one it asks about (title_share).
        self._titles: list[tuple[frozenset[str], ...]] = []
        for position, fields in enumerate(documents):
            article_forms: dict[str, set[str]] = defaultdict(set)
            titles: list[frozenset[str]] = []
            for field, text in fields:
                said, singulars = words_and_singulars(text)
                strength = FIELD_STRENGTH[field]
                chosen = [key for key in said if key not in STOPWORDS]
                keys = [key for key in chosen if field in NUMBER_FIELDS or not key.isdigit()]
                if field == "title" and keys:
                    titles.append(frozenset(stem(key) for key in keys))
                if said and not keys and field in BIGRAM_FIELDS:
                    self.function_phrases.setdefault(_any_order(said), position)
                stems = [stem(key) for key in keys]
                singulars = [key for key in singulars if key not in STOPWORDS]
                for key, item in zip(
                    keys + singulars, stems + [stem(key) for key in singulars], strict=True
                ):
                    word_to_stem.setdefault(key, item)
                    article_forms[item].add(key)
                    if postings[item].get(position, 0.0) < strength:
                        postings[item][position] = strength
                    if len(key) > LONG_PREFIX:
                        prefix = key[:LONG_PREFIX]
                        if long_prefixes[prefix].get(position, 0.0) < strength:
                            long_prefixes[prefix][position] = strength
                if field in BIGRAM_FIELDS:
                    for pair in _pairs([stem(key) for key in chosen]):
                        if bigrams[pair].get(position, 0.0) < strength:
                            bigrams[pair][position] = strength
            self._titles.append(tuple(titles))
            for item, used in article_forms.items():
                found = frozenset(used)
                forms[item][position] = shared_forms.setdefault(found, found)
        # Word weights come from the articles alone: adding an out-of-scope topic must
        # not shift every score (and with them MIN_EVIDENCE), and a word that only topics
        # use is as telling as the rarest article word.
        articles = len(self.article_ids)

        def weight(p: dict[int, float]) -> float:
            return _idf(articles, max(1, sum(1 for at in p if at < articles)))

        # Per stem: (article position, field strength, the forms the article uses).
        self.postings: dict[str, tuple[tuple[int, float, frozenset[str]], ...]] = {
            s: tuple((at, strength, forms[s][at]) for at, strength in p.items())
            for s, p in postings.items()
        }
        self.bigrams: dict[str, tuple[tuple[int, float], ...]] = {
            s: tuple(p.items()) for s, p in bigrams.items()
        }
        self.idf: dict[str, float] = {
            s: weight(p) * (GENERIC_WEIGHT if s in GENERIC_STEMS else 1.0)
            for s, p in postings.items()
        }
        # What the everyday words are left out of the idf (see everyday_information).
        self._generic_rest: dict[str, float] = {
            s: weight(p) * (1.0 - GENERIC_WEIGHT)
            for s, p in postings.items()
            if s in GENERIC_STEMS
        }
        self.bigram_idf: dict[str, float] = {s: weight(p) for s, p in bigrams.items()}
        self.long_prefixes: dict[str, tuple[tuple[int, float], ...]] = {
            s: tuple(p.items()) for s, p in long_prefixes.items()
        }
        self.long_idf = {s: weight(p) for s, p in long_prefixes.items()}
        # A word nobody wrote is informative (it is why a question may be out of scope),
        # but less certain than a rare indexed word: it may be a typo we could not place.
        self.unknown_idf = 0.8 * _idf(articles, 1)
        self._words_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in word_to_stem:
            self._words_by_initial[word[0]].append(word)
        self._words_by_shape: dict[tuple[str, int], list[str]] = {}
        self._closest_cache: dict[str, tuple[str, float, str]] = {}
        self._word_stems = word_to_stem

    def __len__(self) -> int:
        return len(self.ids)

    def terms(self, text: str) -> QueryTerms:
        """Fold the query; unknown words are matched to indexed ones by similarity."""
        seen: set[str] = set()
        stems: list[tuple[str, float, str]] = []
        emphasis: dict[str, float] = {}
        asked_keys = tuple(tuple(keys) for keys in asked_sentences(text, ignored=STOPWORDS))
        asked = {key for keys in asked_keys for key in keys}
        unknown: list[str] = []
        sequence: list[str] = []
        long_prefixes: set[str] = set()
        said = self._repaired(without_greetings(words(text)))
        street_names = frozenset(
            stem(key)
            for at, key in enumerate(said)
            if key not in STREET_WORDS
            and (
                (at > 0 and said[at - 1] in STREET_WORDS)
                or (at + 1 < len(said) and said[at + 1] in STREET_WORDS)
            )
        )
        background = _background(said)
        passing = {stem(key) for at, key in enumerate(said) if at in background}
        passing -= {stem(key) for at, key in enumerate(said) if at not in background}
        for raw in said:
            key = READ_AS.get(raw, raw)
            if key in STOPWORDS or (len(key) < 2 and not self._names_a_letter(key)):
                continue
            item = stem(key)
            if item not in self.postings:
                key = self._respelled(key)
                if key in STOPWORDS:
                    continue
                item = stem(key)
            if len(key) > LONG_PREFIX and key[:LONG_PREFIX] in self.long_prefixes:
                long_prefixes.add(key[:LONG_PREFIX])
            if item not in self.postings:
                item, similarity, key = self._closest(key)
                if similarity == 0.0:
                    unknown.append(item)
            else:
                similarity = 1.0
            sequence.append(item)
            if raw in asked:
                emphasis[item] = ASKED_WEIGHT
            if item not in seen:
                seen.add(item)
                stems.append((item, similarity, key))
        return QueryTerms(
            tuple(stems),
            tuple(sorted(long_prefixes)),
            tuple(_pairs(sequence)),
            tuple(unknown),
            tuple(emphasis.get(item, 1.0) for item, _, _ in stems),
            street_names,
            frozenset(passing),
            asked_keys,
        )

    def _names_a_letter(self, key: str) -> bool:
        """A single letter the content uses is a type or a zone ("vízum D", "skupina C",
        "P+R"); other single characters are noise."""
        return key.isalpha() and key in self.postings

    def _repaired(self, keys: list[str]) -> list[str]:
        """The words with broken ones joined and run-together ones split (see
        RUN_TOGETHER_MIN). Known words are left alone."""
        repaired: list[str] = []
        at = 0
        while at < len(keys):
            joined = self._joined(keys, at)
            if joined is not None:
                word, used = joined
                repaired.append(word)
                at += used
                continue
            key = keys[at]
            pieces = None if self._is_known(key) or self._closest(key)[1] else self._split(key)
            repaired.extend(pieces or [key])
            at += 1
        return repaired

    def _is_known(self, key: str) -> bool:
        return key in STOPWORDS or stem(self._respelled(key)) in self.postings

    def _joined(self, keys: list[str], at: int) -> tuple[str, int] | None:
        """The known word that JOIN_MAX or fewer words from `at` make together, if one
        of them is unknown, and how many words it takes; the longest join first."""
        for used in range(min(JOIN_MAX, len(keys) - at), 1, -1):
            parts = keys[at : at + used]
            if all(self._is_known(part) for part in parts):
                continue
            word = "".join(parts)
            if word in self._word_stems and not word.isdigit():
                return word, used
        return None

    def _split(self, key: str) -> list[str] | None:
        """Known words that, written together, make `key`: the fewest of them, and of
        those the one with the most function words ("kde je", not "k deje"). Short
        pieces must be function words: any two letters are some indexed word."""
        if not RUN_TOGETHER_MIN <= len(key) <= RUN_TOGETHER_MAX:
            return None
        # best[end]: (pieces, topic pieces, where the last piece starts) for key[:end]
        best: list[tuple[int, int, int] | None] = [(0, 0, 0)] + [None] * len(key)
        for end in range(1, len(key) + 1):
            for start in range(end):
                before = best[start]
                piece = key[start:end]
                function = piece in STOPWORDS
                if before is None or not (
                    function or (len(piece) > 2 and piece in self._word_stems)
                ):
                    continue
                found = (before[0] + 1, before[1] + (not function), start)
                current = best[end]
                if current is None or found[:2] < current[:2]:
                    best[end] = found
        pieces: list[str] = []
        end = len(key)
        while end > 0:
            step = best[end]
            if step is None:
                return None
            pieces.append(key[step[2] : end])
            end = step[2]
        pieces.reverse()
        topical = any(len(piece) >= TOPIC_PIECE_MIN and piece not in STOPWORDS for piece in pieces)
        return pieces if 2 <= len(pieces) <= MAX_PIECES and topical else None

    def _respelled(self, key: str) -> str:
        """An unknown word read with its "h" or "x" as "х" ("zahyst" / "захист"), if
        that reading is an indexed word or a function word; else an abbreviation with a
        case ending (see CASE_ENDINGS); else the word itself."""
        for variant in spelling_variants(key):
            if variant in STOPWORDS or stem(variant) in self.postings:
                return variant
        for ending in CASE_ENDINGS:
            base = key.removesuffix(ending)
            if len(base) >= MIN_STEM_LENGTH and base != key and base in self._word_stems:
                return base
        return key

    def _closest(self, key: str) -> tuple[str, float, str]:
        found = self._closest_cache.get(key)
        if found is None:
            found = self._find_closest(key)
            if len(self._closest_cache) >= CLOSEST_CACHE_SIZE:
                del self._closest_cache[next(iter(self._closest_cache))]
            self._closest_cache[key] = found
        return found

    def _candidates(self, initial: str, length: int) -> list[str]:
        """Indexed words with the same first letter whose length lets them reach
        FUZZY_MIN_SIMILARITY at all: fuzz.ratio of words of lengths a and b is at most
        200 * min(a, b) / (a + b). Index order is kept, so ties go to the same word."""
        words = self._words_by_shape.get((initial, length))
        if words is None:
            words = [
                word
                for word in self._words_by_initial.get(initial, [])
                if 200 * min(length, len(word)) >= FUZZY_MIN_SIMILARITY * (length + len(word))
            ]
            self._words_by_shape[(initial, length)] = words
        return words

    def _find_closest(self, key: str) -> tuple[str, float, str]:
        candidates = self._candidates(key[0], len(key))
        if len(key) >= FUZZY_MIN_LENGTH and candidates:
            found = process.extractOne(
                key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SIMILARITY
            )
            if found is not None:
                word, similarity, _ = found
                weight = (similarity - FUZZY_ZERO_SIMILARITY) / (100 - FUZZY_ZERO_SIMILARITY)
                return self._word_stems[word], weight, word
        return stem(key), 0.0, key

    def score(self, terms: QueryTerms) -> tuple[dict[int, float], float]:
        """Scores per article position, and the query's total information (for coverage)."""
        scores: dict[int, float] = defaultdict(float)
        total = 0.0
        for (item, similarity, key), emphasis in zip(terms.stems, terms.emphasis, strict=True):
            idf = self.idf.get(item, self.unknown_idf) if similarity else self.unknown_idf
            idf *= emphasis
            total += idf
            if not similarity:
                continue
            weight = idf * similarity
            matches: dict[frozenset[str], float] = {}  # articles often share their forms
            for position, strength, forms in self.postings.get(item, ()):
                match = matches.get(forms)
                if match is None:
                    match = matches[forms] = form_match(key, forms)
                scores[position] += weight * strength * match
        for prefix in terms.long_prefixes:
            weight = LONG_PREFIX_WEIGHT * self.long_idf[prefix]
            for position, strength in self.long_prefixes[prefix]:
                scores[position] += weight * strength
        for pair in set(terms.bigrams):
            weight = BIGRAM_WEIGHT * self.bigram_idf.get(pair, 0.0)
            for position, strength in self.bigrams.get(pair, ()):
                scores[position] += weight * strength
        return scores, total

    def topic_applies(self, terms: QueryTerms, topic_id: str) -> bool:
        """Whether the query names one of the words the topic requires, if any, other
        than as the name of a street."""
        required = self.topic_requires.get(topic_id)
        return required is None or any(
            similarity
            and item in required
            and item not in terms.street_names
            and item not in terms.passing_places
            for item, similarity, _ in terms.stems
        )

    def title_share(self, terms: QueryTerms, position: int) -> float:
        """The largest share of one of the article's titles that the query's words name:
        "what is temporary protection" names all of "Temporary protection – what it is"
        but only two thirds of "Extending temporary protection"."""
        return max(
            (len(title & terms.named) / len(title) for title in self._titles[position]),
            default=0.0,
        )

    def names_title(self, terms: QueryTerms, position: int) -> bool:
        """Whether the query names every word of one of the article's titles of two
        words or more ("zaměstnaneckou kartu" names "Zaměstnanecká karta")."""
        return any(len(title) >= 2 and title <= terms.named for title in self._titles[position])

    def everyday_information(self, terms: QueryTerms) -> float:
        """The information of the query's everyday words that GENERIC_WEIGHT leaves out
        of the total: what a message about shopping or opening hours says besides its
        one topic word ("where can I buy apples")."""
        return sum(
            self._generic_rest.get(item, 0.0) * emphasis
            for (item, similarity, _), emphasis in zip(terms.stems, terms.emphasis, strict=True)
            if similarity
        )

    def speaking_words(self, terms: QueryTerms, position: int) -> int:
        """How many of the query's words add at least SPEAKING_WORD_MIN to this article."""
        count = 0
        for item, similarity, key in terms.stems:
            found = self._posting(item, position) if similarity else None
            if found is None:
                continue
            strength, forms = found
            weight = self.idf[item] * similarity * strength * form_match(key, forms)
            count += weight >= SPEAKING_WORD_MIN
        return count

    def topic_own_information(
        self, terms: QueryTerms, topic_id: str, best: int, above: Iterable[int]
    ) -> float:
        """The information of the query words that an out-of-scope topic has and the
        best article lacks. A required word (a country) also found in an article that
        scores above the topic is not the topic's own: "from Poland" is where an EU
        citizen comes from when the article for EU citizens names Poland. In a story,
        only the words of its question count (QueryTerms.emphasis): a railway station or
        a maths lesson in the background does not make "what do I do with my diploma?"
        a question about trains or homework. Nor does a place in the background
        (QueryTerms.passing_places): "I had a blue card in Germany" asks about here."""
        topic = self._position_of[topic_id]
        required = self.topic_requires.get(topic_id, frozenset())
        others = tuple(above)
        return sum(
            self.idf[item] * similarity
            for (item, similarity, _), weight in zip(terms.stems, terms.emphasis, strict=True)
            if similarity
            and (weight > 1.0 or not terms.is_story)
            and self._posting(item, topic) is not None
            and self._posting(item, best) is None
            and item not in terms.passing_places
            and not (
                item in required and any(self._posting(item, at) is not None for at in others)
            )
        )

    def function_phrase(self, keys: list[str]) -> int | None:
        """The position of the document with a keyword of only function words that says
        exactly what the message says, in any order ("what you can do", "ти хто")."""
        return self.function_phrases.get(_any_order(keys))

    def _posting(self, item: str, position: int) -> tuple[float, frozenset[str]] | None:
        """The field strength and forms of a stem in one document, if it has the stem."""
        postings = self.postings.get(item)
        if not postings:
            return None
        # Postings are in document order: find this one's by bisection.
        at = bisect.bisect_left(postings, position, key=lambda posting: posting[0])
        if at == len(postings) or postings[at][0] != position:
            return None
        return postings[at][1], postings[at][2]


def _fields(translations: Iterable[Translation]) -> Iterable[tuple[str, str]]:
    for text in translations:
        yield "title", markup.strip(text.title)
        yield "summary", markup.strip(text.summary)
        yield "body", markup.strip(text.body)
        for section in text.sections:
            yield "body", markup.strip(section.title + "\n" + section.body)
        for keyword in text.keywords:
            yield "keywords", keyword
        for question in text.questions:
            yield "questions", question


def _topic_fields(topic: OutOfScopeTopic) -> Iterable[tuple[str, str]]:
    for phrases in topic.keywords.values():
        for phrase in phrases:
            yield "topic", phrase


def form_match(query: str, forms: Iterable[str]) -> float:
    """How surely a query word (sound key) is one of these indexed forms of its stem:
    1 when it differs from one of them only in the ending, less the earlier they part."""
    best = MIN_FORM_MATCH
    for form in forms:
        shorter = min(len(query), len(form))
        common = 0
        while common < shorter and query[common] == form[common]:
            common += 1
        tail = max(len(query), len(form)) - common
        if tail <= FREE_TAIL:
            return 1.0
        best = max(best, 1.0 - FORM_STEP * (tail - FREE_TAIL))
    return best


def without_greetings(keys: list[str]) -> list[str]:
    """The sound keys without greeting pairs ("good evening", "добрий вечір")."""
    kept: list[str] = []
    at = 0
    while at < len(keys):
        if tuple(keys[at : at + 2]) in GREETINGS:
            at += 2
            continue
        kept.append(keys[at])
        at += 1
    return kept


def is_direction(word: str) -> bool:
    """Whether a place name is in the Ukrainian or Russian accusative, which after "в"
    or "у" says where one goes, not where one is: "в Польшу на выходные" is a trip
    from here, "в Польше" is life there."""
    return word[-1:] in DIRECTION_ENDINGS


def _background(keys: list[str]) -> set[int]:
    """Positions of the places a story passes through rather than asks about: right
    after "from" ("z Prahy"), or after "in" shortly after a past cue ("I was working in
    Germany", "раньше жил в Польше"; lexicon.PAST_SCENE_WORDS)."""
    found: set[int] = set()
    for at in range(1, len(keys)):
        before = keys[at - 1]
        if before in PASSAGE_WORDS or (before in SCENE_PREPOSITIONS and in_the_past(keys, at - 1)):
            found.add(at)
    return found


def _pairs(stems: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def _idf(total: int, frequency: int) -> float:
    return math.log(1.0 + total / frequency)


def _any_order(keys: list[str]) -> tuple[str, ...]:
    """The words without fillers ("а ви хто взагалі" says "ви хто"), in any order."""
    return tuple(sorted(key for key in keys if key not in FILLER_WORDS))
