"""Runs before every other handler: a sender flooding the bot is slowed down."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.core.flood import Verdict
from bot.handlers.context import BotContext
from bot.i18n.catalog import language_for, strings

log = logging.getLogger(__name__)


async def flood_guard(update: Update, context: BotContext) -> None:
    """Over 20 messages a minute: one polite notice, then silence until they slow down.

    Messages to be relayed are never dropped (a resident's to their assistant, an
    assistant's to a resident): they go into the outbox, which paces them; only the bot's
    own answers, commands and buttons are held back.
    """
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    services = context.services
    in_staff_chat = chat.id == services.settings.staff_chat_id
    if chat.type != ChatType.PRIVATE and not in_staff_chat:
        return
    verdict = context.bot_data.flood.check(user.id, time.monotonic())
    if verdict is Verdict.PASS:
        return
    message = update.message
    is_command = message is not None and (message.text or "").startswith("/")
    desk = services.desk
    if (
        message is not None
        and not is_command
        and desk is not None
        and await desk.relays(user.id, from_staff=in_staff_chat)
    ):
        return  # into the outbox, which paces it: never dropped
    if verdict is Verdict.NOTICE:
        log.warning("flood: sender slowed down", extra={"user": user.id})
        lang = (
            services.settings.staff_language
            if in_staff_chat
            else await services.conversation.language(user.id, language_for(user.language_code))
        )
        notice = strings(lang)._(
            "You are sending messages faster than I can answer. Please wait a minute, "
            "then write again."
        )
        thread = update.effective_message.message_thread_id if update.effective_message else None
        await context.bot.send_message(chat.id, notice, message_thread_id=thread)
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop
