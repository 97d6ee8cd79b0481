"""The help desk's pure parts: ticket storage rules, staff texts, button data."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core import actions
from bot.handoff import staff_texts
from bot.knowledge.markup import to_html
from bot.storage.database import connect
from bot.storage.relay import Bans, Copied, Direction, MessagePairs, Outbox
from bot.storage.residents import Residents
from bot.storage.tickets import ClosedBy, State, Ticket, Tickets

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PRAGUE = ZoneInfo("Europe/Prague")


async def _database(path: Path) -> Tickets:
    db = await connect(path)
    await Residents(db).ensure(7, "uk", NOW)
    return Tickets(db)


async def test_only_one_of_two_simultaneous_claims_wins(tmp_path: Path) -> None:
    """Two connections, as two processes would have: the conditional update decides."""
    path = tmp_path / "bot.sqlite3"
    first = await _database(path)
    second = Tickets(await connect(path))
    try:
        ticket = await first.open(7, "uk", "питання", False, NOW)
        results = await asyncio.gather(
            first.claim(ticket.id, 1, "Olena"), second.claim(ticket.id, 2, "Petro")
        )
        assert sorted(results) == [False, True]
        claimed = await first.get(ticket.id)
        assert claimed is not None
        assert claimed.state is State.CLAIMED
        assert claimed.assignee_id == (1 if results[0] else 2)
    finally:
        await first.db.close()
        await second.db.close()


async def test_ticket_lifecycle_keeps_exact_times(tmp_path: Path) -> None:
    tickets = await _database(tmp_path / "bot.sqlite3")
    try:
        ticket = await tickets.open(7, "uk", "перше", False, NOW)
        assert await tickets.queue_position(ticket.id) == 1
        await tickets.record_first_reply(ticket.id, NOW + dt.timedelta(minutes=5))
        await tickets.record_first_reply(ticket.id, NOW + dt.timedelta(minutes=9))
        assert await tickets.claim(ticket.id, 1, "Olena")
        assert await tickets.close(ticket.id, ClosedBy.STAFF, "done", NOW + dt.timedelta(hours=1))
        assert not await tickets.close(ticket.id, ClosedBy.STAFF, None, NOW)
        assert await tickets.rate(ticket.id, 7, 4)
        assert not await tickets.rate(ticket.id, 8, 1)  # someone else's ticket
        closed = await tickets.get(ticket.id)
        assert closed is not None
        assert closed.first_reply_at == NOW + dt.timedelta(minutes=5)
        assert closed.closed_at == NOW + dt.timedelta(hours=1)
        assert closed.rating == 4
        assert await tickets.reopen(ticket.id)
        reopened = await tickets.get(ticket.id)
        assert reopened is not None
        assert reopened.state is State.CLAIMED  # back to the assistant who had it
        assert reopened.closed_at is None
        assert reopened.first_reply_at == closed.first_reply_at
    finally:
        await tickets.db.close()


async def test_outbox_hands_over_to_pairs_atomically(tmp_path: Path) -> None:
    tickets = await _database(tmp_path / "bot.sqlite3")
    db = tickets.db
    try:
        ticket = await tickets.open(7, "uk", "q", False, NOW)
        outbox = Outbox(db)
        for message_id in (11, 12):
            await outbox.add(
                ticket_id=ticket.id,
                direction=Direction.TO_STAFF,
                from_chat_id=7,
                message_id=message_id,
                sender_id=7,
                media_group_id=None,
                reply_to_message_id=None,
                long_caption_html=None,
                now=NOW,
            )
        pending = await outbox.pending(Direction.TO_STAFF)
        assert [p.message_id for p in pending] == [11, 12]
        assert await outbox.pending(Direction.TO_RESIDENT) == []
        await outbox.delivered([Copied(pending[0], 501)], 7, NOW)
        assert [p.message_id for p in await outbox.pending(Direction.TO_STAFF)] == [12]
        pairs = MessagePairs(db)
        assert await pairs.staff_message(7, 11) == 501
        assert await pairs.resident_message(501) == (7, 11)
    finally:
        await db.close()


async def test_bans_outlive_forgetting(tmp_path: Path) -> None:
    tickets = await _database(tmp_path / "bot.sqlite3")
    db = tickets.db
    try:
        await tickets.open(7, "uk", "q", False, NOW)
        await Bans(db).ban(7, NOW)
        await Residents(db).forget(7)
        assert await tickets.latest(7) is None
        assert await Bans(db).is_banned(7)
    finally:
        await db.close()


def _ticket(question: str, **changes: Any) -> Ticket:
    base = Ticket(
        id=12,
        resident_id=7,
        language="uk",
        state=State.WAITING,
        question=question,
        urgent=False,
        assignee_id=None,
        assignee_name=None,
        card_message_id=None,
        opened_at=NOW,
        first_reply_at=None,
        closed_at=None,
        close_reason=None,
        closed_by=None,
        rating=None,
        rating_comment=None,
        introduced_staff_id=None,
    )
    return dataclasses.replace(base, **changes)


def test_topic_names_fit_telegram_and_show_state() -> None:
    name = staff_texts.topic_name(_ticket("Як продовжити тимчасовий захист " * 20))
    assert name.startswith("#12 🇺🇦 Як продовжити тимчасовий захист Як продовжити…")
    assert len(name) <= staff_texts.TOPIC_NAME_LIMIT
    assert staff_texts.topic_name(_ticket("x", state=State.CLOSED)).startswith("✅ #12")
    assert staff_texts.topic_name(_ticket("x", urgent=True)).startswith("🚨 #12")


def test_card_escapes_what_the_resident_wrote() -> None:
    card = staff_texts.card(
        _ticket("<b>hi</b> **bold** [link](https://evil.example)"), [], [], "uk", PRAGUE
    )
    html = to_html(card.text)
    assert "&lt;b&gt;hi&lt;/b&gt; **bold** [link](https://evil.example)" in html
    assert "<a " not in html
    labels = [button.action for row in card.buttons for button in row]
    assert labels == ["desk:claim:12", "desk:close:12"]
    claimed = staff_texts.card(
        _ticket("q", state=State.CLAIMED, assignee_name="Olena"), [], [], "uk", PRAGUE
    )
    assert [b.action for row in claimed.buttons for b in row] == ["desk:close:12"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("desk:claim:12", actions.StaffClaim(12)),
        ("desk:close:3", actions.StaffClose(3)),
        ("desk:claim:12:1", None),
        ("desk:delete:12", None),
        ("desk:claim:-1", None),
        ("desk:claim:١٢", None),  # Arabic-Indic digits are digits to str.isdigit
        ("home", None),
        (None, None),
    ],
)
def test_staff_button_data_is_validated(data: str | None, expected: object) -> None:
    assert actions.parse_staff(data) == expected
