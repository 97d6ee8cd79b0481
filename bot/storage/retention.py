"""Forgetting on schedule: residents' words are kept only as long as they are useful.

Aggregates survive (a query keeps its language, decision, article and time after its text
is emptied), so editors' reports keep working on old periods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import aiosqlite

from bot.storage.database import transaction


@dataclass(frozen=True)
class Retention:
    query_texts: dt.timedelta = dt.timedelta(days=90)
    message_pairs: dt.timedelta = dt.timedelta(days=180)


@dataclass(frozen=True)
class Forgotten:
    query_texts: int
    feedback_comments: int
    message_pairs: int


async def apply_retention(
    db: aiosqlite.Connection, retention: Retention, now: dt.datetime
) -> Forgotten:
    texts_before = (now - retention.query_texts).isoformat()
    pairs_before = (now - retention.message_pairs).isoformat()
    async with transaction(db):
        queries = await db.execute(
            "UPDATE queries SET text = NULL WHERE text IS NOT NULL AND created_at < ?",
            (texts_before,),
        )
        comments = await db.execute(
            "UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND created_at < ?",
            (texts_before,),
        )
        pairs = await db.execute(
            "DELETE FROM message_pairs WHERE ticket_id IN"
            " (SELECT id FROM tickets WHERE state = 'closed' AND closed_at < ?)",
            (pairs_before,),
        )
    return Forgotten(queries.rowcount, comments.rowcount, pairs.rowcount)
