"""Residents: the language they chose and whether they still talk to us."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.storage.database import transaction


class Residents:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def language(self, resident_id: int) -> str | None:
        async with self.db.execute(
            "SELECT language FROM residents WHERE id = ?", (resident_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return str(row["language"]) if row else None

    async def ensure(self, resident_id: int, language: str, now: dt.datetime) -> None:
        """Create the resident with this language if unknown; an existing one is untouched."""
        await self.db.execute(
            "INSERT INTO residents (id, language, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO NOTHING",
            (resident_id, language, now.isoformat(), now.isoformat()),
        )

    async def set_language(self, resident_id: int, language: str, now: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO residents (id, language, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET language = excluded.language,"
            " updated_at = excluded.updated_at, active = 1",
            (resident_id, language, now.isoformat(), now.isoformat()),
        )

    async def set_active(self, resident_id: int, active: bool, now: dt.datetime) -> None:
        await self.db.execute(
            "UPDATE residents SET active = ?, updated_at = ? WHERE id = ?",
            (int(active), now.isoformat(), resident_id),
        )

    async def forget(self, resident_id: int) -> None:
        """Delete the resident and, by foreign keys, everything stored about them."""
        async with transaction(self.db):
            await self.db.execute("DELETE FROM residents WHERE id = ?", (resident_id,))
