"""Any input, no exception: folding, matching, rendering and loading, with hypothesis.

Rendered HTML is checked with the fake Bot API's own parser, the one that refuses what
Telegram would refuse.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.library import Library
from bot.core.replies import Button, Reply
from bot.knowledge.loader import load
from bot.knowledge.markup import check, escape, to_html, to_plain
from bot.render import TEXT_LIMIT, render
from bot.search.fold import fold, words
from bot.search.matcher import Action
from tests.contentkit import write_content
from tests.fakebotapi.html import parse_text, utf16_len

# Text residents might send: any Unicode Telegram can carry (no lone surrogates: updates
# are UTF-8), weighted towards the scripts and marks they use.
resident_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяčďěňřšťůžáéíóúý*_[]()<>&\\ \n"),
    ),
    max_size=600,
)
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(resident_text)
def test_folding_never_fails(text: str) -> None:
    for key in words(text) + fold(text):
        assert key.isascii()


@SLOW
@given(resident_text)
def test_matching_any_text_gives_a_valid_decision(bundled_library: Library, text: str) -> None:
    decision = bundled_library.matcher.decide(text)
    articles = bundled_library.knowledge.articles
    assert decision.action in set(Action)
    assert 0 <= decision.score <= 100
    assert len(decision.candidates) <= 5
    assert all(candidate in articles for candidate in decision.candidates)
    assert (decision.article is not None) == (decision.action is Action.ANSWER)


@SLOW
@given(resident_text, st.integers(min_value=1, max_value=12))
def test_rendering_is_well_formed_and_within_limits(text: str, repeat: int) -> None:
    """Residents' words, escaped, inside editors' markup, any length."""
    markup = f"**{escape(text[:40])}**\n\n" + "\n\n".join([escape(text)] * repeat)
    reply = Reply(markup, ((Button(text[:80] or "x", "home"),),))
    for outgoing in render(reply):
        parsed = parse_text(outgoing.html, "HTML")
        assert utf16_len(parsed.text) <= TEXT_LIMIT
    assert to_plain(markup) is not None


@SLOW
@given(resident_text)
def test_any_markup_renders_to_html_telegram_accepts(text: str) -> None:
    """Even unescaped: markup the checker lets through must be valid Telegram HTML."""
    if check(text):
        return
    parse_text(to_html(text), "HTML")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400) | resident_text)
def test_loader_reports_any_broken_file_without_crashing(garbage: bytes | str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_content(Path(folder))
        target = next(root.glob("uk/*/*.yaml"))
        if isinstance(garbage, bytes):
            target.write_bytes(garbage)
        else:
            target.write_text(garbage, encoding="utf-8")
        result = load(root)
        if result.knowledge is None:
            assert result.errors
            assert all(str(problem) for problem in result.errors)
