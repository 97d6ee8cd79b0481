"""Steady pacing under Telegram's broadcast limit (about 30 messages a second).

Slots are spaced evenly, 1/rate apart, with no burst allowance: a leaky bucket that
starts full lets a whole second's worth out at once, which a strict counter on
Telegram's side (or the test fake) answers with 429. A 429 pauses every sender.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class Pacer:
    def __init__(self, rate: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._monotonic = monotonic
        self._next = 0.0
        self._resume_at = 0.0
        self._closed = asyncio.Event()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    async def slot(self) -> bool:
        """Wait for the next free slot; False once the pacer is closed (stop sending)."""
        while not self._closed.is_set():
            now = self._monotonic()
            at = max(self._next, self._resume_at, now)
            self._next = at + self.interval
            if at > now:
                try:
                    await asyncio.wait_for(self._closed.wait(), at - now)
                    return False
                except TimeoutError:
                    pass
            if self._resume_at <= at:
                return True
            # A 429 arrived while this sender waited: its slot fell inside the pause.
        return False

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        self._resume_at = max(self._resume_at, self._monotonic() + seconds)

    def close(self) -> None:
        self._closed.set()
