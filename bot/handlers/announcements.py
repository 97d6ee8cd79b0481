"""Announcements in Telegram: residents' /subscribe and /unsubscribe, admins' /announce."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.announcements import admin
from bot.core import subscriptions
from bot.core.replies import Reply
from bot.handlers.context import BotContext
from bot.handlers.sending import send_replies
from bot.i18n.catalog import language_for

log = logging.getLogger(__name__)


async def _resident(update: Update, context: BotContext) -> tuple[int, str]:
    user = update.effective_user
    assert user is not None  # registered for private chats with a sender
    conversation = context.services.conversation
    return user.id, await conversation.language(user.id, language_for(user.language_code))


def _is_admin(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admin_user_ids


async def subscribe(update: Update, context: BotContext) -> None:
    """/subscribe: toggle buttons for the areas the resident wants announcements about."""
    resident, lang = await _resident(update, context)
    conversation = context.services.conversation
    await send_replies(context, resident, [await subscriptions.menu(conversation, resident, lang)])


async def unsubscribe(update: Update, context: BotContext) -> None:
    """/unsubscribe: no more announcements at all."""
    resident, lang = await _resident(update, context)
    conversation = context.services.conversation
    reply = await subscriptions.unsubscribe_all(conversation, resident, lang)
    await send_replies(context, resident, [reply])


async def announce(update: Update, context: BotContext) -> None:
    """/announce: list announcements; /announce ID: preview it with a send button."""
    if not _is_admin(update, context):
        return  # residents never see that the command exists
    admin_id, lang = await _resident(update, context)
    services = context.services
    knowledge = await admin.fresh_content(services.settings.content_dir)
    if isinstance(knowledge, Reply):  # the content has errors
        await send_replies(context, admin_id, [knowledge])
        return
    store = services.broadcasts
    if not context.args:
        await send_replies(context, admin_id, [await admin.overview(knowledge, store, lang)])
        return
    replies = await admin.preview(
        knowledge, store, services.conversation.subscriptions, context.args[0], lang
    )
    await send_replies(context, admin_id, replies)


async def confirm(update: Update, context: BotContext) -> None:
    """The admin pressed "Send to N subscribers": record the broadcast and start it."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    if not _is_admin(update, context):
        log.warning("announce button from a non-admin", extra={"user": query.from_user.id})
        raise ApplicationHandlerStop
    admin_id, lang = await _resident(update, context)
    services = context.services
    if query.message is not None:
        await context.bot.edit_message_reply_markup(
            admin_id, query.message.message_id, reply_markup=None
        )
    knowledge = await admin.fresh_content(services.settings.content_dir)
    if isinstance(knowledge, Reply):  # the content has errors
        await send_replies(context, admin_id, [knowledge])
        raise ApplicationHandlerStop
    announcement_id = query.data.removeprefix(admin.CONFIRM_PREFIX)
    broadcast, reply = await admin.start(
        knowledge,
        services.broadcasts,
        announcement_id,
        admin_id,
        lang,
        services.conversation.clock.now(),
    )
    await send_replies(context, admin_id, [reply])
    if broadcast is not None and services.broadcaster is not None:
        services.broadcaster.wake()
    raise ApplicationHandlerStop
