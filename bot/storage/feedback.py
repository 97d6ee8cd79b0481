"""Residents' 👍 / 👎 on articles, with an optional comment."""

from __future__ import annotations

import datetime as dt

import aiosqlite


class FeedbackLog:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def record(
        self, resident_id: int, article: str, language: str, helpful: bool, now: dt.datetime
    ) -> int:
        cursor = await self.db.execute(
            "INSERT INTO feedback (resident_id, article, language, helpful, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (resident_id, article, language, int(helpful), now.isoformat()),
        )
        return int(cursor.lastrowid or 0)

    async def add_comment(self, feedback_id: int, resident_id: int, comment: str) -> bool:
        """Attach the resident's "what was missing"; only to their own 👎."""
        cursor = await self.db.execute(
            "UPDATE feedback SET comment = ? WHERE id = ? AND resident_id = ? AND helpful = 0",
            (comment, feedback_id, resident_id),
        )
        return cursor.rowcount == 1
