"""The assistants' tools beside the ticket itself: send an article, see earlier
tickets, ban and unban a resident, choose the name residents see, and the list of
tickets waiting too long."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from bot.core.replies import Reply
from bot.handoff import staff_texts
from bot.handoff.forum import StaffMember, StaffReply
from bot.i18n.catalog import strings
from bot.knowledge.markup import escape
from bot.storage.tickets import ClosedBy, State, Ticket

if TYPE_CHECKING:
    from bot.handoff.desk import HelpDesk

log = logging.getLogger(__name__)

# Tickets waiting longer than this are listed in the staff chat, at most this often.
REMIND_AFTER = dt.timedelta(minutes=15)


class StaffTools:
    def __init__(self, desk: HelpDesk) -> None:
        self.desk = desk
        self._last_reminder: dt.datetime | None = None

    async def send_article(self, ticket: Ticket, article_id: str) -> StaffReply:
        t = strings(self.desk.staff)
        knowledge = self.desk.conversation.library.current.knowledge
        if article_id not in knowledge.articles:
            near = sorted(a for a in knowledge.articles if article_id.lower() in a)[:5]
            hint = (" " + t._("Did you mean: {ids}").format(ids=", ".join(near))) if near else ""
            return StaffReply(
                t._("There is no article {id}.").format(id=escape(article_id)) + hint
            )
        if ticket.state is State.CLOSED:
            return StaffReply(
                t._("Ticket #{number} is closed, so this was not sent.").format(number=ticket.id)
            )
        reply = self.desk.conversation.article(ticket.language, article_id)
        if not await self.desk.forum.tell_resident(ticket.resident_id, [reply]):
            await self.desk.resident_blocked(ticket.resident_id)
            return StaffReply(t._("Not sent: the resident has blocked the bot."))
        await self.desk.tickets.record_first_reply(ticket.id, self.desk.now())
        title = knowledge.articles[article_id].text(self.desk.staff).title
        return StaffReply(
            t._("📄 Sent the article “{title}” to the resident.").format(title=escape(title))
        )

    async def history(self, ticket: Ticket) -> StaffReply:
        earlier = await self.desk.tickets.history(ticket.resident_id, before=ticket.id)
        reply = staff_texts.history(
            earlier, self.desk.staff, self.desk.conversation.clock.timezone
        )
        return StaffReply(reply.text)

    async def ban(self, ticket: Ticket, staff: StaffMember) -> StaffReply:
        t = strings(self.desk.staff)
        await self.desk.bans.ban(ticket.resident_id, self.desk.now())
        if ticket.is_open:
            await self.desk.tickets.close(ticket.id, ClosedBy.STAFF, "ban", self.desk.now())
            ticket = await self.desk.ticket(ticket.id)
            await self.desk.board.rename(ticket)
            await self.desk.board.refresh_card(ticket)
        log.info("resident banned", extra={"ticket": ticket.id, "staff": staff.user_id})
        return StaffReply(
            t._(
                "⛔ The resident is banned: their messages are no longer relayed. /unban lifts it."
            )
        )

    async def unban(self, ticket: Ticket) -> StaffReply:
        t = strings(self.desk.staff)
        if await self.desk.bans.unban(ticket.resident_id):
            return StaffReply(t._("The ban is lifted."))
        return StaffReply(t._("This resident is not banned."))

    async def set_name(self, staff: StaffMember, name: str) -> StaffReply:
        t = strings(self.desk.staff)
        name = " ".join(name.split())[:40]
        if not name:
            current = await self.desk.names.get(staff.user_id)
            return StaffReply(
                t._("Residents see you as: {name}. Change it with /name NAME.").format(
                    name=escape(current or t._("Assistant"))
                )
            )
        await self.desk.names.set(staff.user_id, name)
        return StaffReply(t._("Residents will see you as: {name}").format(name=escape(name)))

    async def remind(self) -> Reply | None:
        """The waiting list for the general topic, during working hours, at most every
        REMIND_AFTER; None when there is nothing to say."""
        now = self.desk.now()
        if not self.desk.conversation.hours.is_open(self.desk.conversation.clock.local()):
            return None
        if self._last_reminder is not None and now - self._last_reminder < REMIND_AFTER:
            return None
        waiting = await self.desk.tickets.waiting_since(now - REMIND_AFTER)
        if not waiting:
            return None
        self._last_reminder = now
        return staff_texts.reminder(waiting, now, self.desk.staff)
