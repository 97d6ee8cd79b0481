"""The flood guard: 20 messages a minute pass, the rest get one notice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.flood import FloodGuard, Verdict


def test_twenty_a_minute_pass_then_one_notice_then_silence() -> None:
    guard = FloodGuard()
    verdicts = [guard.check(1, n * 0.5) for n in range(25)]
    assert verdicts[:20] == [Verdict.PASS] * 20
    assert verdicts[20:] == [Verdict.NOTICE] + [Verdict.DROP] * 4
    assert guard.check(2, 12.0) is Verdict.PASS  # others are not affected
    assert guard.check(1, 60.0) is Verdict.PASS  # the window moved on
    assert guard.check(1, 200.0) is Verdict.PASS


@given(st.lists(st.floats(min_value=0, max_value=1000), max_size=200))
def test_never_more_than_the_limit_pass_in_any_window(times: list[float]) -> None:
    guard = FloodGuard(limit=5, window=10.0)
    passed = [t for t in sorted(times) if guard.check(1, t) is Verdict.PASS]
    for start in passed:
        assert len([t for t in passed if start <= t < start + 10.0]) <= 5
