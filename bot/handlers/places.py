"""Police district lookup in Telegram: /district, and the street typed after the prompt.

The street arrives as an ordinary text message, so a handler in an early group catches
it while the resident's last reply asked for a street (Reply.expects), and stops the
question handlers from seeing it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.core import districts
from bot.core.replies import EXPECTS_STREET
from bot.handlers.context import BotContext
from bot.handlers.sending import COMMENT_PROMPT, EXPECTING, send_replies
from bot.i18n.catalog import language_for

# Handler group that runs before the residents' handlers (group 0).
EARLY_GROUP = -1


async def _resident(update: Update, context: BotContext) -> tuple[int, str]:
    user = update.effective_user
    assert user is not None  # registered for private chats with a sender
    conversation = context.services.conversation
    return user.id, await conversation.language(user.id, language_for(user.language_code))


async def district(update: Update, context: BotContext) -> None:
    """/district [street]: the police district of a street, or ask for one."""
    resident, lang = await _resident(update, context)
    conversation = context.services.conversation
    street = " ".join(context.args or ())
    reply = (
        districts.answer_street(conversation, lang, street)
        if street
        else districts.prompt(conversation, lang)
    )
    await send_replies(context, resident, [reply])


async def expected_answer(update: Update, context: BotContext) -> None:
    """Text after "write your street": look it up instead of treating it as a question.

    Anything else (a command, a button, a location) ends the waiting.
    """
    data = context.user_data
    expecting = data.pop(EXPECTING, None) if data is not None else None
    message = update.effective_message
    if expecting != EXPECTS_STREET or message is None or not message.text:
        return
    if message.text.startswith("/"):
        return
    prompt = (data or {}).get(COMMENT_PROMPT)
    replied = message.reply_to_message
    if prompt and replied is not None and replied.message_id == prompt[0]:
        return  # an answer to "what was missing?", not a street
    resident, lang = await _resident(update, context)
    conversation = context.services.conversation
    await send_replies(
        context, resident, [districts.answer_street(conversation, lang, message.text)]
    )
    raise ApplicationHandlerStop


async def end_waiting(update: Update, context: BotContext) -> None:
    """A button press ends any waiting for a typed answer."""
    if context.user_data is not None:
        context.user_data.pop(EXPECTING, None)
