"""Telegram's flood limits for outgoing messages, as token buckets (opt-in in the fake).

Telegram documents three limits: about one message per second to one private chat, 20
messages per minute to one group (all its topics together) and about 30 messages per
second overall. Each is a bucket holding one period's worth of messages (1, 20, 30) that
refills continuously, the same model python-telegram-bot's ``AIORateLimiter`` uses, so a
bot that paces itself like that limiter is never refused and one that does not is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["RateLimiter", "TelegramLimits"]

Clock = Callable[[], float]


@dataclass(frozen=True)
class TelegramLimits:
    """The limits to enforce; ``time_scale`` > 1 compresses time for benchmarks.

    With ``time_scale=10`` every period is divided by ten: a private chat takes one message
    per 0.1 s. ``retry_after`` in a 429 answer is then in Telegram's (scaled) seconds, as the
    real server would say it; wait ``retry_after / time_scale`` real seconds.
    """

    per_private_chat_per_second: float = 1.0  # messages to one private chat
    per_group_per_minute: float = 20.0  # messages to one group/supergroup (all topics together)
    overall_per_second: float = 30.0  # all outgoing messages of the bot
    time_scale: float = 1.0  # >1 compresses time for benchmarks: every period is divided by it

    def __post_init__(self) -> None:
        """Refuse limits that could never let a message through."""
        for name in ("per_private_chat_per_second", "per_group_per_minute", "overall_per_second"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.time_scale <= 0:
            raise ValueError("time_scale must be positive")


class _Bucket:
    """Tokens refill at ``rate`` per (scaled) second up to ``capacity``; O(1) per call."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def level(self, now: float) -> float:
        return min(self.capacity, self.tokens + (now - self.stamp) * self.rate)

    def wait(self, count: int, now: float) -> float:
        """Seconds until ``count`` messages fit; 0 if they fit now.

        A batch larger than the bucket (an album to a private chat) goes through from a
        full bucket and leaves it in debt, or it could never be sent at all.
        """
        needed = min(float(count), self.capacity)
        missing = needed - self.level(now)
        return 0.0 if missing <= 1e-9 else missing / self.rate

    def take(self, count: int, now: float) -> None:
        self.tokens = self.level(now) - count
        self.stamp = now


class RateLimiter:
    """Decides whether the bot may create ``count`` messages in a chat now.

    Chats with a negative id (groups, supergroups, channels) get the group limit; the
    others are private chats. A chat's bucket is made on its first message.
    """

    def __init__(self, limits: TelegramLimits, clock: Clock) -> None:
        """Start with every bucket full."""
        self.limits = limits
        self._clock = clock
        self._chats: dict[int, _Bucket] = {}
        self._overall = _Bucket(limits.overall_per_second, limits.overall_per_second, self._now())
        self._private_rate = limits.per_private_chat_per_second
        self._group_rate = limits.per_group_per_minute / 60.0

    def _now(self) -> float:
        """Telegram's (scaled) time in seconds."""
        return self._clock() * self.limits.time_scale

    def _bucket(self, chat_id: int, now: float) -> _Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if chat_id < 0:
                bucket = _Bucket(self.limits.per_group_per_minute, self._group_rate, now)
            else:
                bucket = _Bucket(self._private_rate, self._private_rate, now)
            self._chats[chat_id] = bucket
        return bucket

    def retry_after(self, chat_id: int, count: int = 1) -> int | None:
        """None if ``count`` messages may go to the chat now, else Telegram's retry_after.

        That is whole (scaled) seconds, rounded up and at least 1, as Telegram answers.
        """
        now = self._now()
        chat = self._chats.get(chat_id)
        wait = max(
            self._overall.wait(count, now), chat.wait(count, now) if chat is not None else 0.0
        )
        if wait <= 0.0:
            return None
        return max(1, math.ceil(wait - 1e-9))

    def record(self, chat_id: int, count: int = 1) -> None:
        """``count`` messages were created in the chat: take them from the buckets."""
        now = self._now()
        self._overall.take(count, now)
        self._bucket(chat_id, now).take(count, now)
