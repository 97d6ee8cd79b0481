"""Editors in Telegram: content reloads without restart, errors to admins, /stats."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.conversation import utc_now
from bot.reports.chart import charts_available
from bot.storage.database import connect
from tests.telegram_harness import RunningBot, running_bot

ADMIN = 9001
RESIDENT = 501
ADDRESS_CS = "cs/residence/address-change-reporting.yaml"
WATCH = 0.05  # seconds between looks at the content files


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.02)


def edit(content_dir: Path, relative: str, old: str, new: str) -> None:
    path = content_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def admin_texts(bot: RunningBot) -> list[str]:
    return bot.texts_to(ADMIN)


async def test_a_valid_change_is_served_without_restart(tmp_path: Path, content_dir: Path) -> None:
    async with running_bot(
        tmp_path / "bot.sqlite3",
        content_dir=content_dir,
        admin_user_ids={ADMIN},
        content_watch_seconds=WATCH,
    ) as bot:
        before = await bot.reply_to(RESIDENT, "stěhování", language_code="cs")
        assert "Hlášení změny adresy" not in before.params["text"]
        old = bot.services.library.current
        edit(content_dir, ADDRESS_CS, "  - nové bydliště", "  - nové bydliště\n  - stěhování")
        await until(lambda: bot.services.library.current is not old)
        after = await bot.reply_to(RESIDENT, "stěhování", language_code="cs")
        assert after.params["text"].startswith("<b>Hlášení změny adresy</b>")
        await bot.api.idle()
        assert admin_texts(bot) == []  # a routine valid change needs no message
        assert bot.api.violations == []


async def test_a_broken_file_keeps_the_old_content_and_tells_the_admins(
    tmp_path: Path, content_dir: Path
) -> None:
    async with running_bot(
        tmp_path / "bot.sqlite3",
        content_dir=content_dir,
        admin_user_ids={ADMIN},
        content_watch_seconds=WATCH,
    ) as bot:
        served = bot.services.library.current
        edit(content_dir, ADDRESS_CS, "title: Hlášení změny adresy", "title: [Hlášení")
        edit(content_dir, "en/safety/emergency-numbers.yaml", "keywords:", "keywords: 7\nx: 1")
        alert = await bot.api.wait_for(
            lambda c: c.method == "sendMessage" and c.params["chat_id"] == ADMIN
        )
        text = alert.params["text"]
        # Admins have no stored language: Czech, the editors' language.
        assert text.startswith("Nový obsah má 4 chyby. Obyvatelé dál dostávají předchozí verzi.")
        assert "• content/cs/residence/address-change-reporting.yaml:4: YAML syntax" in text
        assert "• content/en/safety/emergency-numbers.yaml:9: 'keywords' must be a list" in text
        assert "• content/en/safety/emergency-numbers.yaml:10: unknown field 'x'" in text
        assert bot.services.library.current is served
        answer = await bot.reply_to(RESIDENT, "změna adresy", language_code="cs")
        assert answer.params["text"].startswith("<b>Hlášení změny adresy</b>")

        # Saving the same mistakes again is not reported twice; the fix is.
        path = content_dir / ADDRESS_CS
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await until(lambda: bot.services.reloader.last is not None and len(admin_texts(bot)) == 1)
        edit(content_dir, ADDRESS_CS, "title: [Hlášení", "title: Hlášení změny adresy")
        edit(content_dir, "en/safety/emergency-numbers.yaml", "keywords: 7\nx: 1", "keywords:")
        await until(lambda: len(admin_texts(bot)) >= 2)
        assert admin_texts(bot) == [text, "Obsah je znovu načten: 3 články."]
        assert bot.services.library.current is not served
        assert bot.api.violations == []


async def test_reload_command_answers_admins_only(tmp_path: Path, content_dir: Path) -> None:
    async with running_bot(
        tmp_path / "bot.sqlite3",
        content_dir=content_dir,
        admin_user_ids={ADMIN},
        content_watch_seconds=0,
    ) as bot:
        served = bot.services.library.current
        bot.api.send_text(RESIDENT, "/reload", language_code="en")
        bot.api.send_text(RESIDENT, "/stats", language_code="en")
        await bot.api.idle()
        assert bot.texts_to(RESIDENT) == []
        assert bot.services.reloader.last is None
        assert bot.services.library.current is served

        edit(content_dir, ADDRESS_CS, "  - nové bydliště", "  - nové bydliště\n  - stěhování")
        reply = await bot.reply_to(ADMIN, "/reload", language_code="en")
        assert reply.params["text"] == "Content reloaded: 3 articles."
        assert bot.services.library.current is not served

        edit(content_dir, ADDRESS_CS, "title: Hlášení změny adresy", "title:")
        reply = await bot.reply_to(ADMIN, "/reload", language_code="uk")
        assert reply.params["text"].startswith(
            "У новому вмісті 1 помилка. Мешканці й далі отримують попередню версію."
        )
        assert (
            "• content/cs/residence/address-change-reporting.yaml:3: 'title' must be non-empty text"
            in reply.params["text"]
        )
        assert bot.api.violations == []


async def test_a_reload_during_a_burst_of_questions_drops_none(
    tmp_path: Path, content_dir: Path
) -> None:
    residents = range(1000, 1040)
    async with running_bot(
        tmp_path / "bot.sqlite3",
        content_dir=content_dir,
        admin_user_ids={ADMIN},
        content_watch_seconds=WATCH,
    ) as bot:
        old = bot.services.library.current
        for n, resident in enumerate(residents):
            bot.api.send_text(resident, "změna adresy", language_code="cs")
            if n == 10:
                edit(
                    content_dir,
                    ADDRESS_CS,
                    "  - nové bydliště",
                    "  - nové bydliště\n  - stěhování",
                )
            if n == 20:
                bot.api.send_text(ADMIN, "/reload", language_code="en")
        await until(lambda: all(bot.texts_to(r) for r in residents) and bool(admin_texts(bot)), 20)
        await bot.api.idle()
        for resident in residents:
            answers = bot.texts_to(resident)
            assert len(answers) == 1
            assert answers[0].startswith("<b>Hlášení změny adresy</b>")
        assert admin_texts(bot) == ["Content reloaded: 3 articles."]
        assert bot.services.library.current is not old
        assert bot.api.violations == []


async def _database_with_activity(path: Path) -> None:
    db = await connect(path)
    now = utc_now()
    try:
        await db.execute(
            "INSERT INTO residents (id, language, created_at, updated_at) VALUES (?, 'uk', ?, ?)",
            (RESIDENT, now.isoformat(), now.isoformat()),
        )
        for action, hours_ago in (("answer", 1), ("answer", 2), ("handoff", 3), ("suggest", 30)):
            await db.execute(
                "INSERT INTO queries (resident_id, language, text, action, score, urgent,"
                " created_at) VALUES (?, 'uk', 'q', ?, 50, 0, ?)",
                (RESIDENT, action, (now - dt.timedelta(hours=hours_ago)).isoformat()),
            )
        await db.execute(
            "INSERT INTO tickets (resident_id, language, state, question, opened_at, rating)"
            " VALUES (?, 'uk', 'waiting', 'q', ?, 4)",
            (RESIDENT, (now - dt.timedelta(hours=3)).isoformat()),
        )
    finally:
        await db.close()


async def test_stats_sends_the_summary_and_the_chart(tmp_path: Path) -> None:
    await _database_with_activity(tmp_path / "bot.sqlite3")
    async with running_bot(tmp_path / "bot.sqlite3", admin_user_ids={ADMIN}) as bot:
        summary = await bot.reply_to(ADMIN, "/stats 7d", language_code="en")
        lines = summary.params["text"].split("\n")
        assert lines[0].startswith("📊 <b>Statistics for ")
        assert lines[1:5] == [
            "Questions: 4 (cs 0, en 0, uk 4)",
            "Answered 50%, suggestions 25%, passed to a person 25%",
            "Tickets: 1 opened, 0 closed",
            "Median time to the first reply: –; to close: – (working hours)",
        ]
        assert lines[5] == "Average rating: 4 of 5 from 1 rating"
        if charts_available():  # installed by the test command; the summary works without
            photo = await bot.api.wait_for(lambda c: c.method == "sendPhoto")
            assert photo.params["chat_id"] == ADMIN
            assert photo.params["caption"].startswith("Questions per day by language")
        bad = await bot.reply_to(ADMIN, "/stats soon", language_code="cs")
        assert bad.params["text"] == "Napište /stats, /stats 7d nebo /stats 2026-11-01."
        assert bot.api.violations == []
