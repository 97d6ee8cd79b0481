"""Announcements being sent, and the delivery log: one row per recipient.

A recipient's row says pending until Telegram has answered for them, so a bot that
stops in the middle resumes exactly where it was: sent rows are never sent again and
pending ones are never skipped. attempted_at marks a request in flight; a pending row
that still has it after a hard stop may have arrived, and is counted as uncertain.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import aiosqlite

from bot.storage.database import transaction


@dataclass(frozen=True)
class Broadcast:
    id: int
    announcement: str
    areas: tuple[str, ...]
    texts: dict[str, str]
    admin_id: int
    admin_language: str
    progress_message_id: int | None
    state: str
    uncertain: int
    created_at: dt.datetime


@dataclass(frozen=True)
class Recipient:
    resident_id: int
    language: str


@dataclass(frozen=True)
class Tally:
    pending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.sent + self.blocked + self.failed

    @property
    def done(self) -> int:
        return self.total - self.pending


class Broadcasts:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def start(
        self,
        *,
        announcement: str,
        areas: tuple[str, ...],
        texts: dict[str, str],
        admin_id: int,
        admin_language: str,
        now: dt.datetime,
    ) -> Broadcast | None:
        """Record the broadcast and its recipients at once; None if it was already sent."""
        marks = ", ".join("?" for _ in areas)
        async with transaction(self.db):
            cursor = await self.db.execute(
                "INSERT INTO broadcasts (announcement, areas, texts, admin_id, admin_language,"
                " state, created_at) VALUES (?, ?, ?, ?, ?, 'sending', ?)"
                " ON CONFLICT(announcement) DO NOTHING",
                (
                    announcement,
                    ",".join(areas),
                    json.dumps(texts, ensure_ascii=False),
                    admin_id,
                    admin_language,
                    now.isoformat(),
                ),
            )
            if not cursor.rowcount:
                return None
            broadcast_id = int(cursor.lastrowid or 0)
            await self.db.execute(
                "INSERT INTO deliveries (broadcast_id, resident_id)"
                " SELECT DISTINCT ?, s.resident_id FROM subscriptions s"
                " JOIN residents r ON r.id = s.resident_id"
                f" WHERE r.active = 1 AND s.area IN ({marks})",
                (broadcast_id, *areas),
            )
        return await self.get(broadcast_id)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        async with self.db.execute(
            "SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return _broadcast(row) if row else None

    async def of_announcement(self, announcement: str) -> Broadcast | None:
        async with self.db.execute(
            "SELECT * FROM broadcasts WHERE announcement = ?", (announcement,)
        ) as cursor:
            row = await cursor.fetchone()
        return _broadcast(row) if row else None

    async def sent_announcements(self) -> dict[str, dt.datetime]:
        async with self.db.execute("SELECT announcement, created_at FROM broadcasts") as cursor:
            rows = await cursor.fetchall()
        return {str(r["announcement"]): dt.datetime.fromisoformat(r["created_at"]) for r in rows}

    async def unfinished(self) -> list[Broadcast]:
        async with self.db.execute(
            "SELECT * FROM broadcasts WHERE state = 'sending' ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [_broadcast(row) for row in rows]

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE broadcasts SET progress_message_id = ? WHERE id = ?",
            (message_id, broadcast_id),
        )

    async def count_interrupted(self, broadcast_id: int) -> int:
        """At resume: pending rows whose request was in flight when the bot stopped.

        They are sent again (a skipped announcement is worse than a repeated one) and
        counted, so the admin's report can say how many may have it twice.
        """
        async with transaction(self.db):
            async with self.db.execute(
                "SELECT COUNT(*) FROM deliveries WHERE broadcast_id = ? AND state = 'pending'"
                " AND attempted_at IS NOT NULL",
                (broadcast_id,),
            ) as cursor:
                row = await cursor.fetchone()
            interrupted = int(row[0]) if row else 0
            await self.db.execute(
                "UPDATE deliveries SET attempted_at = NULL WHERE broadcast_id = ?"
                " AND state = 'pending' AND attempted_at IS NOT NULL",
                (broadcast_id,),
            )
            await self.db.execute(
                "UPDATE broadcasts SET uncertain = uncertain + ? WHERE id = ?",
                (interrupted, broadcast_id),
            )
        return interrupted

    async def pending(self, broadcast_id: int, after: int, limit: int) -> list[Recipient]:
        """The next pending recipients after resident id `after`, in id order, with their
        language now (a resident who changed it meanwhile gets the new one)."""
        async with self.db.execute(
            "SELECT d.resident_id, r.language FROM deliveries d"
            " JOIN residents r ON r.id = d.resident_id"
            " WHERE d.broadcast_id = ? AND d.state = 'pending' AND d.resident_id > ?"
            " ORDER BY d.resident_id LIMIT ?",
            (broadcast_id, after, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [Recipient(int(row[0]), str(row[1])) for row in rows]

    async def attempt(self, broadcast_id: int, resident_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "UPDATE deliveries SET attempted_at = ? WHERE broadcast_id = ? AND resident_id = ?",
            (now.isoformat(), broadcast_id, resident_id),
        )

    async def refused(self, broadcast_id: int, resident_id: int) -> None:
        """Telegram refused the request (e.g. 429): it did not arrive, nothing is in flight."""
        await self.db.execute(
            "UPDATE deliveries SET attempted_at = NULL WHERE broadcast_id = ? AND resident_id = ?",
            (broadcast_id, resident_id),
        )

    async def finish(
        self,
        broadcast_id: int,
        resident_id: int,
        state: str,
        now: dt.datetime,
        message_id: int | None = None,
    ) -> None:
        await self.db.execute(
            "UPDATE deliveries SET state = ?, message_id = ?, finished_at = ?"
            " WHERE broadcast_id = ? AND resident_id = ?",
            (state, message_id, now.isoformat(), broadcast_id, resident_id),
        )

    async def tally(self, broadcast_id: int) -> Tally:
        async with self.db.execute(
            "SELECT state, COUNT(*) FROM deliveries WHERE broadcast_id = ? GROUP BY state",
            (broadcast_id,),
        ) as cursor:
            counts = {str(row[0]): int(row[1]) for row in await cursor.fetchall()}
        return Tally(**counts)

    async def close(self, broadcast_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "UPDATE broadcasts SET state = 'done', finished_at = ? WHERE id = ?",
            (now.isoformat(), broadcast_id),
        )


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    return Broadcast(
        id=int(row["id"]),
        announcement=str(row["announcement"]),
        areas=tuple(str(row["areas"]).split(",")),
        texts=json.loads(row["texts"]),
        admin_id=int(row["admin_id"]),
        admin_language=str(row["admin_language"]),
        progress_message_id=row["progress_message_id"],
        state=str(row["state"]),
        uncertain=int(row["uncertain"]),
        created_at=dt.datetime.fromisoformat(row["created_at"]),
    )
