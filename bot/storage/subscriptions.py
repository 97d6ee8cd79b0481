"""Which areas each resident wants announcements about."""

from __future__ import annotations

import datetime as dt

import aiosqlite


class Subscriptions:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def areas(self, resident_id: int) -> set[str]:
        async with self.db.execute(
            "SELECT area FROM subscriptions WHERE resident_id = ?", (resident_id,)
        ) as cursor:
            return {str(row["area"]) for row in await cursor.fetchall()}

    async def toggle(self, resident_id: int, area: str, now: dt.datetime) -> bool:
        """Subscribe if not subscribed, else unsubscribe; True when now subscribed.

        The resident row must exist (the conversation creates it on first contact).
        """
        cursor = await self.db.execute(
            "DELETE FROM subscriptions WHERE resident_id = ? AND area = ?", (resident_id, area)
        )
        if cursor.rowcount:
            return False
        await self.db.execute(
            "INSERT INTO subscriptions (resident_id, area, created_at) VALUES (?, ?, ?)",
            (resident_id, area, now.isoformat()),
        )
        return True

    async def clear(self, resident_id: int) -> int:
        cursor = await self.db.execute(
            "DELETE FROM subscriptions WHERE resident_id = ?", (resident_id,)
        )
        return cursor.rowcount

    async def audience(self, areas: tuple[str, ...]) -> int:
        """How many active residents follow at least one of the areas."""
        marks = ", ".join("?" for _ in areas)
        async with self.db.execute(
            "SELECT COUNT(DISTINCT s.resident_id) FROM subscriptions s"
            " JOIN residents r ON r.id = s.resident_id"
            f" WHERE r.active = 1 AND s.area IN ({marks})",
            areas,
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0
