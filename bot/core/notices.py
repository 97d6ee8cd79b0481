"""Fixed replies the handlers need besides answers: the delete confirmation and the
note that only words are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import actions
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings

if TYPE_CHECKING:
    from bot.core.conversation import Conversation


def confirm_forget(conversation: Conversation, lang: str) -> Reply:
    t = strings(lang)
    return Reply(
        t._(
            "This deletes everything stored about you: your language, your questions, "
            "your requests to assistants and your feedback. Delete it?"
        ),
        (
            (Button(t._("🗑 Yes, delete everything"), actions.encode(actions.Forget())),),
            *conversation.home_row(lang),
        ),
    )


def non_text(conversation: Conversation, lang: str) -> Reply:
    """Stickers, photos, voice, documents, contacts: the bot reads only words."""
    t = strings(lang)
    return Reply(
        t._(
            "I can only read text. Write your question in words, or choose a topic. "
            "To send photos or documents to a person, use /assistant."
        ),
        conversation.home_row(lang),
    )
