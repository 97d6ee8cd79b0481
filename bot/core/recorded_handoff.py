"""Handoff without a staff chat: the request is recorded and the resident told whom to
contact (the municipal police's assistants)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.replies import Button, Reply
from bot.handoff.schedule import availability
from bot.i18n.catalog import strings
from bot.storage.handoff_requests import HandoffRequests

if TYPE_CHECKING:
    from bot.core.conversation import Conversation

# The article that tells residents whom to contact when no assistant can take over here.
CONTACT_ARTICLE = "crime-prevention-assistants"


class RecordedHandoff:
    """Without a staff chat: record the request and tell the resident whom to contact."""

    def __init__(self, conversation: Conversation, requests: HandoffRequests) -> None:
        self.conversation = conversation
        self.requests = requests

    async def open(self, resident_id: int, lang: str, question: str) -> list[Reply]:
        conversation = self.conversation
        await conversation.residents.ensure(resident_id, lang, conversation.clock.now())
        await self.requests.open(resident_id, lang, question, conversation.clock.now())
        t = strings(lang)
        text = "\n\n".join(
            (
                t._("I have recorded your request for a person."),
                availability(conversation.hours, conversation.clock.local(), lang),
                t._(
                    "The Ukrainian-speaking assistants of the Plzeň municipal police can "
                    "help you in person; their contacts are below."
                ),
            )
        )
        knowledge = conversation.library.current.knowledge
        rows: list[tuple[Button, ...]] = []
        if CONTACT_ARTICLE in knowledge.articles:
            rows.append((conversation.article_button(knowledge.articles[CONTACT_ARTICLE], lang),))
        rows.extend(conversation.home_row(lang))
        return [Reply(text, tuple(rows))]

    async def cancel(self, resident_id: int, lang: str) -> list[Reply]:
        t = strings(lang)
        if await self.requests.cancel(resident_id):
            return [
                Reply(
                    t._("Your request for a person is withdrawn."),
                    self.conversation.home_row(lang),
                )
            ]
        return [
            Reply(
                t._("You have no open request to an assistant."), self.conversation.home_row(lang)
            )
        ]

    async def rate(self, resident_id: int, lang: str, ticket_id: int, stars: int) -> list[Reply]:
        return [self.conversation.expired(lang)]  # no tickets without a staff chat

    async def rating_comment(
        self, resident_id: int, lang: str, ticket_id: int, text: str
    ) -> list[Reply]:
        return [self.conversation.expired(lang)]

    async def forget(self, resident_id: int) -> None:
        """The requests go with the resident's row (foreign key cascade)."""
