"""The shared connection: other tasks' statements stay out of an open transaction."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.connection import NestedTransaction
from bot.storage.database import connect, transaction


async def _with_notes(db_path: Path) -> aiosqlite.Connection:
    db = await connect(db_path)
    await db.execute("CREATE TABLE notes (text TEXT NOT NULL)")
    return db


async def _names(db_path: Path) -> list[str]:
    db = await connect(db_path)
    try:
        async with db.execute("SELECT text FROM notes ORDER BY rowid") as cursor:
            return [row[0] for row in await cursor.fetchall()]
    finally:
        await db.close()


async def test_a_statement_of_another_task_survives_the_rollback_of_an_open_transaction(
    tmp_path: Path,
) -> None:
    db = await _with_notes(tmp_path / "bot.sqlite3")
    inside = asyncio.Event()
    release = asyncio.Event()

    async def failing_transaction() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO notes VALUES ('cs')")
            inside.set()
            await release.wait()
            raise RuntimeError("the transaction fails after the other task wrote")

    async def plain_write() -> None:
        await inside.wait()
        await db.execute("INSERT INTO notes VALUES ('uk')")

    failing = asyncio.create_task(failing_transaction())
    writer = asyncio.create_task(plain_write())
    await asyncio.wait_for(inside.wait(), 10)
    await asyncio.sleep(0.05)
    assert not writer.done(), "the plain statement must wait for the transaction to end"
    release.set()
    with pytest.raises(RuntimeError):
        await failing
    await writer
    await db.close()

    assert await _names(tmp_path / "bot.sqlite3") == ["uk"]


async def test_a_task_started_inside_a_transaction_does_not_join_it_later(
    tmp_path: Path,
) -> None:
    db = await _with_notes(tmp_path / "bot.sqlite3")
    first_open = asyncio.Event()
    second_done = asyncio.Event()
    background: list[asyncio.Task[None]] = []

    async def late_write() -> None:
        await second_done.wait()
        await db.execute("INSERT INTO notes VALUES ('en')")

    async with transaction(db):
        await db.execute("INSERT INTO notes VALUES ('cs')")
        background.append(asyncio.create_task(late_write()))

    async def rolled_back() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO notes VALUES ('uk')")
            first_open.set()
            second_done.set()
            await asyncio.sleep(0.05)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await rolled_back()
    await background[0]
    await db.close()

    assert first_open.is_set()
    assert await _names(tmp_path / "bot.sqlite3") == ["cs", "en"]


async def test_a_transaction_inside_a_transaction_is_refused_rather_than_deadlocking(
    tmp_path: Path,
) -> None:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        async with transaction(db):
            with pytest.raises(NestedTransaction):
                async with transaction(db):
                    pass
    finally:
        await db.close()
