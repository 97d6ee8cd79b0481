"""The query log: what residents asked and what the bot decided, for editors' reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class LoggedQuery:
    id: int
    resident_id: int | None
    language: str
    text: str | None
    action: str
    article: str | None
    score: int
    urgent: bool
    created_at: dt.datetime


class QueryLog:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def record(
        self,
        *,
        resident_id: int | None,
        language: str,
        text: str,
        action: str,
        article: str | None,
        score: int,
        urgent: bool,
        now: dt.datetime,
        candidates: tuple[str, ...] = (),
    ) -> int:
        """Log one question; the candidates are kept only when they were offered."""
        offered = " ".join(candidates) if action == "suggest" and candidates else None
        cursor = await self.db.execute(
            "INSERT INTO queries (resident_id, language, text, action, article, score, urgent,"
            " created_at, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resident_id,
                language,
                text,
                action,
                article,
                score,
                int(urgent),
                now.isoformat(),
                offered,
            ),
        )
        return int(cursor.lastrowid or 0)

    async def settle_suggestion(self, resident_id: int, chosen: str | None) -> None:
        """Mark the resident's latest question, if it got suggestions still open, as
        'chosen' (chosen is one of the offered articles) or 'declined' (chosen is None:
        they asked for a person instead). Anything else leaves it open."""
        await self.db.execute(
            "UPDATE queries SET outcome = CASE WHEN ? IS NULL THEN 'declined' ELSE 'chosen' END"
            " WHERE id = (SELECT MAX(id) FROM queries WHERE resident_id = ?)"
            " AND action = 'suggest' AND outcome IS NULL"
            " AND (? IS NULL OR instr(' ' || candidates || ' ', ' ' || ? || ' ') > 0)",
            (chosen, resident_id, chosen, chosen),
        )

    async def since(self, moment: dt.datetime) -> list[LoggedQuery]:
        async with self.db.execute(
            "SELECT * FROM queries WHERE created_at >= ? ORDER BY id", (moment.isoformat(),)
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            LoggedQuery(
                id=row["id"],
                resident_id=row["resident_id"],
                language=row["language"],
                text=row["text"],
                action=row["action"],
                article=row["article"],
                score=row["score"],
                urgent=bool(row["urgent"]),
                created_at=dt.datetime.fromisoformat(row["created_at"]),
            )
            for row in rows
        ]

    async def last_unanswered(self, resident_id: int) -> str | None:
        """The resident's latest question the bot did not answer, for a handoff."""
        async with self.db.execute(
            "SELECT text FROM queries WHERE resident_id = ? AND action != 'answer'"
            " ORDER BY id DESC LIMIT 1",
            (resident_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return str(row["text"]) if row and row["text"] else None
