"""Pacing outgoing calls the way Telegram counts them.

Telegram's flood limits (about 30 messages a second overall, 20 a minute into one group)
count messages sent. python-telegram-bot's AIORateLimiter paces every call that names a
chat, edits and reads included, so in a busy staff group a card edit or a membership
check would queue behind messages. This limiter paces only calls that create messages;
every call still gets AIORateLimiter's wait-and-retry on a 429.

It also retries what certainly did not reach Telegram's chats: 5xx answers, failed
connections (a plain NetworkError), and timeouts before the request was fully sent
(connecting, waiting for a free connection, writing). A timeout while waiting for the
answer is retried only for calls that merely read: a message may well have arrived,
and sending it again would say it twice. The relay decides for itself (it would rather
say a resident's words twice than lose them); an answer of the bot is not resent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
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
                if pause is None or not safe_to_retry(exc, endpoint):
                    raise
                log.warning("telegram unreachable, retrying %s: %s", endpoint, exc.message)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last attempt returns or raises")


# httpx timeouts after which the request certainly never reached Telegram.
UNSENT_TIMEOUTS = (httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteTimeout)


def safe_to_retry(error: NetworkError, endpoint: str) -> bool:
    """Whether repeating the call cannot do anything twice."""
    if type(error) is NetworkError:  # 5xx or a failed connection; subclasses mean more
        return True
    if isinstance(error, TimedOut):
        return isinstance(error.__cause__, UNSENT_TIMEOUTS) or endpoint.startswith("get")
    return False


def rate_limiter(time_scale: float = 1.0) -> MessageRateLimiter:
    """Telegram's limits; time_scale > 1 shortens their periods (benchmarks only)."""
    return MessageRateLimiter(
        overall_time_period=1 / time_scale, group_time_period=60 / time_scale, max_retries=3
    )
