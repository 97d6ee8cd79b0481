"""Residents' words are forgotten on schedule; counts stay for the reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings
from bot.storage.database import connect
from bot.storage.feedback import FeedbackLog
from bot.storage.queries import QueryLog
from bot.storage.relay import Copied, Direction, MessagePairs, Outbox, Pending
from bot.storage.residents import Residents
from bot.storage.retention import Retention, apply_retention
from bot.storage.tickets import ClosedBy, Tickets

NOW = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)


async def test_old_texts_and_pairs_go_counts_stay(tmp_path: Path) -> None:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        await Residents(db).ensure(7, "uk", NOW)
        log = QueryLog(db)
        for age in (100, 10):
            await log.record(
                resident_id=7,
                language="uk",
                text=f"{age} days ago",
                action="answer",
                article="housing",
                score=80,
                urgent=False,
                now=NOW - dt.timedelta(days=age),
            )
        feedback = FeedbackLog(db)
        old = await feedback.record(7, "housing", "uk", False, NOW - dt.timedelta(days=95))
        await feedback.add_comment(old, 7, "мало інформації")
        tickets = Tickets(db)
        for age in (200, 20):
            ticket = await tickets.open(7, "uk", "q", False, NOW - dt.timedelta(days=age + 1))
            await tickets.close(ticket.id, ClosedBy.STAFF, None, NOW - dt.timedelta(days=age))
            pending = Pending(
                1, ticket.id, Direction.TO_STAFF, 7, 100 + age, 7, None, None, None, NOW
            )
            await db.execute(
                "INSERT INTO relay_outbox (id, ticket_id, direction, from_chat_id, message_id,"
                " sender_id, created_at) VALUES (1, ?, 'to_staff', 7, ?, 7, ?)",
                (ticket.id, 100 + age, NOW.isoformat()),
            )
            await Outbox(db).delivered([Copied(pending, 900 + age)], 7, NOW)

        forgotten = await apply_retention(db, Retention(), NOW)

        assert (forgotten.query_texts, forgotten.feedback_comments) == (1, 1)
        assert forgotten.message_pairs == 1
        queries = await log.since(NOW - dt.timedelta(days=365))
        assert [q.text for q in queries] == [None, "10 days ago"]
        assert [q.article for q in queries] == ["housing", "housing"]  # reports still count
        pairs = MessagePairs(db)
        assert await pairs.staff_message(7, 300) is None
        assert await pairs.staff_message(7, 120) == 920
        again = await apply_retention(db, Retention(), NOW)
        assert again.query_texts == again.message_pairs == 0
    finally:
        await db.close()


def test_retention_is_configurable_and_checked() -> None:
    settings = Settings.from_env({"RETENTION_QUERY_DAYS": "30"})
    assert settings.retention.query_texts == dt.timedelta(days=30)
    assert settings.retention.message_pairs == dt.timedelta(days=180)
    with pytest.raises(ConfigError, match=r"^RETENTION_PAIRS_DAYS"):
        Settings.from_env({"RETENTION_PAIRS_DAYS": "0"})
