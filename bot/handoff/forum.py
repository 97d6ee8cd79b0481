"""What the help desk needs from the place where assistants work.

In production that is a Telegram forum supergroup (bot/handlers/forum.py); the desk only
sees these few operations, so its rules stay free of Telegram and testable on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.replies import Reply


class TopicGone(Exception):
    """The ticket's topic was deleted by staff; the desk makes a new one."""


class StaffUnreachable(Exception):
    """The staff chat refused the bot (removed, no rights); logged, the ticket waits."""


@dataclass(frozen=True)
class Incoming:
    """A message to relay, as the desk needs to know it (not what it contains)."""

    chat_id: int
    message_id: int
    sender_id: int
    text: str  # the text or caption, for urgency checks and the ticket's question
    media_group_id: str | None = None
    reply_to_message_id: int | None = None
    # Set only when a caption is longer than copies may carry: sent as text before it.
    long_caption_html: str | None = None
    is_command: bool = False


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str  # the name shown to colleagues in the staff chat (their Telegram name)


class Forum(Protocol):
    async def create_topic(self, name: str) -> int:
        """A new topic; returns its thread id."""

    async def rename_topic(self, thread_id: int, name: str) -> None: ...

    async def delete_topic(self, thread_id: int) -> None:
        """Delete a topic with everything in it (a resident's /forget)."""

    async def post(self, thread_id: int | None, reply: Reply) -> int:
        """Post in a topic (None: the general topic); returns the message id.

        Raises TopicGone if the topic no longer exists.
        """

    async def edit(self, message_id: int, reply: Reply) -> None: ...

    async def tell_resident(self, resident_id: int, replies: list[Reply]) -> bool:
        """Send to the resident's private chat; False if they have blocked the bot."""

    def relay_soon(self) -> None:
        """New messages are in the outbox: copy them when the limits allow."""


@dataclass(frozen=True)
class StaffReply:
    """What the desk answers an assistant: posted in the ticket's topic (or answered
    privately for button presses)."""

    text: str
    alert: bool = False  # a button press that did nothing: shown as a pop-up
