"""What the staff forum shows of each ticket: its topic, its card, and notes in it.

The help desk decides; the board keeps the forum in step, and repairs it when staff have
deleted a topic or the chat refuses the bot for a while.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.core.conversation import Conversation
from bot.core.replies import Reply
from bot.handoff import staff_texts
from bot.handoff.forum import Forum, StaffUnreachable, TopicGone
from bot.storage.relay import StaffTopics
from bot.storage.tickets import Ticket, Tickets

log = logging.getLogger(__name__)

RECENT_ARTICLES = 3


class TicketBoard:
    def __init__(
        self,
        conversation: Conversation,
        forum: Forum,
        tickets: Tickets,
        topics: StaffTopics,
        staff_language: str,
    ) -> None:
        self.conversation = conversation
        self.forum = forum
        self.tickets = tickets
        self.topics = topics
        self.staff = staff_language

    def now(self) -> dt.datetime:
        return self.conversation.clock.now()

    async def thread_for(self, ticket: Ticket) -> int | None:
        """The resident's topic, created (with a card) if it is missing."""
        thread = await self.topics.thread(ticket.resident_id)
        if thread is None:
            await self.post_card(ticket, new_ticket=True)
            thread = await self.topics.thread(ticket.resident_id)
        return thread

    async def topic_gone(self, ticket: Ticket) -> int | None:
        """Staff deleted the topic: a new one, with the card, for what follows."""
        log.info("staff topic deleted, creating a new one", extra={"ticket": ticket.id})
        await self.topics.drop(ticket.resident_id)
        return await self.thread_for(await self.tickets.get(ticket.id) or ticket)

    async def post_card(self, ticket: Ticket, *, new_ticket: bool) -> None:
        try:
            thread = await self.topics.thread(ticket.resident_id)
            if thread is None:
                thread = await self.forum.create_topic(staff_texts.topic_name(ticket))
                await self.topics.set(ticket.resident_id, thread, self.now())
            elif new_ticket:
                await self.forum.rename_topic(thread, staff_texts.topic_name(ticket))
            try:
                message_id = await self.forum.post(thread, await self._card(ticket))
            except TopicGone:
                thread = await self.forum.create_topic(staff_texts.topic_name(ticket))
                await self.topics.set(ticket.resident_id, thread, self.now())
                message_id = await self.forum.post(thread, await self._card(ticket))
            await self.tickets.set_card(ticket.id, message_id)
        except StaffUnreachable:
            log.error("staff chat unreachable; the ticket waits", extra={"ticket": ticket.id})

    async def _card(self, ticket: Ticket) -> Reply:
        earlier = await self.tickets.history(ticket.resident_id, before=ticket.id)
        knowledge = self.conversation.library.current.knowledge
        titles = [
            knowledge.articles[a].text(self.staff).title
            for a in self.conversation.recent_articles(ticket.resident_id)[:RECENT_ARTICLES]
            if a in knowledge.articles
        ]
        return staff_texts.card(
            ticket, earlier, titles, self.staff, self.conversation.clock.timezone
        )

    async def refresh_card(self, ticket: Ticket) -> None:
        if ticket.card_message_id is None:
            return
        try:
            await self.forum.edit(ticket.card_message_id, await self._card(ticket))
        except (StaffUnreachable, TopicGone):
            log.warning("could not update the ticket card", extra={"ticket": ticket.id})

    async def rename(self, ticket: Ticket) -> None:
        thread = await self.topics.thread(ticket.resident_id)
        if thread is None:
            return
        try:
            await self.forum.rename_topic(thread, staff_texts.topic_name(ticket))
        except (StaffUnreachable, TopicGone):
            log.warning("could not rename the topic", extra={"ticket": ticket.id})

    async def post_note(self, ticket: Ticket, text: str) -> None:
        thread = await self.topics.thread(ticket.resident_id)
        try:
            if thread is None:
                raise TopicGone
            await self.forum.post(thread, Reply(text))
        except TopicGone:
            thread = await self.topic_gone(ticket)
            if thread is not None:
                await self.forum.post(thread, Reply(text))
        except StaffUnreachable:
            log.error("staff chat unreachable; note not posted", extra={"ticket": ticket.id})
