"""One place for failures: log with context, tell the resident politely, never crash."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.handlers.context import BotContext
from bot.handlers.sending import mark_blocked
from bot.i18n.catalog import language_for, strings

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Called by python-telegram-bot for any exception raised while handling an update."""
    error = context.error
    chat_id = (
        update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
    )
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden) and chat_id is not None:
        await mark_blocked(context, chat_id)
        return
    if isinstance(error, TimedOut | RetryAfter | NetworkError):
        # Telegram was slow or unreachable; the rate limiter already retried 429s.
        log.warning("telegram unavailable: %s", error, extra={"update_id": update_id})
        return
    log.error("update failed", exc_info=error, extra={"update_id": update_id})
    if chat_id is None or chat_id < 0 or not isinstance(update, Update):
        return
    user = update.effective_user
    lang = language_for(user.language_code if user else None)
    try:
        await context.bot.send_message(
            chat_id,
            strings(lang)._(
                "Sorry, something went wrong on our side. Please try again, or write /assistant."
            ),
        )
    except Exception:  # the apology itself failed: nothing more to do but log
        log.warning("could not send the apology", extra={"update_id": update_id})
