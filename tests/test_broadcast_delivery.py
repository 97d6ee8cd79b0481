"""The broadcaster on an in-memory transport: pacing, 429, blocked residents, resuming."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from bot.announcements.delivery import (
    Blocked,
    Broadcaster,
    Delivered,
    Outcome,
    RetryLater,
)
from bot.announcements.pacing import Pacer
from bot.core.replies import Reply
from bot.storage.broadcasts import Broadcasts
from bot.storage.database import connect
from bot.storage.residents import Residents
from bot.storage.subscriptions import Subscriptions

NOW = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)
ADMIN = 9
TEXTS = {"cs": "Oznámení", "uk": "Оголошення", "en": "Announcement"}


class MemoryTransport:
    """Answers like Telegram would; remembers every message that arrived."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.arrived: list[tuple[int, str]] = []
        self.blocked: set[int] = set()
        self.too_many: set[int] = set()  # answered 429 once
        self.refusals: list[int] = []
        self.progress: list[str] = []
        self.closed = False

    async def send(self, chat_id: int, reply: Reply) -> Outcome:
        await asyncio.sleep(self.delay)
        if chat_id in self.blocked:
            return Blocked()
        if chat_id in self.too_many:
            self.too_many.discard(chat_id)
            self.refusals.append(chat_id)
            return RetryLater(0.05, refused=True)
        self.arrived.append((chat_id, reply.text))
        return Delivered(len(self.arrived))

    async def show(self, chat_id: int, text: str, message_id: int | None) -> int | None:
        self.progress.append(text)
        return message_id or 1000

    async def close(self) -> None:
        self.closed = True


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await connect(tmp_path / "bot.sqlite3")
    yield connection
    await connection.close()


async def subscribers(db: aiosqlite.Connection, count: int) -> list[int]:
    residents, subscriptions = Residents(db), Subscriptions(db)
    ids = list(range(1001, 1001 + count))
    for n, resident in enumerate(ids):
        await residents.ensure(resident, ("cs", "uk", "en")[n % 3], NOW)
        await subscriptions.toggle(resident, "safety", NOW)
    return ids


async def start(db: aiosqlite.Connection, announcement: str = "news") -> int:
    broadcast = await Broadcasts(db).start(
        announcement=announcement,
        areas=("safety",),
        texts=TEXTS,
        admin_id=ADMIN,
        admin_language="en",
        now=NOW,
    )
    assert broadcast is not None
    return broadcast.id


def broadcaster(db: aiosqlite.Connection, transport: MemoryTransport, rate: float) -> Broadcaster:
    return Broadcaster(
        Broadcasts(db), Residents(db), transport, rate=rate, progress_every=0.05, now=lambda: NOW
    )


async def until_finished(db: aiosqlite.Connection, broadcast_id: int) -> None:
    for _ in range(500):
        current = await Broadcasts(db).get(broadcast_id)
        if current is not None and current.state == "done":
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the broadcast did not finish")


async def test_every_subscriber_gets_it_once_in_their_language(db: aiosqlite.Connection) -> None:
    ids = await subscribers(db, 30)
    broadcast_id = await start(db)
    transport = MemoryTransport()
    sender = broadcaster(db, transport, rate=500)
    sender.start()
    await until_finished(db, broadcast_id)
    await sender.stop()
    assert sorted(chat for chat, _ in transport.arrived) == ids
    languages = dict(transport.arrived)
    assert languages[1001].startswith("Oznámení")
    assert languages[1002].startswith("Оголошення")
    assert languages[1003].startswith("Announcement")
    assert transport.progress[-1].startswith("✅ “news” is sent: delivered to 30 of 30")
    assert transport.closed


