"""Slowing down a sender who writes faster than any person reads answers.

A sliding window per sender: over the limit, the sender gets one polite notice per
window and nothing else, instead of an answer to every message.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

LIMIT = 20  # messages ...
WINDOW = 60.0  # ... per this many seconds
TRACKED_SENDERS = 50_000  # memory bound: the least recently active are dropped first


class Verdict(Enum):
    PASS = "pass"
    NOTICE = "notice"  # over the limit: tell them once
    DROP = "drop"  # over the limit, already told


@dataclass
class _Sender:
    times: deque[float]
    noticed: bool = False


class FloodGuard:
    def __init__(self, limit: int = LIMIT, window: float = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._senders: dict[int, _Sender] = {}

    def check(self, sender: int, now: float) -> Verdict:
        """Record one message from sender at monotonic time now."""
        state = self._senders.pop(sender, None) or _Sender(deque())
        self._senders[sender] = state  # most recently active last
        if len(self._senders) > TRACKED_SENDERS:
            del self._senders[next(iter(self._senders))]
        while state.times and now - state.times[0] >= self.window:
            state.times.popleft()
        if len(state.times) < self.limit:
            state.times.append(now)
            if len(state.times) < self.limit:
                state.noticed = False
            return Verdict.PASS
        if state.noticed:
            return Verdict.DROP
        state.noticed = True
        return Verdict.NOTICE
