"""The database connection and its schema migrations.

One aiosqlite connection per process (SQLite serialises writers anyway); WAL lets the
report commands read while the bot writes; foreign keys make deleting a resident
delete what hangs off them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000

Migration = Callable[[aiosqlite.Connection], Awaitable[None]]


async def _execute_each(db: aiosqlite.Connection, script: str) -> None:
    """Run DDL statements one by one: executescript() would COMMIT the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            await db.execute(statement)


async def _initial_schema(db: aiosqlite.Connection) -> None:
    await _execute_each(
        db,
        """
        CREATE TABLE residents (
            id INTEGER PRIMARY KEY,          -- Telegram user id (0: the terminal chat)
            language TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE queries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            resident_id INTEGER REFERENCES residents(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            text TEXT,                       -- emptied when the retention period ends
            action TEXT NOT NULL,
            article TEXT,
            score INTEGER NOT NULL,
            urgent INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX queries_by_time ON queries(created_at);
        CREATE INDEX queries_by_resident ON queries(resident_id);
        CREATE TABLE handoff_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            question TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'waiting',
            created_at TEXT NOT NULL
        );
        CREATE INDEX handoff_requests_by_resident ON handoff_requests(resident_id);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            resident_id INTEGER REFERENCES residents(id) ON DELETE CASCADE,
            article TEXT NOT NULL,
            language TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            comment TEXT,
            created_at TEXT NOT NULL
        );
        """,
    )


# Append only: a migration that has shipped is never edited, a new one is added.
MIGRATIONS: tuple[Migration, ...] = (_initial_schema,)


async def connect(path: Path | str) -> aiosqlite.Connection:
    """Open (creating if needed) and migrate the database."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = await aiosqlite.connect(str(path), isolation_level=None)
    db.row_factory = aiosqlite.Row
    await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await db.execute("PRAGMA foreign_keys = ON")
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA synchronous = NORMAL")
    try:
        await migrate(db)
    except Exception:
        await db.close()
        raise
    return db


async def schema_version(db: aiosqlite.Connection) -> int:
    await db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    async with db.execute("SELECT MAX(version) FROM schema_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


async def migrate(db: aiosqlite.Connection) -> None:
    current = await schema_version(db)
    for version, migration in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        async with transaction(db):
            await migration(db)
            await db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        log.info("database migrated", extra={"schema_version": version})


@contextlib.asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock at the start, so two writers wait for each other
    (busy_timeout) instead of failing halfway with "database is locked".
    """
    await db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        await db.execute("ROLLBACK")
        raise
    await db.execute("COMMIT")
