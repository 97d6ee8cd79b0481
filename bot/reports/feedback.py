"""`report feedback`: 👍 / 👎 per article and language, with residents' comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import aiosqlite

from bot.reports.period import Period
from bot.reports.tables import Document, Table, count, percent, redact


@dataclass(frozen=True)
class ArticleFeedback:
    article: str
    language: str
    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class Comment:
    article: str
    language: str
    day: dt.date
    text: str  # redacted


@dataclass(frozen=True)
class FeedbackReport:
    period: Period
    articles: tuple[ArticleFeedback, ...]  # most 👎 first
    comments: tuple[Comment, ...]  # newest first


async def feedback_report(db: aiosqlite.Connection, period: Period) -> FeedbackReport:
    async with db.execute(
        "SELECT article, language, SUM(helpful) AS up, SUM(1 - helpful) AS down"
        " FROM feedback WHERE created_at >= ? AND created_at < ?"
        " GROUP BY article, language ORDER BY down DESC, up ASC, article, language",
        period.bounds(),
    ) as cursor:
        counts = await cursor.fetchall()
    async with db.execute(
        "SELECT article, language, comment, created_at FROM feedback"
        " WHERE created_at >= ? AND created_at < ? AND comment IS NOT NULL AND comment != ''"
        " ORDER BY created_at DESC, id DESC",
        period.bounds(),
    ) as cursor:
        comments = await cursor.fetchall()
    return FeedbackReport(
        period=period,
        articles=tuple(
            ArticleFeedback(row["article"], row["language"], int(row["up"]), int(row["down"]))
            for row in counts
        ),
        comments=tuple(
            Comment(
                row["article"],
                row["language"],
                dt.datetime.fromisoformat(row["created_at"]).astimezone(period.zone).date(),
                redact(row["comment"], limit=500),
            )
            for row in comments
        ),
    )


def document(report: FeedbackReport) -> Document:
    up = sum(a.helpful for a in report.articles)
    down = sum(a.unhelpful for a in report.articles)
    return Document(
        title=f"Feedback, {report.period.label()}",
        notes=(
            f"{up} 👍 and {down} 👎 on {count(len({a.article for a in report.articles}), 'article')}.",
        ),
        tables=(
            Table(
                "Per article and language (most 👎 first)",
                ("article", "language", "👍", "👎", "helpful"),
                tuple(
                    (
                        a.article,
                        a.language,
                        a.helpful,
                        a.unhelpful,
                        percent(a.helpful, a.helpful + a.unhelpful),
                    )
                    for a in report.articles
                ),
            ),
            Table(
                "What residents said was missing",
                ("article", "language", "day", "comment"),
                tuple((c.article, c.language, c.day.isoformat(), c.text) for c in report.comments),
            ),
        ),
    )
