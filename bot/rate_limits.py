"""Pacing outgoing calls the way Telegram counts them.

Telegram's flood limits (about 30 messages a second overall, 20 a minute into one group)
count messages sent. python-telegram-bot's AIORateLimiter paces every call that names a
chat, edits and reads included, so in a busy staff group a card edit or a membership
check would queue behind messages. This limiter paces only calls that create messages;
every call still gets AIORateLimiter's wait-and-retry on a 429.

It also retries what certainly did not reach Telegram's chats: 5xx answers and failed
connections (a plain NetworkError). A timeout is not retried here: the message may well
have arrived, and sending it again would say it twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
# Bot API methods that create a message in a chat.
COUNTED = ("send", "copyMessage", "forwardMessage")
# Pauses before retrying after a server error or a failed connection.
SERVER_ERROR_BACKOFF = (0.5, 1.0, 2.0, 4.0)


class MessageRateLimiter(AIORateLimiter):
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if not endpoint.startswith(COUNTED):
            # Without a chat id AIORateLimiter applies no limiter, only its retries.
            data = {key: value for key, value in data.items() if key != "chat_id"}
        for pause in (*SERVER_ERROR_BACKOFF, None):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as exc:
                # Subclasses (BadRequest, TimedOut, ...) mean something else: not retried.
                if type(exc) is not NetworkError or pause is None:
                    raise
                log.warning("telegram server error, retrying: %s", exc.message)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last attempt returns or raises")


def rate_limiter(time_scale: float = 1.0) -> MessageRateLimiter:
    """Telegram's limits; time_scale > 1 shortens their periods (benchmarks only)."""
    return MessageRateLimiter(
        overall_time_period=1 / time_scale, group_time_period=60 / time_scale, max_retries=3
    )
