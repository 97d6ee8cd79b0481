"""Which articles residents open with a button: anonymous counts for the usage report."""

from __future__ import annotations

import datetime as dt

import aiosqlite


class ArticleReads:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def record(self, article: str, language: str, now: dt.datetime) -> None:
        """No resident id is stored: the count is all the report needs."""
        await self.db.execute(
            "INSERT INTO article_reads (article, language, created_at) VALUES (?, ?, ?)",
            (article, language, now.isoformat()),
        )
