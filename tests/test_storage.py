"""The database: migrations, pragmas, and deleting a resident deletes their data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.storage.database import MIGRATIONS, connect, schema_version
from bot.storage.feedback import FeedbackLog
from bot.storage.handoff_requests import HandoffRequests
from bot.storage.queries import QueryLog
from bot.storage.residents import Residents

NOW = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)


async def test_new_database_is_migrated_with_safe_pragmas(tmp_path: Path) -> None:
    db = await connect(tmp_path / "sub" / "bot.sqlite3")
    try:
        assert await schema_version(db) == len(MIGRATIONS)
        async with db.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
        async with db.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
    finally:
        await db.close()


async def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await connect(path)
    await Residents(db).set_language(7, "uk", NOW)
    await db.close()
    db = await connect(path)
    try:
        assert await Residents(db).language(7) == "uk"
        async with db.execute("SELECT COUNT(*) FROM schema_version") as cursor:
            assert (await cursor.fetchone())[0] == len(MIGRATIONS)  # type: ignore[index]
    finally:
        await db.close()


async def test_language_preference_is_stored_and_changed(tmp_path: Path) -> None:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        residents = Residents(db)
        await residents.ensure(1, "cs", NOW)
        await residents.ensure(1, "en", NOW)  # first contact only
        assert await residents.language(1) == "cs"
        await residents.set_language(1, "uk", NOW)
        assert await residents.language(1) == "uk"
    finally:
        await db.close()


async def test_forgetting_a_resident_removes_everything_about_them(tmp_path: Path) -> None:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        residents = Residents(db)
        for resident in (1, 2):
            await residents.ensure(resident, "uk", NOW)
            await QueryLog(db).record(
                resident_id=resident, language="uk", text="питання", action="handoff",
                article=None, score=0, urgent=False, now=NOW,
            )  # fmt: skip
            await HandoffRequests(db).open(resident, "uk", "питання", NOW)
            await FeedbackLog(db).record(resident, "emergency-numbers", "uk", True, NOW)
        await residents.forget(1)
        for table in ("residents", "queries", "handoff_requests", "feedback"):
            column = "id" if table == "residents" else "resident_id"
            async with db.execute(f"SELECT {column} FROM {table}") as cursor:
                assert [row[0] for row in await cursor.fetchall()] == [2], table
    finally:
        await db.close()


async def test_query_log_keeps_decisions_for_reports(tmp_path: Path) -> None:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        await Residents(db).ensure(5, "en", NOW)
        log = QueryLog(db)
        await log.record(
            resident_id=5, language="en", text="weather?", action="handoff",
            article=None, score=3, urgent=False, now=NOW,
        )  # fmt: skip
        await log.record(
            resident_id=5, language="en", text="ambulance", action="answer",
            article="emergency-numbers", score=90, urgent=False, now=NOW,
        )  # fmt: skip
        logged = await log.since(NOW - dt.timedelta(days=1))
        assert [(q.action, q.article) for q in logged] == [
            ("handoff", None),
            ("answer", "emergency-numbers"),
        ]
        assert await log.last_unanswered(5) == "weather?"
    finally:
        await db.close()