async def test_blocked_subscriber_is_counted_and_marked_inactive(db: aiosqlite.Connection) -> None:
    await subscribers(db, 5)
    broadcast_id = await start(db)
    transport = MemoryTransport()
    transport.blocked.add(1003)
    sender = broadcaster(db, transport, rate=500)
    sender.start()
    await until_finished(db, broadcast_id)
    await sender.stop()
    assert "delivered to 4 of 5 subscribers; 1 had blocked the bot" in transport.progress[-1]
    async with db.execute("SELECT active FROM residents WHERE id = 1003") as cursor:
        assert tuple(await cursor.fetchone() or ()) == (0,)


async def test_429_retries_the_same_subscriber_after_the_pause(db: aiosqlite.Connection) -> None:
    ids = await subscribers(db, 10)
    broadcast_id = await start(db)
    transport = MemoryTransport()
    transport.too_many.update({1004, 1007})
    sender = broadcaster(db, transport, rate=500)
    sender.start()
    await until_finished(db, broadcast_id)
    await sender.stop()
    assert transport.refusals == [1004, 1007]
    assert sorted(chat for chat, _ in transport.arrived) == ids


async def test_stop_in_the_middle_then_resume_sends_nobody_twice_and_skips_nobody(
    db: aiosqlite.Connection,
) -> None:
    ids = await subscribers(db, 60)
    broadcast_id = await start(db)
    first = MemoryTransport(delay=0.03)
    sender = broadcaster(db, first, rate=200)
    sender.start()
    while len(first.arrived) < 15:  # noqa: ASYNC110 (the transport has no event to wait on)
        await asyncio.sleep(0.01)
    await sender.stop()  # as on a restart: requests in flight finish and are recorded
    assert 15 <= len(first.arrived) < 60
    second = MemoryTransport(delay=0.01)
    resumed = broadcaster(db, second, rate=200)
    resumed.start()
    await until_finished(db, broadcast_id)
    await resumed.stop()
    arrivals = Counter(chat for chat, _ in first.arrived + second.arrived)
    assert sorted(arrivals) == ids
    assert set(arrivals.values()) == {1}
    assert "may have" not in second.progress[-1]


async def test_requests_in_flight_at_a_hard_stop_are_resent_and_reported(
    db: aiosqlite.Connection,
) -> None:
    await subscribers(db, 6)
    broadcast_id = await start(db)
    store = Broadcasts(db)
    # As after a crash: two requests were on their way, nothing recorded their answer.
    await store.attempt(broadcast_id, 1002, NOW)
    await store.attempt(broadcast_id, 1005, NOW)
    transport = MemoryTransport()
    sender = broadcaster(db, transport, rate=500)
    sender.start()
    await until_finished(db, broadcast_id)
    await sender.stop()
    assert len(transport.arrived) == 6
    assert "2 messages were on their way when the bot stopped" in transport.progress[-1]


async def test_an_announcement_is_sent_only_once(db: aiosqlite.Connection) -> None:
    await subscribers(db, 2)
    await start(db, "once")
    again = await Broadcasts(db).start(
        announcement="once", areas=("safety",), texts=TEXTS, admin_id=ADMIN,
        admin_language="en", now=NOW,
    )  # fmt: skip
    assert again is None


async def test_forgetting_a_resident_removes_subscriptions_and_deliveries(
    db: aiosqlite.Connection,
) -> None:
    await subscribers(db, 3)
    broadcast_id = await start(db)
    await Residents(db).forget(1002)
    assert await Subscriptions(db).areas(1002) == set()
    assert (await Broadcasts(db).tally(broadcast_id)).total == 2


async def test_pacer_spaces_slots_evenly_without_a_burst() -> None:
    clock = [100.0]
    pacer = Pacer(rate=10, monotonic=lambda: clock[0])
    granted = []
    for _ in range(3):
        waiter = asyncio.create_task(pacer.slot())
        await asyncio.sleep(0)
        granted.append(pacer._next)  # the slot after this one
        clock[0] = pacer._next
        assert await waiter
    assert granted == pytest.approx([100.1, 100.2, 100.3])
    pacer.pause(5)
    assert pacer._resume_at == pytest.approx(105.3)
    pacer.close()
    assert not await pacer.slot()
