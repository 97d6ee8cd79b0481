"""Tickets: a resident's conversation with the assistants, from opening to rating.

State changes are conditional updates (`... WHERE state = 'waiting'`), so two assistants
pressing Claim at the same moment cannot both win: SQLite runs one UPDATE at a time and
only the first finds the ticket still waiting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

# Later questions are appended to the first; the card shows the start of it.
QUESTION_LIMIT = 4000


class State(StrEnum):
    WAITING = "waiting"
    CLAIMED = "claimed"
    CLOSED = "closed"


class ClosedBy(StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class Ticket:
    id: int
    resident_id: int
    language: str
    state: State
    question: str
    urgent: bool
    assignee_id: int | None
    assignee_name: str | None
    card_message_id: int | None
    opened_at: dt.datetime
    first_reply_at: dt.datetime | None
    closed_at: dt.datetime | None
    close_reason: str | None
    closed_by: str | None
    rating: int | None
    rating_comment: str | None
    introduced_staff_id: int | None

    @property
    def is_open(self) -> bool:
        return self.state is not State.CLOSED


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _ticket(row: aiosqlite.Row) -> Ticket:
    return Ticket(
        id=row["id"],
        resident_id=row["resident_id"],
        language=row["language"],
        state=State(row["state"]),
        question=row["question"],
        urgent=bool(row["urgent"]),
        assignee_id=row["assignee_id"],
        assignee_name=row["assignee_name"],
        card_message_id=row["card_message_id"],
        opened_at=dt.datetime.fromisoformat(row["opened_at"]),
        first_reply_at=_moment(row["first_reply_at"]),
        closed_at=_moment(row["closed_at"]),
        close_reason=row["close_reason"],
        closed_by=row["closed_by"],
        rating=row["rating"],
        rating_comment=row["rating_comment"],
        introduced_staff_id=row["introduced_staff_id"],
    )


class Tickets:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def _one(self, sql: str, params: tuple[object, ...]) -> Ticket | None:
        async with self.db.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return _ticket(row) if row else None

    async def _many(self, sql: str, params: tuple[object, ...]) -> list[Ticket]:
        async with self.db.execute(sql, params) as cursor:
            rows = await cursor.fetchall()
        return [_ticket(row) for row in rows]

    async def _changed(self, sql: str, params: tuple[object, ...]) -> bool:
        cursor = await self.db.execute(sql, params)
        return cursor.rowcount > 0

    async def open(
        self, resident_id: int, language: str, question: str, urgent: bool, now: dt.datetime
    ) -> Ticket:
        cursor = await self.db.execute(
            "INSERT INTO tickets (resident_id, language, state, question, urgent, opened_at)"
            " VALUES (?, ?, 'waiting', ?, ?, ?)",
            (resident_id, language, question[:QUESTION_LIMIT], int(urgent), now.isoformat()),
        )
        ticket = await self.get(int(cursor.lastrowid or 0))
        assert ticket is not None
        return ticket

    async def get(self, ticket_id: int) -> Ticket | None:
        return await self._one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))

    async def active(self, resident_id: int) -> Ticket | None:
        """The resident's waiting or claimed ticket, if any (there is at most one)."""
        return await self._one(
            "SELECT * FROM tickets WHERE resident_id = ? AND state != 'closed'"
            " ORDER BY id DESC LIMIT 1",
            (resident_id,),
        )

    async def latest(self, resident_id: int) -> Ticket | None:
        return await self._one(
            "SELECT * FROM tickets WHERE resident_id = ? ORDER BY id DESC LIMIT 1",
            (resident_id,),
        )

    async def history(self, resident_id: int, before: int | None = None) -> list[Ticket]:
        """The resident's tickets, newest first; before= leaves out that one and later."""
        return await self._many(
            "SELECT * FROM tickets WHERE resident_id = ? AND id < ? ORDER BY id DESC",
            (resident_id, before if before is not None else 2**62),
        )

    async def waiting_since(self, cutoff: dt.datetime) -> list[Ticket]:
        """Tickets nobody has claimed, opened before cutoff, oldest first."""
        return await self._many(
            "SELECT * FROM tickets WHERE state = 'waiting' AND opened_at <= ? ORDER BY id",
            (cutoff.isoformat(),),
        )

    async def queue_position(self, ticket_id: int) -> int:
        """1 for the oldest waiting ticket; counts only tickets waiting for a claim."""
        async with self.db.execute(
            "SELECT COUNT(*) FROM tickets WHERE state = 'waiting' AND id <= ?", (ticket_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def add_question(self, ticket_id: int, question: str) -> None:
        await self.db.execute(
            "UPDATE tickets SET question = substr(question || char(10) || ?, 1, ?) WHERE id = ?",
            (question, QUESTION_LIMIT, ticket_id),
        )

    async def mark_urgent(self, ticket_id: int) -> bool:
        """True if the ticket was not urgent before."""
        return await self._changed(
            "UPDATE tickets SET urgent = 1 WHERE id = ? AND urgent = 0", (ticket_id,)
        )

    async def set_card(self, ticket_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE tickets SET card_message_id = ? WHERE id = ?", (message_id, ticket_id)
        )

    async def claim(self, ticket_id: int, staff_id: int, staff_name: str) -> bool:
        """True for the one assistant who took a waiting ticket."""
        return await self._changed(
            "UPDATE tickets SET state = 'claimed', assignee_id = ?, assignee_name = ?"
            " WHERE id = ? AND state = 'waiting'",
            (staff_id, staff_name, ticket_id),
        )

    async def release(self, ticket_id: int) -> bool:
        return await self._changed(
            "UPDATE tickets SET state = 'waiting', assignee_id = NULL, assignee_name = NULL"
            " WHERE id = ? AND state = 'claimed'",
            (ticket_id,),
        )

    async def close(
        self, ticket_id: int, by: ClosedBy, reason: str | None, now: dt.datetime
    ) -> bool:
        return await self._changed(
            "UPDATE tickets SET state = 'closed', closed_at = ?, closed_by = ?, close_reason = ?"
            " WHERE id = ? AND state != 'closed'",
            (now.isoformat(), by.value, reason, ticket_id),
        )

    async def reopen(self, ticket_id: int) -> bool:
        """Back to the assistant who had it, or to the queue; the close is undone."""
        return await self._changed(
            "UPDATE tickets SET state = CASE WHEN assignee_id IS NULL THEN 'waiting'"
            " ELSE 'claimed' END, closed_at = NULL, closed_by = NULL, close_reason = NULL,"
            " rating = NULL, rating_comment = NULL WHERE id = ? AND state = 'closed'",
            (ticket_id,),
        )

    async def record_first_reply(self, ticket_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "UPDATE tickets SET first_reply_at = ? WHERE id = ? AND first_reply_at IS NULL",
            (now.isoformat(), ticket_id),
        )

    async def introduce(self, ticket_id: int, staff_id: int) -> bool:
        """True if the resident has not yet been shown this assistant's name."""
        return await self._changed(
            "UPDATE tickets SET introduced_staff_id = ? WHERE id = ?"
            " AND (introduced_staff_id IS NULL OR introduced_staff_id != ?)",
            (staff_id, ticket_id, staff_id),
        )

    async def rate(self, ticket_id: int, resident_id: int, rating: int) -> bool:
        return await self._changed(
            "UPDATE tickets SET rating = ? WHERE id = ? AND resident_id = ? AND state = 'closed'",
            (rating, ticket_id, resident_id),
        )

    async def comment(self, ticket_id: int, resident_id: int, text: str) -> bool:
        return await self._changed(
            "UPDATE tickets SET rating_comment = ? WHERE id = ? AND resident_id = ?",
            (text, ticket_id, resident_id),
        )

    async def open_tickets(self) -> list[Ticket]:
        return await self._many("SELECT * FROM tickets WHERE state != 'closed' ORDER BY id", ())
