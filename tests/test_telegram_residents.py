"""Residents in Telegram, end to end: the real Application over HTTP against the fake."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.telegram_harness import RunningBot, running_bot

RESIDENT = 501


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path / "bot.sqlite3") as running:
        yield running
        assert running.api.violations == []


def buttons(call_params: dict[str, object]) -> list[tuple[str, str]]:
    markup = call_params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@pytest.mark.parametrize(
    ("code", "greeting", "menu_item"),
    [
        ("uk", "Вітаю!", "Перебування і документи"),
        ("ru", "Вітаю!", "Перебування і документи"),
        ("cs", "Dobrý den!", "Pobyt a doklady"),
        ("sk", "Dobrý den!", "Pobyt a doklady"),
        ("en", "Hello!", "Residence and documents"),
        ("de", "Hello!", "Residence and documents"),
    ],
)
async def test_start_greets_in_the_residents_language_with_the_menu(
    bot: RunningBot, code: str, greeting: str, menu_item: str
) -> None:
    bot.api.send_text(RESIDENT, "/start", language_code=code)
    calls = await bot.api.wait_for_calls("sendMessage", 2)
    assert calls[0].params["text"].startswith(greeting)
    assert any(menu_item in label for label, _ in buttons(calls[1].params))


async def test_commands_are_published_per_language(bot: RunningBot) -> None:
    published = {
        call.params.get("language_code"): {
            c["command"]: c["description"] for c in call.params["commands"]
        }
        for call in bot.api.calls_to("setMyCommands")
    }
    assert set(published) >= {"cs", "sk", "uk", "ru", "en", None}
    assert published["uk"]["forget"] == "Видалити мої дані"
    assert published["cs"]["assistant"] == "Zeptat se člověka"
    assert set(published[None]) == {
        "start", "menu", "assistant", "cancel", "language", "help", "forget",
        "subscribe", "unsubscribe", "district",
    }  # fmt: skip


async def test_deep_link_opens_the_article(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "/start emergency-numbers", language_code="en")
    assert call.params["text"].startswith("<b>Emergency numbers</b>")
    assert call.params["parse_mode"] == "HTML"


async def test_menu_navigation_edits_the_same_message(bot: RunningBot) -> None:
    menu = await bot.reply_to(RESIDENT, "/menu", language_code="en")
    message_id = next(
        m
        for m in range(1, 10)
        if (bot.api.message(RESIDENT, m) or {}).get("text", "").startswith("Choose a topic")
    )
    area = next(data for _, data in buttons(menu.params) if data == "area:safety")
    bot.api.press_button(RESIDENT, message_id, area)
    edit = await bot.api.wait_for(lambda c: c.method == "editMessageText")
    assert edit.params["message_id"] == message_id
    labels = [label for label, _ in buttons(edit.params)]
    assert "Emergency numbers" in labels
    assert "🏠 Menu" in labels
    bot.api.press_button(RESIDENT, message_id, "read:emergency-numbers")
    article = await bot.api.wait_for(
        lambda c: c.method == "editMessageText" and "112" in c.params["text"]
    )
    assert article.params["message_id"] == message_id
    bot.api.press_button(RESIDENT, message_id, "home")
    await bot.api.wait_for(
        lambda c: c.method == "editMessageText" and c.params["text"] == "Choose a topic:"
    )


async def test_question_gets_the_article_with_date_sources_and_buttons(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "номер швидкої допомоги?", language_code="uk")
    text = call.params["text"]
    assert text.startswith("<b>Екстрені номери</b>")
    assert "Оновлено 21 листопада 2026\u202fр." in text
    assert "Джерела:" in text
    labels = [label for label, _ in buttons(call.params)]
    assert {"👍", "👎", "💬 Запитати людину", "🏠 Меню"} <= set(labels)


async def test_same_question_answered_in_czech_interface(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "ambulance number", language_code="cs")
    assert call.params["text"].startswith("<b>Tísňová čísla</b>")
    assert "Aktualizováno 21. listopadu 2026" in call.params["text"]


async def test_ambiguous_question_offers_candidates_and_a_person(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "pobyt", language_code="en")
    assert call.params["text"].startswith("Did you mean one of these")
    data = [d for _, d in buttons(call.params)]
    assert data[-1] == "person"
    assert all(d.startswith("read:") for d in data[:-1])


async def test_unanswered_question_offers_assistant(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "як зварити борщ з пампушками", language_code="uk")
    assert "Передати ваше запитання асистентові?" in call.params["text"]
    assert ("💬 Так, запитати людину", "person") in buttons(call.params)


async def test_question_the_editors_marked_out_of_scope_offers_assistant(bot: RunningBot) -> None:
    # "residence permit" alone would bring the Czech articles; in Poland it is not ours.
    call = await bot.reply_to(
        RESIDENT, "how to get a residence permit in Poland", language_code="en"
    )
    assert "Shall I pass your question to a human assistant?" in call.params["text"]
    assert ("💬 Yes, ask a person", "person") in buttons(call.params)


async def test_urgent_message_shows_emergency_numbers_first(bot: RunningBot) -> None:
    call = await bot.reply_to(RESIDENT, "чоловік мене б'є і погрожує вбити", language_code="uk")
    assert call.params["text"].startswith("🚨 <b>Екстрені номери</b>")
    assert "112" in call.params["text"]


async def test_language_change_is_stored(bot: RunningBot, tmp_path: Path) -> None:
    await bot.reply_to(RESIDENT, "/language", language_code="uk")
    message_id = max(m for m in range(1, 20) if bot.api.message(RESIDENT, m))
    bot.api.press_button(RESIDENT, message_id, "lang:cs")
    confirmation = await bot.api.wait_for(
        lambda c: c.method == "sendMessage" and "češtinu" in c.params["text"]
    )
    assert confirmation.params["chat_id"] == RESIDENT
    await bot.api.wait_for(lambda c: str(c.params.get("text", "")).startswith("Vyberte téma"))
    later = await bot.reply_to(RESIDENT, "/help", language_code="uk")
    assert later.params["text"].startswith("Napište otázku")


async def test_forget_deletes_everything_after_confirmation(
    bot: RunningBot, tmp_path: Path
) -> None:
    await bot.reply_to(RESIDENT, "номер швидкої?", language_code="uk")
    ask = await bot.reply_to(RESIDENT, "/forget", language_code="uk")
    assert ("🗑 Так, видалити все", "forget") in buttons(ask.params)
    message_id = max(m for m in range(1, 30) if bot.api.message(RESIDENT, m))
    bot.api.press_button(RESIDENT, message_id, "forget")
    await bot.api.wait_for(lambda c: "видалено" in str(c.params.get("text", "")))
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        for table in ("residents", "queries", "feedback", "handoff_requests"):
            column = "id" if table == "residents" else "resident_id"
            count = db.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (RESIDENT,)
            ).fetchone()
            assert count == (0,), table


async def test_thumbs_down_asks_what_was_missing_and_stores_the_comment(
    bot: RunningBot, tmp_path: Path
) -> None:
    await bot.reply_to(RESIDENT, "номер швидкої?", language_code="en")
    article_id = max(m for m in range(1, 20) if bot.api.message(RESIDENT, m))
    bot.api.press_button(RESIDENT, article_id, "fb:-:emergency-numbers")
    prompt = await bot.api.wait_for(lambda c: "What was missing?" in str(c.params.get("text", "")))
    assert prompt.params["reply_markup"]["force_reply"] is True
    prompt_id = max(m for m in range(1, 30) if bot.api.message(RESIDENT, m))
    call = await bot.reply_to(RESIDENT, "number for gas leaks", reply_to_message_id=prompt_id)
    assert "editors will read it" in call.params["text"]
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        rows = db.execute("SELECT article, helpful, comment FROM feedback").fetchall()
    assert rows == [("emergency-numbers", 0, "number for gas leaks")]


@pytest.mark.parametrize(
    "fields",
    [
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "u1",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
        {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
        {"contact": {"phone_number": "+420123456789", "first_name": "Ivan"}},
    ],
    ids=["sticker", "photo", "voice", "contact"],
)
async def test_non_text_messages_get_a_helpful_answer(
    bot: RunningBot, fields: dict[str, object]
) -> None:
    bot.api.send_message(RESIDENT, language_code="uk", **fields)  # type: ignore[arg-type]
    call = await bot.api.wait_for(lambda c: c.method == "sendMessage")
    assert call.params["text"].startswith("Я розумію лише текст.")


async def test_shared_location_is_answered(bot: RunningBot) -> None:
    bot.api.send_message(
        RESIDENT, language_code="en", location={"latitude": 49.7475, "longitude": 13.3776}
    )
    call = await bot.api.wait_for(lambda c: c.method == "sendMessage")
    assert "offices" in call.params["text"]


@pytest.mark.parametrize(
    "data",
    [
        "read:no-such-article",
        "area:nowhere",
        "sec:99:emergency-numbers",
        "x" * 64,
        "fb:?:emergency-numbers",
    ],
)
async def test_stale_or_forged_buttons_are_answered_politely(bot: RunningBot, data: str) -> None:
    await bot.reply_to(RESIDENT, "/menu", language_code="en")
    bot.api.press_button(RESIDENT, 2, data, require_button=False)
    call = await bot.api.wait_for(
        lambda c: c.method == "sendMessage" and "expired" in c.params["text"]
    )
    assert call.params["chat_id"] == RESIDENT
    assert bot.api.calls_to("answerCallbackQuery")


async def test_resident_who_blocks_the_bot_is_marked_inactive(
    bot: RunningBot, tmp_path: Path
) -> None:
    await bot.reply_to(RESIDENT, "/start", language_code="uk")
    bot.api.member_update(RESIDENT, "kicked")
    await bot.api.idle()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT active FROM residents WHERE id = ?", (RESIDENT,)).fetchone() == (
            0,
        )


async def test_403_on_send_marks_the_resident_inactive(bot: RunningBot, tmp_path: Path) -> None:
    await bot.reply_to(RESIDENT, "/help", language_code="uk")
    bot.api.fail_next("sendMessage", status=403, times=5)
    bot.api.send_text(RESIDENT, "номер швидкої?")
    await bot.api.wait_for(lambda c: c.failed_with == 403)
    await bot.api.idle()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT active FROM residents WHERE id = ?", (RESIDENT,)).fetchone() == (
            0,
        )


async def test_429_is_waited_out_and_the_reply_arrives(bot: RunningBot) -> None:
    bot.api.fail_next("sendMessage", status=429, retry_after=1)
    call = await bot.reply_to(RESIDENT, "номер швидкої?", language_code="uk")
    failed = [c for c in bot.api.calls_to("sendMessage") if c.failed_with == 429]
    assert len(failed) == 1
    assert call.failed_with is None or call is failed[0]
    delivered = await bot.api.wait_for(
        lambda c: c.method == "sendMessage" and c.failed_with is None and "112" in c.params["text"]
    )
    assert delivered.at - failed[0].at >= 0.9


async def test_server_error_and_timeout_do_not_stop_the_bot(bot: RunningBot) -> None:
    bot.api.fail_next("sendMessage", status=502)
    bot.api.send_text(RESIDENT, "номер швидкої?")
    await bot.api.wait_for(lambda c: c.failed_with == 502)
    # A 502 never reached the chat: the answer is sent again and arrives.
    retried = await bot.api.wait_for(
        lambda c: c.method == "sendMessage" and c.failed_with is None, timeout=10
    )
    assert "112" in retried.params["text"]
    bot.api.delay_next("sendMessage", 8)  # longer than the client's write/read timeout
    bot.api.send_text(RESIDENT, "hello")
    await bot.api.idle(quiet=0.5, timeout=20)
    after = await bot.reply_to(RESIDENT, "/help")
    assert after.params["text"].startswith("Напишіть запитання")


async def test_a_flooding_resident_gets_one_notice_not_twenty_answers(bot: RunningBot) -> None:
    for n in range(30):
        bot.api.send_text(RESIDENT, f"номер швидкої {n}", language_code="uk")
    await bot.api.idle(quiet=0.5, timeout=20)
    texts = bot.api.sent_texts(RESIDENT)
    notices = [t for t in texts if "швидше, ніж я встигаю" in t]
    assert len(notices) == 1
    assert len(texts) == 20 + 1  # twenty answers, one notice, nothing more


async def test_a_locked_database_gets_an_apology_and_the_bot_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.storage.database.BUSY_TIMEOUT_MS", 200)
    database = tmp_path / "bot.sqlite3"
    async with running_bot(database) as running:
        running.api.send_text(RESIDENT, "/start", language_code="uk")
        await running.api.wait_for(lambda c: "Оберіть тему" in str(c.params.get("text")))
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
        try:
            apology = await running.reply_to(RESIDENT, "номер швидкої?")
            assert "щось пішло не так" in apology.params["text"]
        finally:
            other.execute("ROLLBACK")
            other.close()
        answer = await running.reply_to(RESIDENT, "номер швидкої?")
        assert "155" in answer.params["text"]
        assert running.api.violations == []


async def test_a_full_disk_gets_an_apology_keeps_what_is_stored_and_recovers(
    bot: RunningBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot.reply_to(RESIDENT, "номер швидкої?", language_code="uk")
    real_execute = bot.services.db.execute

    def full_disk(sql: str, *args: object) -> object:
        if sql.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")
        return real_execute(sql, *args)

    monkeypatch.setattr(bot.services.db, "execute", full_disk)
    apology = await bot.reply_to(RESIDENT, "телефон поліції")
    assert "щось пішло не так" in apology.params["text"]
    monkeypatch.undo()  # space is back
    answer = await bot.reply_to(RESIDENT, "телефон поліції")
    assert "158" in answer.params["text"]
    with sqlite3.connect(tmp_path / "bot.sqlite3") as check:
        texts = [row[0] for row in check.execute("SELECT text FROM queries ORDER BY id")]
    assert texts == ["номер швидкої?", "телефон поліції"]  # nothing stored before was lost
