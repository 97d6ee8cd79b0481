"""What residents do with suggestions is recorded for the unanswered report."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core import actions
from bot.core.conversation import Clock, Conversation
from bot.core.library import Library, LibraryHolder
from bot.handoff.hours import parse_working_hours
from bot.storage.database import connect

RESIDENT = 42
VAGUE = "pobyt"  # several residence articles fit: the bot suggests


@pytest.fixture
async def conversation(tmp_path: Path, bundled_library: Library) -> AsyncIterator[Conversation]:
    db = await connect(tmp_path / "bot.sqlite3")
    try:
        conversation = Conversation(
            LibraryHolder(bundled_library),
            db,
            parse_working_hours("Mon-Fri 08:00-16:00"),
            Clock(ZoneInfo("Europe/Prague")),
        )
        await conversation.language(RESIDENT, "cs")  # first contact stores the resident
        yield conversation
    finally:
        await db.close()


def rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        return db.execute(sql).fetchall()


async def suggest(conversation: Conversation) -> list[str]:
    replies = await conversation.on_text(RESIDENT, "cs", VAGUE)
    offered = [
        button.action.removeprefix("read:")
        for row in replies[-1].buttons
        for button in row
        if button.action.startswith("read:")
    ]
    assert len(offered) >= 2
    return offered


async def test_opening_a_suggested_article_marks_it_chosen(
    conversation: Conversation, tmp_path: Path
) -> None:
    offered = await suggest(conversation)
    await conversation.perform(RESIDENT, "cs", actions.Read(offered[1]))
    assert rows(tmp_path, "SELECT action, candidates, outcome FROM queries") == [
        ("suggest", " ".join(offered), "chosen")
    ]
    assert rows(tmp_path, "SELECT article, language FROM article_reads") == [(offered[1], "cs")]


async def test_asking_a_person_after_suggestions_marks_them_declined(
    conversation: Conversation, tmp_path: Path
) -> None:
    await suggest(conversation)
    await conversation.perform(RESIDENT, "cs", actions.AskPerson())
    assert rows(tmp_path, "SELECT outcome FROM queries") == [("declined",)]


async def test_an_unrelated_article_leaves_the_suggestion_open(
    conversation: Conversation, tmp_path: Path
) -> None:
    offered = await suggest(conversation)
    await conversation.perform(RESIDENT, "cs", actions.Read("emergency-numbers"))
    assert "emergency-numbers" not in offered
    assert rows(tmp_path, "SELECT outcome FROM queries") == [(None,)]


async def test_a_settled_suggestion_is_not_changed_again(
    conversation: Conversation, tmp_path: Path
) -> None:
    offered = await suggest(conversation)
    await conversation.perform(RESIDENT, "cs", actions.Read(offered[0]))
    await conversation.perform(RESIDENT, "cs", actions.AskPerson())
    assert rows(tmp_path, "SELECT outcome FROM queries") == [("chosen",)]


async def test_answers_keep_no_candidates(conversation: Conversation, tmp_path: Path) -> None:
    await conversation.on_text(RESIDENT, "uk", "номер швидкої?")
    assert rows(tmp_path, "SELECT action, candidates, outcome FROM queries") == [
        ("answer", None, None)
    ]
