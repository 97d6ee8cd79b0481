"""Matching quality and speed on the evaluation set, against two baselines in the same run.

    python bench/matching.py [--eval ../shared/eval/dev.jsonl] [--content content] [--misses]
                             [--quality-only]

Prints, per style and overall: top-1, top-3, wrong answers (answered with the wrong
article), out-of-scope sent to handoff; the same for rank_bm25 over plain lower-cased
tokens and for rapidfuzz WRatio over raw titles and keywords; then latency p50/p99 and
index build time on the shipped content and on the content replicated to 10,000
articles, and peak RSS. With --misses, first every message the engine got wrong, with
what it did instead (to find missing keywords). Numbers only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from bot.knowledge.loader import load_or_raise
from bot.knowledge.model import KnowledgeBase
from bot.search.matcher import Matcher

HANDOFF = "handoff"
SYNTHETIC_SIZE = 10_000


@dataclasses.dataclass(frozen=True)
class Case:
    text: str
    expect: str
    style: str


@dataclasses.dataclass(frozen=True)
class Outcome:
    action: str  # answer / suggest / handoff
    candidates: tuple[str, ...]


Engine = Callable[[str], Outcome]


def read_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            cases.append(Case(item["q"], item["expect"], item.get("style", "?")))
    return cases


def engine_of(matcher: Matcher) -> Engine:
    def run(text: str) -> Outcome:
        decision = matcher.decide(text)
        return Outcome(decision.action.value, decision.candidates)

    return run


def bm25_baseline(knowledge: KnowledgeBase) -> Engine:
    from rank_bm25 import BM25Okapi

    ids = sorted(knowledge.articles)
    corpus = [_plain_tokens(_article_text(knowledge, i)) for i in ids]
    bm25 = BM25Okapi(corpus)

    def run(text: str) -> Outcome:
        scores = bm25.get_scores(_plain_tokens(text))
        ranked = sorted(zip(ids, scores, strict=True), key=lambda x: -x[1])
        if not ranked or ranked[0][1] <= 0:
            return Outcome(HANDOFF, ())
        return Outcome("answer", tuple(i for i, _ in ranked[:5]))

    return run


def wratio_baseline(knowledge: KnowledgeBase) -> Engine:
    choices: list[str] = []
    owners: list[str] = []
    for article_id, article in knowledge.articles.items():
        for translation in article.translations.values():
            for phrase in (translation.title, *translation.keywords):
                choices.append(phrase)
                owners.append(article_id)

    def run(text: str) -> Outcome:
        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=40)
        ranked: list[str] = []
        for _, score, index in found:
            if score >= 60 and owners[index] not in ranked:
                ranked.append(owners[index])
        return Outcome("answer", tuple(ranked[:5])) if ranked else Outcome(HANDOFF, ())

    return run


def _article_text(knowledge: KnowledgeBase, article_id: str) -> str:
    article = knowledge.articles[article_id]
    return " ".join(
        " ".join((t.title, t.summary, t.body, *t.keywords, *t.questions))
        for t in article.translations.values()
    )


def _plain_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@dataclasses.dataclass
class Tally:
    cases: int = 0
    in_scope: int = 0
    top1: int = 0
    top3: int = 0
    wrong: int = 0
    out_of_scope: int = 0
    oos_handoff: int = 0

    def add(self, case: Case, outcome: Outcome) -> None:
        self.cases += 1
        first = outcome.candidates[0] if outcome.candidates else None
        if case.expect == HANDOFF:
            self.out_of_scope += 1
            handed = outcome.action == HANDOFF
            self.oos_handoff += handed
            self.top1 += handed
            self.top3 += handed
            self.wrong += outcome.action == "answer"
            return
        self.in_scope += 1
        shown = outcome.action != HANDOFF
        self.top1 += shown and first == case.expect
        self.top3 += shown and case.expect in outcome.candidates[:3]
        self.wrong += outcome.action == "answer" and first != case.expect

    def row(self) -> str:
        oos = (
            f"{100 * self.oos_handoff / self.out_of_scope:5.1f}" if self.out_of_scope else "    -"
        )
        return (
            f"{self.cases:5d} {100 * self.top1 / self.cases:6.1f} {100 * self.top3 / self.cases:6.1f}"
            f" {100 * self.wrong / self.cases:6.1f} {oos:>6}"
        )


def evaluate(engine: Engine, cases: list[Case]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        outcome = engine(case.text)
        tallies[case.style].add(case, outcome)
        tallies["overall"].add(case, outcome)
    return tallies


def print_misses(matcher: Matcher, cases: list[Case]) -> None:
    """Every message whose first candidate is not the expected one (or not handed off)."""
    for case in cases:
        decision = matcher.decide(case.text)
        outcome = Outcome(decision.action.value, decision.candidates)
        tally = Tally()
        tally.add(case, outcome)
        if tally.top1:
            continue
        shown = ", ".join(decision.candidates[:3]) or "-"
        print(f"[{case.style}] {case.text}")
        print(
            f"    expected {case.expect}; got {decision.action.value} ({decision.score}): {shown}"
        )


def print_quality(name: str, tallies: dict[str, Tally]) -> None:
    print(f"\n{name}")
    print(f"{'style':10s} {'n':>5s} {'top1%':>6s} {'top3%':>6s} {'wrong%':>6s} {'oos->h%':>6s}")
    for style in sorted(tallies, key=lambda s: (s == "overall", s)):
        print(f"{style:10s} {tallies[style].row()}")


def latency(matcher: Matcher, cases: list[Case], rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        for case in cases:
            start = time.perf_counter()
            matcher.decide(case.text)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.99 * (len(samples) - 1))]


def replicate(knowledge: KnowledgeBase, size: int) -> KnowledgeBase:
    """The same articles copied under new ids until there are `size` of them."""
    originals = list(knowledge.articles.values())
    articles = {}
    for n in range(size):
        source = originals[n % len(originals)]
        copy_id = source.id if n < len(originals) else f"{source.id}-copy{n}"
        articles[copy_id] = dataclasses.replace(source, id=copy_id)
    return dataclasses.replace(knowledge, articles=articles)


def timed_build(knowledge: KnowledgeBase) -> tuple[Matcher, float]:
    start = time.perf_counter()
    matcher = Matcher(knowledge)
    return matcher, time.perf_counter() - start


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=root.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--content", type=Path, default=root / "content")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list the messages it got wrong")
    parser.add_argument(
        "--quality-only", action="store_true", help="skip the speed measurements (faster loop)"
    )
    args = parser.parse_args()

    cases = read_cases(args.eval)
    knowledge = load_or_raise(args.content)
    matcher, build_seconds = timed_build(knowledge)

    if args.misses:
        print_misses(matcher, cases)
    engine = evaluate(engine_of(matcher), cases)
    bm25 = evaluate(bm25_baseline(knowledge), cases)
    wratio = evaluate(wratio_baseline(knowledge), cases)
    print(
        f"evaluation set: {args.eval} ({len(cases)} messages), {len(knowledge.articles)} articles"
    )
    print_quality("engine (bot.search.matcher)", engine)
    print_quality("baseline: rank_bm25 over plain lower-cased tokens", bm25)
    print_quality("baseline: rapidfuzz WRatio over raw titles and keywords", wratio)
    best_baseline = max(
        100 * bm25["overall"].top1 / len(cases), 100 * wratio["overall"].top1 / len(cases)
    )
    engine_top1 = 100 * engine["overall"].top1 / len(cases)
    print(
        f"\ntop-1 engine {engine_top1:.1f} % vs better baseline {best_baseline:.1f} %:"
        f" {engine_top1 - best_baseline:+.1f} points (target: +15)"
    )

    if args.quality_only:
        return
    p50, p99 = latency(matcher, cases, args.rounds)
    print(
        f"\nshipped content ({len(knowledge.articles)} articles): index build {build_seconds * 1000:.0f} ms"
        f" (target < 1000), latency p50 {p50:.2f} ms, p99 {p99:.2f} ms (target < 5)"
    )
    big = replicate(knowledge, SYNTHETIC_SIZE)
    big_matcher, big_build = timed_build(big)
    big_p50, big_p99 = latency(big_matcher, cases, 1)
    print(
        f"synthetic ({len(big.articles)} articles): index build {big_build * 1000:.0f} ms,"
        f" latency p50 {big_p50:.2f} ms, p99 {big_p99:.2f} ms (target < 25);"
        f" p99 ratio to shipped {big_p99 / p99:.1f}x"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
