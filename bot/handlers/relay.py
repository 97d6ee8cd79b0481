"""Copies messages between residents and the staff forum, in order, within Telegram's limits.

Two lanes, one per direction, each draining its part of the outbox oldest first: a slow
staff group (20 messages a minute) never delays assistants' answers to residents, and
each lane keeps its messages in the order they were written. A row leaves the outbox
only once its copy exists, so a crash or restart repeats at most the message in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram import MessageId, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.handlers.context import BotApplication
from bot.handlers.forum import topic_gone
from bot.handoff.desk import HelpDesk
from bot.i18n.catalog import strings
from bot.knowledge.markup import escape, to_html
from bot.storage.relay import Copied, Direction, Pending
from bot.storage.tickets import Ticket

log = logging.getLogger(__name__)

# Album parts arrive as separate updates a few milliseconds apart; wait this long after
# the first before copying them together, so the album stays one album.
ALBUM_WAIT = 1.0
MAX_BACKOFF = 30.0
ERROR_PAUSE = 5.0
BATCH = 500
# Telegram allows about one message a second into one private chat; the rate limiter
# paces groups and the total, this pacing keeps a header and its copy from colliding.
PER_CHAT_INTERVAL = 1.0
# A message that fails this often for reasons other than limits or the network is dropped
# (and logged) rather than blocking everything behind it.
MAX_ATTEMPTS = 5


class _Retry(Exception):
    """Try the same message again after a pause."""

    def __init__(self, delay: float) -> None:
        super().__init__(delay)
        self.delay = delay


class Relay:
    def __init__(
        self,
        application: BotApplication,
        desk: HelpDesk,
        staff_chat_id: int,
        per_chat_interval: float = PER_CHAT_INTERVAL,
    ) -> None:
        self.application = application
        self.desk = desk
        self.staff_chat_id = staff_chat_id
        self.per_chat_interval = per_chat_interval
        self._next_send: dict[int, float] = {}
        self._wake = {direction: asyncio.Event() for direction in Direction}
        self._tasks: list[asyncio.Task[None]] = []
        self._album_seen: dict[str, float] = {}
        self._attempts: dict[int, int] = {}

    def wake(self) -> None:
        for event in self._wake.values():
            event.set()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._lane(direction), name=f"relay-{direction.value}")
            for direction in Direction
        ]
        self.wake()  # whatever waited in the outbox during a restart goes first

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _lane(self, direction: Direction) -> None:
        while True:
            self._wake[direction].clear()
            batch = await self.desk.outbox.pending(direction, limit=BATCH)
            if not batch:
                await self._wake[direction].wait()
                continue
            if direction is Direction.TO_STAFF:
                await self._drain(batch)  # one group: strictly one after another
            else:
                # Residents are separate chats with limits of their own: one waiting out
                # a 429 must not hold up the others. Each one's messages stay in order.
                by_ticket: dict[int, list[Pending]] = {}
                for pending in batch:
                    by_ticket.setdefault(pending.ticket_id, []).append(pending)
                await asyncio.gather(*(self._drain(items) for items in by_ticket.values()))

    async def _drain(self, batch: list[Pending]) -> None:
        """Relay in order until done or a pause is needed; the lane then reads again."""
        try:
            await self._relay_batch(batch)
        except _Retry as retry:
            await asyncio.sleep(retry.delay)
        except Exception:
            log.exception("relay failed; retrying")
            await asyncio.sleep(ERROR_PAUSE)

    async def _relay_batch(self, batch: list[Pending]) -> None:
        index = 0
        while index < len(batch):
            head = batch[index]
            group = [head]
            if head.media_group_id is not None:
                first_seen = self._album_seen.setdefault(head.media_group_id, time.monotonic())
                wait = first_seen + ALBUM_WAIT - time.monotonic()
                if wait > 0:
                    raise _Retry(wait)  # re-read the outbox then: the other parts are in
                while (
                    index + len(group) < len(batch)
                    and batch[index + len(group)].media_group_id == head.media_group_id
                    and batch[index + len(group)].ticket_id == head.ticket_id
                ):
                    group.append(batch[index + len(group)])
            await self._relay_group(group)
            if head.media_group_id is not None:
                self._album_seen.pop(head.media_group_id, None)
            index += len(group)

    async def _relay_group(self, group: list[Pending]) -> None:
        head = group[0]
        ticket = await self.desk.tickets.get(head.ticket_id)
        if ticket is None:  # the resident deleted their data meanwhile
            await self.desk.outbox.drop([p.id for p in group])
            return
        try:
            if head.direction is Direction.TO_STAFF:
                copies = await self._to_staff(ticket, group)
            else:
                copies = await self._to_resident(ticket, group)
        except RetryAfter as exc:
            raise _Retry(_seconds(exc.retry_after)) from exc
        except Forbidden as exc:
            if head.direction is Direction.TO_RESIDENT:
                await self.desk.resident_blocked(ticket.resident_id)
                return
            log.error("the staff chat refuses the bot: %s", exc.message)
            raise _Retry(MAX_BACKOFF) from exc
        except BadRequest as exc:
            if head.direction is Direction.TO_STAFF and topic_gone(exc):
                await self.desk.board.topic_gone(ticket)
                raise _Retry(0) from exc
            await self._give_up_or_retry(group, ticket, exc)
            return
        except NetworkError as exc:  # includes timeouts: Telegram may be slow, try again
            log.warning("network error while relaying: %s", exc)
            raise _Retry(2.0) from exc
        for pending in group:
            self._attempts.pop(pending.id, None)
        await self.desk.outbox.delivered(copies, ticket.resident_id, self.desk.now())

    async def _give_up_or_retry(
        self, group: list[Pending], ticket: Ticket, exc: BadRequest
    ) -> None:
        head = group[0]
        attempts = self._attempts.get(head.id, 0) + 1
        self._attempts[head.id] = attempts
        if attempts < MAX_ATTEMPTS and "not found" not in exc.message.lower():
            raise _Retry(float(attempts)) from exc
        log.error(
            "message cannot be relayed, dropped",
            extra={"ticket": ticket.id, "direction": head.direction.value, "reason": exc.message},
        )
        await self.desk.outbox.drop([p.id for p in group])
        for pending in group:
            self._attempts.pop(pending.id, None)
        if head.direction is Direction.TO_STAFF:
            note = strings(self.desk.staff)._(
                "⚠ A message from the resident could not be copied here ({reason})."
            )
            await self.desk.board.post_note(ticket, note.format(reason=escape(exc.message)))

    async def _to_staff(self, ticket: Ticket, group: list[Pending]) -> list[Copied]:
        head = group[0]
        thread = await self.desk.board.thread_for(ticket)
        if thread is None:
            raise _Retry(MAX_BACKOFF)
        bot = self.application.bot
        if len(group) > 1:
            ids = await bot.copy_messages(
                self.staff_chat_id,
                head.from_chat_id,
                [p.message_id for p in group],
                message_thread_id=thread,
            )
            return _pairs(group, ids)
        reply_to = None
        if head.reply_to_message_id is not None:
            reply_to = await self.desk.pairs.staff_message(
                ticket.resident_id, head.reply_to_message_id
            )
        if head.long_caption_html is not None:
            await bot.send_message(
                self.staff_chat_id,
                head.long_caption_html,
                message_thread_id=thread,
                parse_mode=ParseMode.HTML,
            )
        copy = await bot.copy_message(
            self.staff_chat_id,
            head.from_chat_id,
            head.message_id,
            message_thread_id=thread,
            caption="" if head.long_caption_html is not None else None,
            reply_parameters=_reply(reply_to),
        )
        return [Copied(head, copy.message_id)]

    async def _paced(self, chat_id: int) -> None:
        """Wait until this private chat may take another message.

        Measured from when the previous one was answered (so it has surely arrived):
        pacing from the moment of sending would let network jitter squeeze two arrivals
        closer than Telegram allows.
        """
        wait = self._next_send.get(chat_id, 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def _sent(self, chat_id: int) -> None:
        self._next_send[chat_id] = time.monotonic() + self.per_chat_interval

    async def _to_resident(self, ticket: Ticket, group: list[Pending]) -> list[Copied]:
        head = group[0]
        bot = self.application.bot
        resident = ticket.resident_id
        if len(self._next_send) > BATCH * 10:  # forget chats whose slot has long passed
            horizon = time.monotonic()
            self._next_send = {c: t for c, t in self._next_send.items() if t > horizon}
        if await self.desk.tickets.introduce(ticket.id, head.sender_id):
            name = await self.desk.names.get(head.sender_id)
            t = strings(ticket.language)
            header = (
                t._("💬 {name}, assistant:").format(name=escape(name))
                if name
                else t._("💬 An assistant writes:")
            )
            await self._paced(resident)
            await bot.send_message(resident, to_html(header), parse_mode=ParseMode.HTML)
            self._sent(resident)
        await self._paced(resident)
        if len(group) > 1:
            ids = await bot.copy_messages(
                resident, head.from_chat_id, [p.message_id for p in group]
            )
            self._sent(resident)
            return _pairs(group, ids)
        reply_to = None
        if head.reply_to_message_id is not None:
            found = await self.desk.pairs.resident_message(head.reply_to_message_id)
            reply_to = found[1] if found is not None and found[0] == resident else None
        if head.long_caption_html is not None:
            await bot.send_message(resident, head.long_caption_html, parse_mode=ParseMode.HTML)
            self._sent(resident)
            await self._paced(resident)
        copy = await bot.copy_message(
            resident,
            head.from_chat_id,
            head.message_id,
            caption="" if head.long_caption_html is not None else None,
            reply_parameters=_reply(reply_to),
        )
        self._sent(resident)
        return [Copied(head, copy.message_id)]


def _reply(message_id: int | None) -> ReplyParameters | None:
    if message_id is None:
        return None
    # The original may have been deleted since: then send without the quote, not fail.
    return ReplyParameters(message_id, allow_sending_without_reply=True)


def _pairs(group: list[Pending], ids: tuple[MessageId, ...]) -> list[Copied]:
    return [Copied(pending, copy.message_id) for pending, copy in zip(group, ids, strict=False)]


def _seconds(value: object) -> float:
    if hasattr(value, "total_seconds"):
        return float(value.total_seconds())
    return float(value)  # type: ignore[arg-type]
