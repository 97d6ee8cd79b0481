"""The broadcaster's way to Telegram: its own Bot, paced by the broadcaster alone.

Announcements do not go through the Application's AIORateLimiter: that limiter retries
a 429 on its own and then releases every queued request at once, which would fight the
broadcaster's even pacing. Here a 429 comes back as RetryLater and the broadcaster
pauses all its senders and retries the same recipient.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.announcements.delivery import (
    CONCURRENCY,
    Blocked,
    Broadcaster,
    Delivered,
    Failed,
    Outcome,
    RetryLater,
)
from bot.config import Settings
from bot.core.replies import Reply
from bot.handlers.sending import NO_PREVIEW
from bot.render import render
from bot.services import Services

log = logging.getLogger(__name__)
NETWORK_RETRY_SECONDS = 2.0
SHOW_ATTEMPTS = 3


class TelegramTransport:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    @classmethod
    async def open(cls, settings: Settings) -> TelegramTransport:
        request = HTTPXRequest(connection_pool_size=CONCURRENCY + 4)
        token = settings.require_token()
        bot = (
            Bot(token, base_url=settings.api_url, request=request)
            if settings.api_url
            else Bot(token, request=request)
        )
        await bot.initialize()
        return cls(bot)

    async def send(self, chat_id: int, reply: Reply) -> Outcome:
        message_id = 0
        try:
            for outgoing in render(reply):
                sent = await self.bot.send_message(
                    chat_id,
                    outgoing.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=outgoing.keyboard,
                    link_preview_options=NO_PREVIEW,
                )
                message_id = sent.message_id
        except Forbidden:
            return Blocked()
        except RetryAfter as exc:
            return RetryLater(_seconds(exc.retry_after), refused=True)
        except BadRequest as exc:
            return Failed(str(exc))
        except NetworkError as exc:  # includes timeouts: the message may have arrived
            log.info("network trouble while broadcasting: %s", exc)
            return RetryLater(NETWORK_RETRY_SECONDS, refused=False)
        return Delivered(message_id)

    async def show(self, chat_id: int, text: str, message_id: int | None) -> int | None:
        """Edit or send the admin's message, waiting out a 429 a few times; else give up
        (progress that cannot be shown now is shown at the next update)."""
        for _ in range(SHOW_ATTEMPTS):
            try:
                return await self._show(chat_id, text, message_id)
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after))
        return message_id

    async def _show(self, chat_id: int, text: str, message_id: int | None) -> int | None:
        html = render(Reply(text))[0].html
        try:
            if message_id is not None:
                try:
                    await self.bot.edit_message_text(
                        html, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
                    )
                    return message_id
                except BadRequest as exc:
                    if "not modified" in str(exc).lower():
                        return message_id
            sent = await self.bot.send_message(chat_id, html, parse_mode=ParseMode.HTML)
            return sent.message_id
        except RetryAfter:
            raise
        except TelegramError as exc:
            log.info("could not show broadcast progress: %s", exc)
            return message_id

    async def close(self) -> None:
        await self.bot.shutdown()


def _seconds(value: int | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def start_broadcaster(services: Services) -> None:
    """Resume unfinished announcements and send new ones, in the background."""
    if services.broadcaster is not None:
        return
    transport = await TelegramTransport.open(services.settings)
    services.broadcaster = Broadcaster(
        services.broadcasts,
        services.conversation.residents,
        transport,
        rate=services.settings.broadcast_rate,
    )
    services.broadcaster.start()
