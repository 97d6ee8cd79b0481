"""Requests for a person made where no staff chat is connected (the terminal chat)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class HandoffRequest:
    id: int
    resident_id: int
    language: str
    question: str
    state: str
    created_at: dt.datetime


class HandoffRequests:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def open(self, resident_id: int, language: str, question: str, now: dt.datetime) -> int:
        cursor = await self.db.execute(
            "INSERT INTO handoff_requests (resident_id, language, question, created_at)"
            " VALUES (?, ?, ?, ?)",
            (resident_id, language, question, now.isoformat()),
        )
        return int(cursor.lastrowid or 0)

    async def cancel(self, resident_id: int) -> bool:
        cursor = await self.db.execute(
            "UPDATE handoff_requests SET state = 'cancelled'"
            " WHERE resident_id = ? AND state = 'waiting'",
            (resident_id,),
        )
        return cursor.rowcount > 0

    async def waiting(self) -> list[HandoffRequest]:
        async with self.db.execute(
            "SELECT * FROM handoff_requests WHERE state = 'waiting' ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            HandoffRequest(
                id=row["id"],
                resident_id=row["resident_id"],
                language=row["language"],
                question=row["question"],
                state=row["state"],
                created_at=dt.datetime.fromisoformat(row["created_at"]),
            )
            for row in rows
        ]
