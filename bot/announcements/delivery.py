"""Delivering a broadcast: paced, resumable, counting who blocked the bot.

The broadcaster runs as one background task. It takes unfinished broadcasts from the
delivery log in order, sends to each pending recipient once Telegram has answered for
the previous slot, records each answer before moving on, and reports progress to the
admin by editing one message. Stopping lets requests in flight finish and be recorded,
so a restart resumes with no recipient sent twice and none skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.announcements.compose import announcement_reply, final_text, progress_text
from bot.announcements.pacing import Pacer
from bot.core.replies import Reply
from bot.storage.broadcasts import Broadcast, Broadcasts, Recipient
from bot.storage.residents import Residents

log = logging.getLogger(__name__)

# Telegram allows about 30 messages a second overall; the rest is left for answering
# residents who write to the bot while an announcement goes out.
DEFAULT_RATE = 28.0
# Requests in flight at once: enough to keep the pace with Telegram's latency.
CONCURRENCY = 16
BATCH = 200
PROGRESS_EVERY = 5.0  # seconds between edits of the admin's progress message
# Network errors and timeouts: the same recipient is tried again this many times.
MAX_UNCERTAIN_RETRIES = 4
STOP_GRACE = 30.0  # seconds to let requests in flight finish when stopping


@dataclass(frozen=True)
class Delivered:
    message_id: int


@dataclass(frozen=True)
class Blocked:
    """403: the resident blocked the bot (or deleted their account)."""


@dataclass(frozen=True)
class RetryLater:
    seconds: float
    # True: Telegram refused the request (429), nothing arrived. False: the network
    # failed or timed out, and the message may or may not have arrived.
    refused: bool


@dataclass(frozen=True)
class Failed:
    reason: str


Outcome = Delivered | Blocked | RetryLater | Failed


class Transport(Protocol):
    """Sends for the broadcaster; the Telegram one lives in bot/handlers/broadcast_transport."""

    async def send(self, chat_id: int, reply: Reply) -> Outcome: ...

    async def show(self, chat_id: int, text: str, message_id: int | None) -> int | None:
        """Edit the progress message, or send it if there is none; its id, if any."""
        ...

    async def close(self) -> None: ...


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Broadcaster:
    def __init__(
        self,
        store: Broadcasts,
        residents: Residents,
        transport: Transport,
        *,
        rate: float = DEFAULT_RATE,
        concurrency: int = CONCURRENCY,
        progress_every: float = PROGRESS_EVERY,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self.residents = residents
        self.transport = transport
        self.pacer = Pacer(rate)
        self.concurrency = concurrency
        self.progress_every = progress_every
        self.now = now
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Resume unfinished broadcasts, then wait for new ones."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="broadcaster")

    def wake(self) -> None:
        """A broadcast was just recorded: start on it."""
        self._wake.set()

    async def stop(self) -> None:
        """Send nothing new, let requests in flight finish and be recorded, then close."""
        self.pacer.close()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), STOP_GRACE)
            except TimeoutError:
                log.warning("broadcaster did not stop in time; cancelling")
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            self._task = None
        await self.transport.close()

    def stopping(self) -> bool:
        return self.pacer.closed

    async def _run(self) -> None:
        while not self.stopping():
            self._wake.clear()
            try:
                for broadcast in await self.store.unfinished():
                    await self._deliver(broadcast)
                    if self.stopping():
                        return
            except Exception:  # never let one bad broadcast kill the task for good
                log.exception("broadcast failed; retrying in a minute")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 60)
                continue
            await self._wake.wait()

    async def _deliver(self, broadcast: Broadcast) -> None:
        interrupted = await self.store.count_interrupted(broadcast.id)
        if interrupted:
            log.warning(
                "resuming after a hard stop: %d recipients may get it twice",
                interrupted,
                extra={"broadcast": broadcast.id},
            )
        reporter = asyncio.create_task(self._report_progress(broadcast))
        slots = asyncio.Semaphore(self.concurrency)
        running: set[asyncio.Task[None]] = set()
        after = 0
        try:
            while not self.stopping():
                batch = await self.store.pending(broadcast.id, after, BATCH)
                if not batch:
                    break
                for recipient in batch:
                    await slots.acquire()
                    if self.stopping():
                        slots.release()
                        break
                    task = asyncio.create_task(self._send_one(broadcast, recipient))
                    running.add(task)
                    task.add_done_callback(running.discard)
                    task.add_done_callback(lambda _: slots.release())
                    after = recipient.resident_id
            if running:
                await asyncio.gather(*running)
        finally:
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
        if not self.stopping():
            await self._finish(broadcast)

    async def _send_one(self, broadcast: Broadcast, recipient: Recipient) -> None:
        reply = announcement_reply(broadcast.texts, recipient.language)
        uncertain_tries = 0
        while await self.pacer.slot():
            await self.store.attempt(broadcast.id, recipient.resident_id, self.now())
            outcome = await self.transport.send(recipient.resident_id, reply)
            match outcome:
                case Delivered(message_id):
                    await self.store.finish(
                        broadcast.id, recipient.resident_id, "sent", self.now(), message_id
                    )
                    return
                case Blocked():
                    await self.store.finish(
                        broadcast.id, recipient.resident_id, "blocked", self.now()
                    )
                    await self.residents.set_active(recipient.resident_id, False, self.now())
                    return
                case Failed(reason):
                    log.warning("announcement not delivered: %s", reason)
                    await self.store.finish(
                        broadcast.id, recipient.resident_id, "failed", self.now()
                    )
                    return
                case RetryLater(seconds, refused=True):
                    # 429: the same recipient again, after everyone waits it out.
                    await self.store.refused(broadcast.id, recipient.resident_id)
                    self.pacer.pause(seconds)
                case RetryLater(seconds, refused=False):
                    uncertain_tries += 1
                    if uncertain_tries > MAX_UNCERTAIN_RETRIES:
                        await self.store.finish(
                            broadcast.id, recipient.resident_id, "failed", self.now()
                        )
                        return
                    await asyncio.sleep(seconds * uncertain_tries)

    async def _report_progress(self, broadcast: Broadcast) -> None:
        message_id = broadcast.progress_message_id
        last = None
        while True:
            tally = await self.store.tally(broadcast.id)
            if tally != last:
                last = tally
                text = progress_text(broadcast.announcement, tally, broadcast.admin_language)
                shown = await self.transport.show(broadcast.admin_id, text, message_id)
                if shown is not None and shown != message_id:
                    message_id = shown
                    await self.store.set_progress_message(broadcast.id, shown)
            await asyncio.sleep(self.progress_every)

    async def _finish(self, broadcast: Broadcast) -> None:
        tally = await self.store.tally(broadcast.id)
        if tally.pending:
            return  # only when stopping; the next start resumes it
        await self.store.close(broadcast.id, self.now())
        current = await self.store.get(broadcast.id)
        uncertain = current.uncertain if current else 0
        lang = broadcast.admin_language
        progress = current.progress_message_id if current else None
        await self.transport.show(
            broadcast.admin_id, progress_text(broadcast.announcement, tally, lang), progress
        )
        await self.transport.show(
            broadcast.admin_id, final_text(broadcast.announcement, tally, uncertain, lang), None
        )
        log.info(
            "broadcast finished",
            extra={"broadcast": broadcast.id, "sent": tally.sent, "blocked": tally.blocked},
        )
