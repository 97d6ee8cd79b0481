"""Sending the core's replies to a chat; a resident who blocked the bot is marked inactive."""

from __future__ import annotations

import logging
from typing import Any

from telegram import ForceReply, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.replies import Reply
from bot.handlers.context import BotApplication, BotContext
from bot.render import render

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# user_data key: (prompt message id, CommentOn) of the last "reply to comment" prompt.
COMMENT_PROMPT = "comment_prompt"
EXPECTING = "expecting"  # user_data key: what the resident's next text answers (Reply.expects)


async def send_replies(context: BotContext, chat_id: int, replies: list[Reply]) -> None:
    """Send every reply in order; stop quietly if the resident has blocked the bot."""
    if not await deliver(context.application, chat_id, replies):  # type: ignore[arg-type]
        await mark_blocked(context, chat_id)


async def deliver(application: BotApplication, chat_id: int, replies: list[Reply]) -> bool:
    """Send replies to a private chat, in order; False if the resident blocked the bot."""
    try:
        for reply in replies:
            await _send_one(application, chat_id, reply)
    except Forbidden:
        return False
    return True


async def _send_one(application: BotApplication, chat_id: int, reply: Reply) -> None:
    if reply.venue is not None:
        venue = reply.venue
        await application.bot.send_venue(chat_id, venue.lat, venue.lon, venue.title, venue.address)
    user_data = application.user_data[chat_id]
    if reply.expects is not None:
        user_data[EXPECTING] = reply.expects
    else:
        user_data.pop(EXPECTING, None)
    for outgoing in render(reply):
        markup: Any = outgoing.keyboard
        if reply.comment_for is not None or (reply.expects is not None and markup is None):
            markup = ForceReply(selective=True)
        sent: Message = await application.bot.send_message(
            chat_id,
            outgoing.html,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
        if reply.comment_for is not None:
            application.user_data[chat_id][COMMENT_PROMPT] = (sent.message_id, reply.comment_for)


async def edit_or_send(
    context: BotContext, chat_id: int, message_id: int, replies: list[Reply]
) -> None:
    """Menus change in place; anything that does not fit one message is sent anew."""
    if len(replies) == 1 and len(rendered := render(replies[0])) == 1:
        try:
            await context.bot.edit_message_text(
                rendered[0].html,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered[0].keyboard,
                link_preview_options=NO_PREVIEW,
            )
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            # Too old to edit, or deleted: fall through and send it as a new message.
            log.info("edit failed, sending instead", extra={"reason": str(exc)})
        except Forbidden:
            await mark_blocked(context, chat_id)
            return
    await send_replies(context, chat_id, replies)


async def mark_blocked(context: BotContext, resident_id: int) -> None:
    log.info("resident blocked the bot", extra={"resident": resident_id})
    services = context.services
    await services.conversation.residents.set_active(
        resident_id, False, services.conversation.clock.now()
    )
    if services.desk is not None:
        await services.desk.resident_blocked(resident_id)
