"""A Telegram message as the help desk sees it: who, where, and how to copy it."""

from __future__ import annotations

from telegram import Message, MessageEntity
from telegram.constants import MessageLimit

from bot.handoff.forum import Incoming

CAPTION_LIMIT = int(MessageLimit.CAPTION_LENGTH)


def incoming(message: Message) -> Incoming:
    text = message.text or message.caption or ""
    caption = message.caption or ""
    replied = message.reply_to_message
    # In a forum topic every message "replies" to the topic's first message; only a
    # reply to another message is a real reply.
    reply_to = None
    if replied is not None and replied.message_id != message.message_thread_id:
        reply_to = replied.message_id
    sender = message.from_user.id if message.from_user else message.chat.id
    return Incoming(
        chat_id=message.chat.id,
        message_id=message.message_id,
        sender_id=sender,
        text=text,
        media_group_id=message.media_group_id,
        reply_to_message_id=reply_to,
        # Premium users may send captions longer than a copy can carry: their text goes
        # ahead as a message of its own.
        long_caption_html=message.caption_html if len(caption) > CAPTION_LIMIT else None,
        is_command=_is_command(message),
    )


def _is_command(message: Message) -> bool:
    entities = message.entities or ()
    return any(e.type == MessageEntity.BOT_COMMAND and e.offset == 0 for e in entities)
