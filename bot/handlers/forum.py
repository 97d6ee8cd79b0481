"""The staff forum supergroup, as the help desk's Forum: topics, posts, resident messages."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.replies import Reply
from bot.handlers.context import BotApplication
from bot.handlers.sending import NO_PREVIEW, deliver
from bot.handoff.forum import StaffUnreachable, TopicGone
from bot.render import render

log = logging.getLogger(__name__)

# Telegram's descriptions when a topic was deleted (they differ between methods).
_TOPIC_GONE = ("thread not found", "topic_deleted", "topic_id_invalid", "topic not found")


def topic_gone(error: BadRequest) -> bool:
    return any(marker in error.message.lower() for marker in _TOPIC_GONE)


class TelegramForum:
    def __init__(
        self, application: BotApplication, chat_id: int, wake_relay: Callable[[], None]
    ) -> None:
        self.application = application
        self.chat_id = chat_id
        self._wake_relay = wake_relay

    async def create_topic(self, name: str) -> int:
        try:
            topic = await self.application.bot.create_forum_topic(self.chat_id, name)
        except (Forbidden, BadRequest) as exc:
            raise StaffUnreachable(str(exc)) from exc
        return topic.message_thread_id

    async def rename_topic(self, thread_id: int, name: str) -> None:
        try:
            await self.application.bot.edit_forum_topic(self.chat_id, thread_id, name=name)
        except BadRequest as exc:
            if topic_gone(exc):
                raise TopicGone from exc
            if "not modified" not in exc.message.lower():
                raise StaffUnreachable(str(exc)) from exc
        except Forbidden as exc:
            raise StaffUnreachable(str(exc)) from exc

    async def delete_topic(self, thread_id: int) -> None:
        try:
            await self.application.bot.delete_forum_topic(self.chat_id, thread_id)
        except BadRequest as exc:
            if not topic_gone(exc):
                raise StaffUnreachable(str(exc)) from exc
        except Forbidden as exc:
            raise StaffUnreachable(str(exc)) from exc

    async def post(self, thread_id: int | None, reply: Reply) -> int:
        first: int | None = None
        try:
            for outgoing in render(reply):
                sent = await self.application.bot.send_message(
                    self.chat_id,
                    outgoing.html,
                    message_thread_id=thread_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=outgoing.keyboard,
                    link_preview_options=NO_PREVIEW,
                )
                first = first or sent.message_id
        except BadRequest as exc:
            if topic_gone(exc):
                raise TopicGone from exc
            raise StaffUnreachable(str(exc)) from exc
        except Forbidden as exc:
            raise StaffUnreachable(str(exc)) from exc
        assert first is not None  # render() always gives at least one message
        return first

    async def edit(self, message_id: int, reply: Reply) -> None:
        outgoing = render(reply)[0]
        try:
            await self.application.bot.edit_message_text(
                outgoing.html,
                chat_id=self.chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=outgoing.keyboard,
                link_preview_options=NO_PREVIEW,
            )
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return
            if topic_gone(exc) or "not found" in exc.message.lower():
                raise TopicGone from exc
            raise StaffUnreachable(str(exc)) from exc
        except Forbidden as exc:
            raise StaffUnreachable(str(exc)) from exc

    async def tell_resident(self, resident_id: int, replies: list[Reply]) -> bool:
        return await deliver(self.application, resident_id, replies)

    def relay_soon(self) -> None:
        self._wake_relay()
