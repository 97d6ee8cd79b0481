"""The database connection and its schema migrations.

One aiosqlite connection per process, shared safely between tasks (connection.py;
SQLite serialises writers anyway); WAL lets the
report commands read while the bot writes; foreign keys make deleting a resident
delete what hangs off them.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiosqlite

from bot.storage.connection import SerialConnection, open_serial

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000

Migration = Callable[[aiosqlite.Connection], Awaitable[None]]


async def _execute_each(db: aiosqlite.Connection, script: str) -> None:
    """Run DDL statements one by one: executescript() would COMMIT the open transaction.

    Statements are split at ";", so comments in them must not contain one.
    """
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


async def _handoff_tickets(db: aiosqlite.Connection) -> None:
    """Tickets to the assistants' forum, one topic per resident, relayed message pairs."""
    await _execute_each(
        db,
        """
        CREATE TABLE tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the number staff and residents see
            resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'closed')),
            question TEXT NOT NULL,                 -- what led to it, later ones appended
            urgent INTEGER NOT NULL DEFAULT 0,
            assignee_id INTEGER,                    -- Telegram user id of the assistant
            assignee_name TEXT,
            card_message_id INTEGER,                -- the ticket card in the topic
            opened_at TEXT NOT NULL,
            first_reply_at TEXT,                    -- first message relayed from staff
            closed_at TEXT,
            close_reason TEXT,
            closed_by TEXT,                         -- 'staff', 'resident', 'blocked'
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            rating_comment TEXT,
            introduced_staff_id INTEGER             -- whose name the resident was last shown
        );
        CREATE INDEX tickets_by_state ON tickets(state, opened_at);
        CREATE INDEX tickets_by_resident ON tickets(resident_id, opened_at);
        CREATE TABLE staff_topics (
            resident_id INTEGER PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
            thread_id INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX staff_topics_by_thread ON staff_topics(thread_id);
        CREATE TABLE relay_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,   -- relay order
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('to_staff', 'to_resident')),
            from_chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            sender_id INTEGER NOT NULL,             -- resident or assistant who wrote it
            media_group_id TEXT,                    -- album parts are copied together
            reply_to_message_id INTEGER,            -- in the sender's chat
            long_caption_html TEXT,                 -- a caption over the limit, sent as text
            created_at TEXT NOT NULL
        );
        CREATE INDEX relay_outbox_by_direction ON relay_outbox(direction, id);
        CREATE TABLE message_pairs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            resident_id INTEGER NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('to_staff', 'to_resident')),
            resident_message_id INTEGER NOT NULL,   -- in the resident's private chat
            staff_message_id INTEGER NOT NULL,      -- in the staff forum
            created_at TEXT NOT NULL
        );
        CREATE INDEX message_pairs_by_resident_message
            ON message_pairs(resident_id, resident_message_id);
        CREATE INDEX message_pairs_by_staff_message ON message_pairs(staff_message_id);
        CREATE TABLE staff_names (
            user_id INTEGER PRIMARY KEY,            -- an assistant's Telegram id
            display_name TEXT NOT NULL              -- what residents see instead of their name
        );
        CREATE TABLE bans (
            -- Deliberately no foreign key: a ban outlives /forget, or forgetting would lift it.
            resident_id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL
        )
        """,
    )


async def _suggestion_outcomes_and_reads(db: aiosqlite.Connection) -> None:
    """What residents did with suggestions, and which articles they open (for editors)."""
    await _execute_each(
        db,
        """
        -- For 'suggest': the article ids offered, space-separated, and what followed:
        -- 'chosen' (a suggested article was opened) or 'declined' (asked a person
        -- instead). NULL while open: a later question from the same resident also
        -- counts as declined, worked out by the unanswered report.
        ALTER TABLE queries ADD COLUMN candidates TEXT;
        ALTER TABLE queries ADD COLUMN outcome TEXT
            CHECK (outcome IS NULL OR outcome IN ('chosen', 'declined'));
        -- Anonymous counts of articles opened with a button: no resident id by design.
        CREATE TABLE article_reads (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article TEXT NOT NULL,
            language TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX article_reads_by_time ON article_reads(created_at)
        """,
    )


async def _announcements(db: aiosqlite.Connection) -> None:
    """Residents' subscriptions to areas, and announcements with a delivery log per resident."""
    await _execute_each(
        db,
        """
        CREATE TABLE subscriptions (
            resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
            area TEXT NOT NULL,                     -- an area id of topics.yaml
            created_at TEXT NOT NULL,
            PRIMARY KEY (resident_id, area)
        );
        CREATE INDEX subscriptions_by_area ON subscriptions(area);
        CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            announcement TEXT NOT NULL UNIQUE,      -- sent once: a second /announce is refused
            areas TEXT NOT NULL,                    -- comma-separated, as sent
            texts TEXT NOT NULL,                    -- JSON {lang: markup}: what was approved
            admin_id INTEGER NOT NULL,              -- who started it, gets the progress
            admin_language TEXT NOT NULL,
            progress_message_id INTEGER,
            state TEXT NOT NULL CHECK (state IN ('sending', 'done')),
            uncertain INTEGER NOT NULL DEFAULT 0,   -- in flight when the bot stopped, sent again
            created_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE TABLE deliveries (
            broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
            resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'blocked', 'failed')),
            attempted_at TEXT,                      -- set before sending, cleared on a refusal
            message_id INTEGER,
            finished_at TEXT,
            PRIMARY KEY (broadcast_id, resident_id)
        ) WITHOUT ROWID;
        CREATE INDEX deliveries_by_state ON deliveries(broadcast_id, state, resident_id)
        """,
    )


# Append only: a migration that has shipped is never edited, a new one is added.
MIGRATIONS: tuple[Migration, ...] = (
    _initial_schema,
    _handoff_tickets,
    _suggestion_outcomes_and_reads,
    _announcements,
)


async def connect(path: Path | str) -> aiosqlite.Connection:
    """Open (creating if needed) and migrate the database."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = await open_serial(str(path))
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

    Other tasks' statements wait until it ends (SerialConnection). IMMEDIATE takes the
    write lock at the start, so another process writing waits for us (busy_timeout)
    instead of either failing halfway with "database is locked".
    """
    if not isinstance(db, SerialConnection):
        raise TypeError("transactions need the connection made by bot.storage.database.connect")
    async with db.exclusive():
        await db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            await db.execute("ROLLBACK")
            raise
        await db.execute("COMMIT")


def check_file(path: Path) -> str | None:
    """Why the database at path cannot be used, or None if it can (or does not exist yet).

    Run before start, so a corrupted file stops the bot with one clear line instead of a
    traceback from deep inside the first update.
    """
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            (result,) = db.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        return f"{path} is not a usable SQLite database ({exc}); restore it from a backup"
    if result != "ok":
        return f"{path} is damaged ({result}); restore it from a backup"
    return None
