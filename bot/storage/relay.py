"""What relaying between residents and the staff forum needs to survive a restart.

The outbox holds every message waiting to be copied, in arrival order; a row leaves it
only in the same transaction that records the copy's message pair, so a crash between
the two at worst copies one message again, and never loses one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from bot.storage.database import transaction


class Direction(StrEnum):
    TO_STAFF = "to_staff"
    TO_RESIDENT = "to_resident"


@dataclass(frozen=True)
class Pending:
    """A message waiting in the outbox to be copied to the other side."""

    id: int
    ticket_id: int
    direction: Direction
    from_chat_id: int
    message_id: int
    sender_id: int
    media_group_id: str | None
    reply_to_message_id: int | None
    long_caption_html: str | None
    created_at: dt.datetime


def _pending(row: aiosqlite.Row) -> Pending:
    return Pending(
        id=row["id"],
        ticket_id=row["ticket_id"],
        direction=Direction(row["direction"]),
        from_chat_id=row["from_chat_id"],
        message_id=row["message_id"],
        sender_id=row["sender_id"],
        media_group_id=row["media_group_id"],
        reply_to_message_id=row["reply_to_message_id"],
        long_caption_html=row["long_caption_html"],
        created_at=dt.datetime.fromisoformat(row["created_at"]),
    )


@dataclass(frozen=True)
class Copied:
    """One relayed message: the original and its copy, to record as a pair."""

    pending: Pending
    copy_message_id: int


class Outbox:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def add(
        self,
        *,
        ticket_id: int,
        direction: Direction,
        from_chat_id: int,
        message_id: int,
        sender_id: int,
        media_group_id: str | None,
        reply_to_message_id: int | None,
        long_caption_html: str | None,
        now: dt.datetime,
    ) -> None:
        await self.db.execute(
            "INSERT INTO relay_outbox (ticket_id, direction, from_chat_id, message_id,"
            " sender_id, media_group_id, reply_to_message_id, long_caption_html, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ticket_id,
                direction.value,
                from_chat_id,
                message_id,
                sender_id,
                media_group_id,
                reply_to_message_id,
                long_caption_html,
                now.isoformat(),
            ),
        )

    async def pending(self, direction: Direction, limit: int = 100) -> list[Pending]:
        async with self.db.execute(
            "SELECT * FROM relay_outbox WHERE direction = ? ORDER BY id LIMIT ?",
            (direction.value, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_pending(row) for row in rows]

    async def count(self) -> int:
        async with self.db.execute("SELECT COUNT(*) FROM relay_outbox") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def delivered(self, copies: list[Copied], resident_id: int, now: dt.datetime) -> None:
        """Record the pairs and take the originals out of the outbox, atomically."""
        async with transaction(self.db):
            for copy in copies:
                original = copy.pending
                to_staff = original.direction is Direction.TO_STAFF
                await self.db.execute(
                    "INSERT INTO message_pairs (ticket_id, resident_id, direction,"
                    " resident_message_id, staff_message_id, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        original.ticket_id,
                        resident_id,
                        original.direction.value,
                        original.message_id if to_staff else copy.copy_message_id,
                        copy.copy_message_id if to_staff else original.message_id,
                        now.isoformat(),
                    ),
                )
                await self.db.execute("DELETE FROM relay_outbox WHERE id = ?", (original.id,))

    async def drop(self, outbox_ids: list[int]) -> None:
        """Messages that can never be copied (deleted meanwhile, ticket gone)."""
        await self.db.executemany(
            "DELETE FROM relay_outbox WHERE id = ?", [(i,) for i in outbox_ids]
        )

    async def drop_ticket(self, ticket_id: int, direction: Direction) -> None:
        await self.db.execute(
            "DELETE FROM relay_outbox WHERE ticket_id = ? AND direction = ?",
            (ticket_id, direction.value),
        )


class MessagePairs:
    """Which message in the staff forum is which in the resident's chat."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def staff_message(self, resident_id: int, resident_message_id: int) -> int | None:
        async with self.db.execute(
            "SELECT staff_message_id FROM message_pairs"
            " WHERE resident_id = ? AND resident_message_id = ? ORDER BY id DESC LIMIT 1",
            (resident_id, resident_message_id),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def resident_message(self, staff_message_id: int) -> tuple[int, int] | None:
        """(resident id, message id in their chat) for a message in the staff forum."""
        async with self.db.execute(
            "SELECT resident_id, resident_message_id FROM message_pairs"
            " WHERE staff_message_id = ? ORDER BY id DESC LIMIT 1",
            (staff_message_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0]), int(row[1])) if row else None

    async def count(self, ticket_id: int) -> int:
        async with self.db.execute(
            "SELECT COUNT(*) FROM message_pairs WHERE ticket_id = ?", (ticket_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0


class StaffTopics:
    """One forum topic per resident, kept across tickets."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def thread(self, resident_id: int) -> int | None:
        async with self.db.execute(
            "SELECT thread_id FROM staff_topics WHERE resident_id = ?", (resident_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def resident(self, thread_id: int) -> int | None:
        async with self.db.execute(
            "SELECT resident_id FROM staff_topics WHERE thread_id = ?", (thread_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def set(self, resident_id: int, thread_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO staff_topics (resident_id, thread_id, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT(resident_id) DO UPDATE SET thread_id = excluded.thread_id,"
            " created_at = excluded.created_at",
            (resident_id, thread_id, now.isoformat()),
        )

    async def drop(self, resident_id: int) -> None:
        """The topic is gone (deleted by staff); the next message makes a new one."""
        await self.db.execute("DELETE FROM staff_topics WHERE resident_id = ?", (resident_id,))


class StaffNames:
    """The names assistants choose to be shown to residents (never their Telegram name)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def get(self, user_id: int) -> str | None:
        async with self.db.execute(
            "SELECT display_name FROM staff_names WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def set(self, user_id: int, name: str) -> None:
        await self.db.execute(
            "INSERT INTO staff_names (user_id, display_name) VALUES (?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET display_name = excluded.display_name",
            (user_id, name),
        )


class Bans:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def is_banned(self, resident_id: int) -> bool:
        async with self.db.execute(
            "SELECT 1 FROM bans WHERE resident_id = ?", (resident_id,)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def ban(self, resident_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO bans (resident_id, created_at) VALUES (?, ?)"
            " ON CONFLICT(resident_id) DO NOTHING",
            (resident_id, now.isoformat()),
        )

    async def unban(self, resident_id: int) -> bool:
        cursor = await self.db.execute("DELETE FROM bans WHERE resident_id = ?", (resident_id,))
        return cursor.rowcount > 0
