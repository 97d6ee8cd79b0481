"""Residents in private chats: commands, questions, buttons, everything else they send."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus

from bot.core import actions
from bot.core.conversation import Conversation, comment
from bot.core.notices import confirm_forget, non_text
from bot.core.offices import nearby_reply
from bot.core.replies import Reply
from bot.handlers.context import BotContext
from bot.handlers.incoming import incoming
from bot.handlers.sending import COMMENT_PROMPT, edit_or_send, send_replies
from bot.handlers.staff import mirror_edit
from bot.i18n.catalog import language_for

log = logging.getLogger(__name__)


async def _resident(update: Update, context: BotContext) -> tuple[Conversation, int, str]:
    """The core, the resident's id and their language (first contact stores Telegram's)."""
    user = update.effective_user
    assert user is not None  # handlers are registered for private chats with a sender
    conversation = context.services.conversation
    lang = await conversation.language(user.id, language_for(user.language_code))
    return conversation, user.id, lang


async def start(update: Update, context: BotContext) -> None:
    """/start, and /start <article-id> deep links."""
    conversation, resident, lang = await _resident(update, context)
    await conversation.residents.set_active(resident, True, conversation.clock.now())
    article = context.args[0] if context.args else None
    await send_replies(context, resident, conversation.start(lang, article))


async def menu(update: Update, context: BotContext) -> None:
    """/menu: the topic tree."""
    conversation, resident, lang = await _resident(update, context)
    await send_replies(context, resident, [conversation.main_menu(lang)])


async def help_command(update: Update, context: BotContext) -> None:
    """/help: what the bot does and its commands."""
    conversation, resident, lang = await _resident(update, context)
    await send_replies(context, resident, [conversation.help(lang)])


async def language(update: Update, context: BotContext) -> None:
    """/language: choose cs, uk or en."""
    conversation, resident, lang = await _resident(update, context)
    await send_replies(context, resident, [conversation.language_menu(lang)])


async def assistant(update: Update, context: BotContext) -> None:
    """/assistant [question]: pass the question to a person."""
    conversation, resident, lang = await _resident(update, context)
    question = " ".join(context.args or ())
    await send_replies(
        context, resident, await conversation.request_person(resident, lang, question)
    )


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel: withdraw the request to an assistant."""
    conversation, resident, lang = await _resident(update, context)
    await send_replies(context, resident, await conversation.handoff.cancel(resident, lang))


async def forget(update: Update, context: BotContext) -> None:
    """/forget: asks for confirmation, then deletes everything about the resident."""
    conversation, resident, lang = await _resident(update, context)
    await send_replies(context, resident, [confirm_forget(conversation, lang)])


async def text(update: Update, context: BotContext) -> None:
    """A question in the resident's words, a comment they were asked for, or a message
    for their assistant."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    conversation, resident, lang = await _resident(update, context)
    prompt = (context.user_data or {}).get(COMMENT_PROMPT)
    replied = message.reply_to_message
    if prompt and replied is not None and replied.message_id == prompt[0]:
        context.user_data.pop(COMMENT_PROMPT, None)  # type: ignore[union-attr]
        replies = await comment(conversation, resident, lang, prompt[1], message.text)
    else:
        taken = await _for_desk(update, context, resident, lang)
        if taken is None:
            replies = await conversation.on_text(resident, lang, message.text)
        else:
            replies = taken
    await send_replies(context, resident, replies)


async def _for_desk(
    update: Update, context: BotContext, resident: int, lang: str
) -> list[Reply] | None:
    """The help desk's answer when the message belongs to a ticket (or the resident is
    banned); None when the bot answers it itself."""
    desk = context.services.desk
    message = update.effective_message
    if desk is None or message is None:
        return None
    return await desk.intercept(resident, lang, incoming(message))


async def edited(update: Update, context: BotContext) -> None:
    """A resident corrected a message their assistant already has: the copy changes too."""
    message = update.edited_message
    desk = context.services.desk
    if message is None or desk is None or message.from_user is None:
        return
    copy = await desk.pairs.staff_message(message.from_user.id, message.message_id)
    settings = context.services.settings
    if copy is not None and settings.staff_chat_id is not None:
        await mirror_edit(context, message, settings.staff_chat_id, copy)


async def button(update: Update, context: BotContext) -> None:
    """An inline button: validated, then navigation edits the message in place."""
    query = update.callback_query
    if query is None:
        return
    conversation, resident, lang = await _resident(update, context)
    action = actions.parse(query.data, conversation.library.current.knowledge)
    await query.answer()
    if action is None:
        log.info("expired or forged callback data", extra={"resident": resident})
        await send_replies(context, resident, [conversation.expired(lang)])
        return
    replies = await conversation.perform(resident, lang, action)
    message = query.message
    if isinstance(action, actions.NAVIGATION) and message is not None:
        await edit_or_send(context, resident, message.message_id, replies)
    else:
        await send_replies(context, resident, replies)


async def other_message(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, documents, contacts; a location gets the nearest offices."""
    message = update.effective_message
    if message is None:
        return
    conversation, resident, lang = await _resident(update, context)
    replies = await _for_desk(update, context, resident, lang)
    if replies is not None:
        await send_replies(context, resident, replies)
        return
    if message.location is not None:
        reply = nearby_reply(
            conversation, lang, message.location.latitude, message.location.longitude
        )
    else:
        reply = non_text(conversation, lang)
    await send_replies(context, resident, [reply])


async def membership(update: Update, context: BotContext) -> None:
    """The resident blocked (or unblocked) the bot in their private chat."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    active = change.new_chat_member.status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    conversation = context.services.conversation
    await conversation.residents.set_active(change.chat.id, active, conversation.clock.now())
    desk = context.services.desk
    if not active and desk is not None:
        await desk.resident_blocked(change.chat.id)
