"""The help desk: tickets from opening to rating, and the rules of who may do what.

Residents reach it through the conversation core (a request for a person) and by writing
while their ticket is open; assistants through their forum topic. It tells the Forum what
to post and the outbox what to copy; it never talks to Telegram itself.
"""

from __future__ import annotations

import datetime as dt
import logging

import aiosqlite

from bot.core import actions
from bot.core.conversation import Conversation
from bot.core.replies import Button, CommentOn, Reply
from bot.handoff.forum import Forum, Incoming, StaffMember, StaffReply, StaffUnreachable
from bot.handoff.schedule import availability
from bot.handoff.staff_tools import StaffTools
from bot.handoff.topics import TicketBoard
from bot.i18n.catalog import strings
from bot.knowledge.markup import escape
from bot.search.fold import words
from bot.search.intents import is_urgent
from bot.storage.relay import Bans, Direction, MessagePairs, Outbox, StaffNames, StaffTopics
from bot.storage.tickets import ClosedBy, State, Ticket, Tickets

log = logging.getLogger(__name__)

# A resident who writes again this soon after a close continues the same ticket.
REOPEN_WINDOW = dt.timedelta(hours=24)


class HelpDesk:
    def __init__(
        self,
        conversation: Conversation,
        db: aiosqlite.Connection,
        forum: Forum,
        staff_language: str,
    ) -> None:
        self.conversation = conversation
        self.db = db
        self.forum = forum
        self.staff_language = staff_language
        self.tickets = Tickets(db)
        self.topics = StaffTopics(db)
        self.outbox = Outbox(db)
        self.pairs = MessagePairs(db)
        self.names = StaffNames(db)
        self.bans = Bans(db)
        self.board = TicketBoard(conversation, forum, self.tickets, self.topics, staff_language)
        self.tools = StaffTools(self)

    @property
    def staff(self) -> str:
        return self.staff_language

    def now(self) -> dt.datetime:
        return self.conversation.clock.now()

    # -- residents ------------------------------------------------------------------------

    async def open(self, resident_id: int, lang: str, question: str) -> list[Reply]:
        """A resident asked for a person: a new ticket, or the one already open."""
        if await self.bans.is_banned(resident_id):
            return [self.unavailable(lang)]
        question = question.strip()
        active = await self.tickets.active(resident_id)
        if active is not None:
            if question:
                await self.tickets.add_question(active.id, question)
                await self.board.post_note(
                    active,
                    strings(self.staff)
                    ._("➕ The resident added: {text}")
                    .format(text=escape(question)),
                )
            return [await self._acknowledge(active, lang, already=True)]
        latest = await self.tickets.latest(resident_id)
        if latest is not None and self._recently_closed(latest):
            return [await self._reopen(latest, lang, question)]
        urgent = _urgent(question)
        await self.conversation.residents.ensure(resident_id, lang, self.now())
        ticket = await self.tickets.open(resident_id, lang, question, urgent, self.now())
        log.info("ticket opened", extra={"ticket": ticket.id, "lang": lang})
        await self.board.post_card(ticket, new_ticket=True)
        return [await self._acknowledge(ticket, lang)]

    async def intercept(
        self, resident_id: int, lang: str, message: Incoming
    ) -> list[Reply] | None:
        """Replies when the desk takes the message instead of the bot: the resident is
        banned, or has a ticket open (or closed a moment ago); None lets the bot answer."""
        if await self.bans.is_banned(resident_id):
            if _urgent(message.text):
                return [self.conversation.emergency(lang)]
            return [self.unavailable(lang)]
        if message.is_command:
            return None
        ticket = await self.continuing(resident_id)
        if ticket is None:
            return None
        return await self.resident_wrote(ticket, lang, message)

    async def relays(self, sender_id: int, *, from_staff: bool) -> bool:
        """Whether a (non-command) message from this sender is relayed to the other side:
        every assistant's message in the staff chat, and a resident's while a ticket
        continues. Relayed words are never dropped, however fast they come."""
        return from_staff or await self.continuing(sender_id) is not None

    async def continuing(self, resident_id: int) -> Ticket | None:
        """The ticket a message from this resident belongs to: open, or closed by an
        assistant so recently that writing again continues it."""
        active = await self.tickets.active(resident_id)
        if active is not None:
            return active
        latest = await self.tickets.latest(resident_id)
        if latest is not None and self._recently_closed(latest):
            return latest
        return None

    def _recently_closed(self, ticket: Ticket) -> bool:
        return (
            ticket.state is State.CLOSED
            and ticket.closed_by == ClosedBy.STAFF.value
            and ticket.closed_at is not None
            and self.now() - ticket.closed_at < REOPEN_WINDOW
        )

    async def resident_wrote(self, ticket: Ticket, lang: str, message: Incoming) -> list[Reply]:
        """A message while a ticket is open: relayed, never answered by the bot, except
        that danger gets the emergency numbers at once."""
        replies: list[Reply] = []
        if ticket.state is State.CLOSED:
            replies.append(await self._reopen(ticket, lang, ""))
            ticket = await self.ticket(ticket.id)
        if _urgent(message.text):
            replies.insert(0, self.conversation.emergency(lang))
            if await self.tickets.mark_urgent(ticket.id):
                ticket = await self.ticket(ticket.id)
                await self.board.refresh_card(ticket)
                await self.board.post_note(
                    ticket,
                    strings(self.staff)._(
                        "🚨 **Urgent**: the resident wrote about danger or violence. They have "
                        "been shown the emergency numbers."
                    ),
                )
        await self._enqueue(ticket, Direction.TO_STAFF, message)
        return replies

    async def cancel(self, resident_id: int, lang: str) -> list[Reply]:
        t = strings(lang)
        ticket = await self.tickets.active(resident_id)
        if ticket is None:
            return [Reply(t._("You have no open request to an assistant."), self.home(lang))]
        await self.tickets.close(ticket.id, ClosedBy.RESIDENT, None, self.now())
        ticket = await self.ticket(ticket.id)
        await self.board.refresh_card(ticket)
        await self.board.post_note(
            ticket, strings(self.staff)._("🚫 The resident cancelled the request.")
        )
        return [
            Reply(
                t._("Your request #{number} is cancelled.").format(number=ticket.id),
                self.home(lang),
            )
        ]

    async def rate(self, resident_id: int, lang: str, ticket_id: int, stars: int) -> list[Reply]:
        t = strings(lang)
        if not await self.tickets.rate(ticket_id, resident_id, stars):
            return [self.conversation.expired(lang)]
        ticket = await self.ticket(ticket_id)
        await self.board.refresh_card(ticket)
        await self.board.post_note(
            ticket,
            strings(self.staff)
            ._("The resident rated the help: {stars}")
            .format(stars="★" * stars),
        )
        return [
            Reply(
                t._("Thank you! If you want, reply to this message with a comment."),
                comment_for=CommentOn("ticket", ticket_id),
            )
        ]

    async def rating_comment(
        self, resident_id: int, lang: str, ticket_id: int, text: str
    ) -> list[Reply]:
        if not await self.tickets.comment(ticket_id, resident_id, text[:2000]):
            return [self.conversation.expired(lang)]
        ticket = await self.ticket(ticket_id)
        await self.board.post_note(
            ticket,
            strings(self.staff)
            ._("💬 The resident's comment: {text}")
            .format(text=escape(text[:2000])),
        )
        return [Reply(strings(lang)._("Thank you, the editors will read it."), self.home(lang))]

    async def resident_blocked(self, resident_id: int) -> None:
        """The resident blocked the bot: nobody can answer them, so the ticket closes."""
        ticket = await self.tickets.active(resident_id)
        if ticket is None:
            return
        await self.tickets.close(ticket.id, ClosedBy.BLOCKED, None, self.now())
        await self.outbox.drop_ticket(ticket.id, Direction.TO_RESIDENT)
        ticket = await self.ticket(ticket.id)
        await self.board.refresh_card(ticket)
        await self.board.post_note(
            ticket,
            strings(self.staff)._("⛔ The resident has blocked the bot; the ticket is closed."),
        )

    async def forget(self, resident_id: int) -> None:
        """Before /forget deletes the resident's rows: their topic goes too, with every
        message in it, so nothing about them stays in the staff chat either."""
        thread = await self.topics.thread(resident_id)
        if thread is None:
            return
        try:
            await self.forum.delete_topic(thread)
        except StaffUnreachable:
            log.error("could not delete a forgotten resident's topic", extra={"thread": thread})
        log.info("resident forgotten, topic deleted", extra={"thread": thread})

    def unavailable(self, lang: str) -> Reply:
        return Reply(
            strings(lang)._(
                "Sorry, this service is not available to you. In an emergency call 112."
            )
        )

    async def is_banned(self, resident_id: int) -> bool:
        return await self.bans.is_banned(resident_id)

    def home(self, lang: str) -> tuple[tuple[Button, ...], ...]:
        return self.conversation.home_row(lang)

    async def _acknowledge(self, ticket: Ticket, lang: str, *, already: bool = False) -> Reply:
        t = strings(lang)
        position = await self.tickets.queue_position(ticket.id)
        if already:
            first = t._("Your request #{number} is already with the assistants.")
        else:
            first = t._("I have passed your question to a human assistant (request #{number}).")
        parts = [first.format(number=ticket.id)]
        if ticket.state is State.WAITING and position > 0:
            parts.append(t._("You are number {position} in the queue.").format(position=position))
        parts.append(availability(self.conversation.hours, self.conversation.clock.local(), lang))
        parts.append(
            t._(
                "Write here: everything you send now goes to the assistant, including "
                "photos and documents. /cancel withdraws the request."
            )
        )
        return Reply("\n\n".join(parts))

    async def _reopen(self, ticket: Ticket, lang: str, question: str) -> Reply:
        await self.tickets.reopen(ticket.id)
        if question:
            await self.tickets.add_question(ticket.id, question)
        ticket = await self.ticket(ticket.id)
        log.info("ticket reopened", extra={"ticket": ticket.id})
        await self.board.rename(ticket)
        await self.board.refresh_card(ticket)
        note = strings(self.staff)._("🔄 The resident wrote again; ticket #{number} is reopened.")
        await self.board.post_note(ticket, note.format(number=ticket.id))
        t = strings(lang)
        return Reply(
            t._(
                "Your conversation with the assistant (request #{number}) continues: what you "
                "write goes to them. /cancel ends it."
            ).format(number=ticket.id)
        )

    # -- assistants -----------------------------------------------------------------------

    async def ticket_in_topic(self, thread_id: int | None) -> Ticket | None:
        """The ticket a topic is about: the resident's open one, else their latest."""
        if thread_id is None:
            return None
        resident = await self.topics.resident(thread_id)
        if resident is None:
            return None
        return await self.tickets.active(resident) or await self.tickets.latest(resident)

    async def claim(self, ticket_id: int, staff: StaffMember) -> StaffReply:
        t = strings(self.staff)
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            return StaffReply(t._("There is no such ticket."), alert=True)
        if await self.tickets.claim(ticket_id, staff.user_id, staff.name):
            ticket = await self.ticket(ticket_id)
            await self.board.refresh_card(ticket)
            log.info("ticket claimed", extra={"ticket": ticket_id, "staff": staff.user_id})
            return StaffReply(
                t._("🙋 {name} has taken ticket #{number}.").format(
                    name=escape(staff.name), number=ticket_id
                )
            )
        if ticket.state is State.CLOSED:
            return StaffReply(
                t._("Ticket #{number} is closed.").format(number=ticket_id), alert=True
            )
        return StaffReply(
            t._("Ticket #{number} is already taken by {name}.").format(
                number=ticket_id, name=escape(ticket.assignee_name or "?")
            ),
            alert=True,
        )

    async def release(self, ticket: Ticket, staff: StaffMember) -> StaffReply:
        t = strings(self.staff)
        if not await self.tickets.release(ticket.id):
            return StaffReply(
                t._("Ticket #{number} is not taken by anyone.").format(number=ticket.id)
            )
        await self.board.refresh_card(await self.ticket(ticket.id))
        return StaffReply(
            t._("↩ {name} returned ticket #{number} to the queue.").format(
                name=escape(staff.name), number=ticket.id
            )
        )

    async def close(self, ticket_id: int, staff: StaffMember, reason: str | None) -> StaffReply:
        t = strings(self.staff)
        if not await self.tickets.close(ticket_id, ClosedBy.STAFF, reason, self.now()):
            return StaffReply(
                t._("Ticket #{number} is already closed.").format(number=ticket_id), alert=True
            )
        ticket = await self.ticket(ticket_id)
        log.info("ticket closed", extra={"ticket": ticket_id, "staff": staff.user_id})
        await self.board.rename(ticket)
        await self.board.refresh_card(ticket)
        lang = ticket.language
        rt = strings(lang)
        stars = tuple(
            Button("★" * n, actions.encode(actions.Rate(ticket.id, n))) for n in range(1, 6)
        )
        told = await self.forum.tell_resident(
            ticket.resident_id,
            [
                Reply(
                    rt._(
                        "The assistant has closed your request #{number}. How helpful was "
                        "the help? If you write again within 24 hours, the conversation "
                        "continues."
                    ).format(number=ticket.id),
                    (stars[:3], stars[3:]),
                )
            ],
        )
        if not told:
            await self.resident_blocked(ticket.resident_id)
        suffix = f": {escape(reason)}" if reason else ""
        return StaffReply(
            t._("✅ {name} closed ticket #{number}").format(
                name=escape(staff.name), number=ticket_id
            )
            + suffix
        )

    async def staff_wrote(
        self, ticket: Ticket, staff: StaffMember, message: Incoming
    ) -> StaffReply | None:
        """An assistant's message in the topic goes to the resident; a first reply to a
        waiting ticket also claims it."""
        t = strings(self.staff)
        if ticket.state is State.CLOSED:
            return StaffReply(
                t._(
                    "Ticket #{number} is closed, so this was not sent. The resident can write "
                    "again to reopen it."
                ).format(number=ticket.id)
            )
        if ticket.state is State.WAITING and await self.tickets.claim(
            ticket.id, staff.user_id, staff.name
        ):
            # The card shows who has it; a note as well would only crowd the group's
            # 20 messages a minute.
            await self.board.refresh_card(await self.ticket(ticket.id))
        await self.tickets.record_first_reply(ticket.id, self.now())
        await self._enqueue(ticket, Direction.TO_RESIDENT, message)
        return None

    async def recover(self) -> None:
        """At start: open tickets whose card never reached the forum get one now."""
        for ticket in await self.tickets.open_tickets():
            if ticket.card_message_id is None:
                await self.board.post_card(ticket, new_ticket=True)

    # -- the forum ------------------------------------------------------------------------

    async def _enqueue(self, ticket: Ticket, direction: Direction, message: Incoming) -> None:
        await self.outbox.add(
            ticket_id=ticket.id,
            direction=direction,
            from_chat_id=message.chat_id,
            message_id=message.message_id,
            sender_id=message.sender_id,
            media_group_id=message.media_group_id,
            reply_to_message_id=message.reply_to_message_id,
            long_caption_html=message.long_caption_html,
            now=self.now(),
        )
        self.forum.relay_soon()

    async def ticket(self, ticket_id: int) -> Ticket:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            raise LookupError(f"ticket {ticket_id} vanished")
        return ticket


def _urgent(text: str) -> bool:
    return is_urgent(words(text))
