"""Updates of different chats at once, those of one chat strictly in order.

python-telegram-bot handles one update at a time by default: one slow call (a 429 wait
in the staff group, a slow database write) then holds up every resident. Running each
chat's updates in its own queue keeps each conversation in order, and the relay's,
the help desk's and the database's rules (conditional updates, serialised
transactions) keep different chats from stepping on each other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in progress at once, across all chats. A few suffice to overlap one chat's
# network wait with another's work; more cost CPU in the HTTP pool (measured with
# bench/telegram.py: 4 gave 76 % of the echo bot, 8 gave 68 %, 16 gave 56 %).
MAX_CONCURRENT_UPDATES = 4


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_of(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:  # asyncio.Lock is first come, first served: order is kept
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle chats, so memory stays bounded
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_of(update: object) -> object:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return "other"
