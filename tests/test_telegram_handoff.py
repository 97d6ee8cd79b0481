"""The human handoff end to end: residents, the staff forum and the bot between them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.conversation import Clock
from tests.fakebotapi import FakeBotApi
from tests.telegram_harness import RunningBot, running_bot

STAFF = -1009000
RESIDENT = 501
OLENA = 900
PETRO = 901
PRAGUE = ZoneInfo("Europe/Prague")
MONDAY_MORNING = dt.datetime(2026, 11, 23, 10, 0, tzinfo=PRAGUE)
QUESTION = "/assistant Орендодавець не повертає заставу за квартиру"


class Now:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.value = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += dt.timedelta(**delta)


@pytest.fixture
def now() -> Now:
    return Now(MONDAY_MORNING)


@pytest.fixture
async def bot(tmp_path: Path, now: Now) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path / "bot.sqlite3", staff_chat_id=STAFF) as running:
        running.services.conversation.clock = Clock(PRAGUE, now)
        yield running
        assert running.api.violations == []


def ticket_row(tmp_path: Path, ticket_id: int = 1) -> dict[str, Any]:
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    return dict(row) if row else {}


def topic(api: FakeBotApi) -> int:
    threads = list(api.forum_topics.get(STAFF, {}))
    assert threads, "no topic was created"
    return threads[-1]


def card(api: FakeBotApi, thread: int) -> dict[str, Any]:
    return next(
        m
        for m in api.messages_in(STAFF, thread)
        if "reply_markup" in m
        or "Ticket" in str(m.get("text"))
        or "Звернення" in str(m.get("text"))
    )


async def open_ticket(bot: RunningBot, text: str = QUESTION) -> int:
    start = len(bot.api.calls)
    bot.api.send_text(RESIDENT, text, language_code="uk")
    await bot.api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.params["chat_id"] == RESIDENT
            and "асистент" in c.params["text"]
        ),
        since=start,
    )
    return topic(bot.api)


async def staff_says(bot: RunningBot, thread: int, text: str, user: int = OLENA) -> None:
    bot.api.send_text(user, text, chat_id=STAFF, message_thread_id=thread, first_name="Olena")


async def copied_to(bot: RunningBot, chat_id: int, since: int = 0) -> dict[str, Any]:
    call = await bot.api.wait_for(
        lambda c: (
            c.method in ("copyMessage", "copyMessages")
            and c.params["chat_id"] == chat_id
            and c.failed_with is None
        ),
        since=since,
    )
    return call.params


async def test_full_ticket_from_question_to_rating(
    bot: RunningBot, tmp_path: Path, now: Now
) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    ack = api.sent_texts(RESIDENT)[-1]
    assert "№1" in ack
    assert "1-і в черзі" in ack
    assert "Зараз вони на роботі" in ack
    name = api.forum_topics[STAFF][thread]
    assert name.startswith("#1 🇺🇦 Орендодавець не повертає")
    first = card(api, thread)
    assert "Орендодавець не повертає заставу" in first["text"]
    assert [b["callback_data"] for b in first["reply_markup"]["inline_keyboard"][0]] == [
        "desk:claim:1",
        "desk:close:1",
    ]

    api.press_button(OLENA, first["message_id"], "desk:claim:1", chat_id=STAFF)
    await api.wait_for(lambda c: c.method == "editMessageText" and "Взяв" in c.params["text"])
    assert ticket_row(tmp_path)["state"] == "claimed"

    api.send_text(OLENA, "/name Олена", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(lambda c: "Мешканці бачитимуть вас як: Олена" in str(c.params.get("text")))
    now.advance(minutes=7)
    start = len(api.calls)
    await staff_says(bot, thread, "Добрий день! Чи є у вас договір оренди?")
    copy = await copied_to(bot, RESIDENT, since=start)
    header = [t for t in api.sent_texts(RESIDENT) if "Олена" in t]
    assert header == ["💬 Олена, асистент:"]
    staff_copy = max(m["message_id"] for m in api.messages_in(RESIDENT))
    assert api.message(RESIDENT, staff_copy)["text"] == "Добрий день! Чи є у вас договір оренди?"  # type: ignore[index]
    assert copy["from_chat_id"] == STAFF

    # The resident answers the copy; the staff see it as an answer to their message.
    start = len(api.calls)
    api.send_text(RESIDENT, "Так, є договір на рік", reply_to_message_id=staff_copy)
    relayed = await copied_to(bot, STAFF, since=start)
    assert relayed["message_thread_id"] == thread
    staff_original = max(
        m["message_id"]
        for m in api.messages_in(STAFF, thread)
        if m.get("text", "").startswith("Добрий")
    )
    assert relayed["reply_parameters"]["message_id"] == staff_original

    # A photo and an album arrive as media; the album stays one album.
    start = len(api.calls)
    api.send_message(
        RESIDENT,
        photo=[{"file_id": "p1", "file_unique_id": "u1", "width": 9, "height": 9}],
        caption="договір",
    )
    await copied_to(bot, STAFF, since=start)
    start = len(api.calls)
    for n in (1, 2):
        api.send_message(
            RESIDENT,
            media_group_id="album7",
            photo=[{"file_id": f"a{n}", "file_unique_id": f"ua{n}", "width": 9, "height": 9}],
        )
    album = await api.wait_for(
        lambda c: c.method == "copyMessages" and c.failed_with is None, since=start
    )
    assert len(album.params["message_ids"]) == 2

    # An edit by the resident changes the staff's copy.
    typo = api.send_text(RESIDENT, "Застава 20 000 крон")
    await api.wait_for(
        lambda c: (
            c.method == "copyMessage"
            and c.params.get("message_id") == _last_id(api, RESIDENT, "Застава")
        )
    )
    api.push_update(
        {
            "edited_message": dict(
                api.message(RESIDENT, _last_id(api, RESIDENT, "Застава")) or {},
                text="Застава 30 000 крон",
                edit_date=1,
            )
        }
    )
    edit = await api.wait_for(
        lambda c: (
            c.method == "editMessageText"
            and c.params["chat_id"] == STAFF
            and "30 000" in c.params["text"]
        )
    )
    assert edit.params["message_id"] != _last_id(api, RESIDENT, "Застава")
    del typo

    # Notes stay in the staff chat; articles go to the resident in their language.
    start = len(api.calls)
    api.send_text(OLENA, "/note перевірити договір", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(lambda c: c.method == "setMessageReaction", since=start)
    api.send_text(OLENA, "/article housing", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.params["chat_id"] == RESIDENT
            and "Житло" in c.params["text"]
        ),
        since=start,
    )
    assert not any(
        "перевірити договір" in str(c.params)
        for c in api.calls[start:]
        if c.params.get("chat_id") == RESIDENT
    )

    now.advance(minutes=30)
    start = len(api.calls)
    api.send_text(OLENA, "/close порада надана", chat_id=STAFF, message_thread_id=thread)
    rating = await api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.params["chat_id"] == RESIDENT
            and "№1" in c.params["text"]
        ),
        since=start,
    )
    stars = [
        b["callback_data"] for row in rating.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert stars == [f"rate:1:{n}" for n in range(1, 6)]
    await api.wait_for(
        lambda c: c.method == "editForumTopic" and c.params["name"].startswith("✅ #1")
    )
    rating_message = _last_id(api, RESIDENT, "№1")
    api.press_button(RESIDENT, rating_message, "rate:1:5")
    prompt = await api.wait_for(
        lambda c: c.method == "sendMessage" and "коментар" in c.params["text"]
    )
    assert prompt.params["reply_markup"]["force_reply"] is True
    api.send_text(
        RESIDENT, "Дуже допомогли, дякую", reply_to_message_id=_last_id(api, RESIDENT, "коментар")
    )
    await api.wait_for(lambda c: "Коментар людини: Дуже допомогли" in str(c.params.get("text")))

    row = ticket_row(tmp_path)
    assert row["state"] == "closed"
    assert row["closed_by"] == "staff"
    assert row["close_reason"] == "порада надана"
    assert row["rating"] == 5
    assert row["rating_comment"] == "Дуже допомогли, дякую"
    opened = dt.datetime.fromisoformat(row["opened_at"])
    assert dt.datetime.fromisoformat(row["first_reply_at"]) - opened == dt.timedelta(minutes=7)
    assert dt.datetime.fromisoformat(row["closed_at"]) - opened == dt.timedelta(minutes=37)
    assert row["assignee_id"] == OLENA


def _last_id(api: FakeBotApi, chat_id: int, fragment: str) -> int:
    return max(
        int(m["message_id"]) for m in api.messages_in(chat_id) if fragment in (m.get("text") or "")
    )


async def test_writing_again_within_a_day_reopens_the_same_ticket(
    bot: RunningBot, tmp_path: Path, now: Now
) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    api.send_text(OLENA, "/close", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.params["chat_id"] == RESIDENT
            and "закрив" in c.params["text"]
        )
    )
    now.advance(hours=23)
    start = len(api.calls)
    api.send_text(RESIDENT, "Ще одне питання про заставу")
    relayed = await copied_to(bot, STAFF, since=start)
    assert relayed["message_thread_id"] == thread
    assert ticket_row(tmp_path)["state"] == "waiting"
    assert ticket_row(tmp_path, 2) == {}
    assert "знову відкрито" in " ".join(api.sent_texts(STAFF))
    # After 24 hours a new question is the bot's again.
    start = len(api.calls)
    api.send_text(OLENA, "/close", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(
        lambda c: c.method == "sendMessage" and "закрив" in str(c.params.get("text")),
        since=start,
    )
    now.advance(hours=25)
    reply = await bot.reply_to(RESIDENT, "номер швидкої допомоги")
    assert "155" in reply.params["text"]


async def test_resident_cancels_a_waiting_ticket(bot: RunningBot, tmp_path: Path) -> None:
    thread = await open_ticket(bot)
    reply = await bot.reply_to(RESIDENT, "/cancel")
    assert "скасовано" in reply.params["text"]
    await bot.api.wait_for(
        lambda c: (
            c.params.get("message_thread_id") == thread
            and "скасувала" in str(c.params.get("text"))
        )
    )
    assert ticket_row(tmp_path)["closed_by"] == "resident"
    again = await bot.reply_to(RESIDENT, "/cancel")
    assert "немає відкритого" in again.params["text"]


async def test_outside_working_hours_the_resident_learns_when_assistants_are_back(
    bot: RunningBot, now: Now
) -> None:
    now.value = dt.datetime(2026, 11, 28, 20, 0, tzinfo=PRAGUE).astimezone(dt.UTC)  # Saturday
    await open_ticket(bot)
    assert "понеділок 8:00" in bot.api.sent_texts(RESIDENT)[-1]


async def test_two_assistants_claiming_at_once_one_wins(bot: RunningBot, tmp_path: Path) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    card_id = card(api, thread)["message_id"]
    api.press_button(OLENA, card_id, "desk:claim:1", chat_id=STAFF)
    api.press_button(PETRO, card_id, "desk:claim:1", chat_id=STAFF)
    await api.wait_for_calls("answerCallbackQuery", 2)
    answers = [c.params for c in api.calls_to("answerCallbackQuery")]
    alerts = [a for a in answers if a.get("show_alert")]
    assert len(alerts) == 1
    assert "уже взяв" in alerts[0]["text"]
    assert ticket_row(tmp_path)["assignee_id"] in (OLENA, PETRO)


async def test_ticket_and_topic_survive_a_restart(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with FakeBotApi() as api:
        async with running_bot(database, api, staff_chat_id=STAFF) as first:
            thread = await open_ticket(first)
        # While the bot is down the resident keeps writing.
        for n in range(1, 4):
            api.send_text(RESIDENT, f"повідомлення {n}")
        async with running_bot(database, api, staff_chat_id=STAFF) as second:
            await api.wait_for_calls("copyMessage", 3)
            copied = [c.params for c in api.calls_to("copyMessage")]
            assert {c["message_thread_id"] for c in copied} == {thread}
            texts = [api.message(STAFF, m["message_id"]) for m in api.messages_in(STAFF, thread)]
            relayed = [
                t["text"] for t in texts if t and t.get("text", "").startswith("повідомлення")
            ]
            assert relayed == ["повідомлення 1", "повідомлення 2", "повідомлення 3"]
            assert len(api.calls_to("createForumTopic")) == 1
            assert second.api.violations == []


async def test_a_deleted_topic_is_recreated_with_its_card(bot: RunningBot) -> None:
    api = bot.api
    old = await open_ticket(bot)
    api.delete_topic(STAFF, old)
    start = len(api.calls)
    api.send_text(RESIDENT, "Ви мене чуєте?")
    relayed = await copied_to(bot, STAFF, since=start)
    new = topic(api)
    assert new != old
    assert relayed["message_thread_id"] == new
    assert any("Орендодавець" in (m.get("text") or "") for m in api.messages_in(STAFF, new))


async def test_a_resident_who_blocks_the_bot_has_the_ticket_closed(
    bot: RunningBot, tmp_path: Path
) -> None:
    thread = await open_ticket(bot)
    bot.api.member_update(RESIDENT, "kicked")
    await bot.api.wait_for(
        lambda c: (
            c.params.get("message_thread_id") == thread
            and "заблокувала" in str(c.params.get("text"))
        )
    )
    assert ticket_row(tmp_path)["closed_by"] == "blocked"


async def test_a_block_noticed_on_relay_closes_the_ticket(bot: RunningBot, tmp_path: Path) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    api.fail_next("copyMessage", status=403)
    await staff_says(bot, thread, "Добрий день")
    await api.wait_for(lambda c: "заблокувала" in str(c.params.get("text")))
    assert ticket_row(tmp_path)["state"] == "closed"


async def test_a_banned_resident_is_told_politely_and_not_relayed(bot: RunningBot) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    api.send_text(OLENA, "/ban", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(lambda c: "заблоковано" in str(c.params.get("text")))
    reply = await bot.reply_to(RESIDENT, "чому мені ніхто не відповідає")
    assert "недоступна" in reply.params["text"]
    again = await bot.reply_to(RESIDENT, "/assistant ну будь ласка")
    assert "недоступна" in again.params["text"]
    assert not any(c.params.get("chat_id") == STAFF for c in api.calls_to("copyMessage"))
    api.send_text(OLENA, "/unban", chat_id=STAFF, message_thread_id=thread)
    await api.wait_for(lambda c: "Блокування знято" in str(c.params.get("text")))


async def test_outsiders_cannot_act_as_staff(bot: RunningBot, tmp_path: Path) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    outsider = 666
    api.chat_members[(STAFF, outsider)] = "left"
    start = len(api.calls)
    api.send_text(outsider, "/claim", chat_id=STAFF, message_thread_id=thread)
    api.send_text(outsider, "я теж хочу написати", chat_id=STAFF, message_thread_id=thread)
    api.press_button(outsider, card(api, thread)["message_id"], "desk:close:1", chat_id=STAFF)
    # In private chat staff commands mean nothing either.
    api.send_text(RESIDENT, "/claim")
    await api.idle(quiet=0.3)
    assert ticket_row(tmp_path)["state"] == "waiting"
    assert not [c for c in api.calls[start:] if c.method in ("copyMessage", "editMessageText")]


async def test_urgent_messages_get_emergency_numbers_during_a_ticket(
    bot: RunningBot, tmp_path: Path
) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    reply = await bot.reply_to(RESIDENT, "він мене б'є, я боюся")
    assert "112" in reply.params["text"]
    await copied_to(bot, STAFF)
    await api.wait_for(
        lambda c: (
            c.params.get("message_thread_id") == thread
            and "Терміново" in str(c.params.get("text"))
        )
    )
    assert ticket_row(tmp_path)["urgent"] == 1


async def test_staff_group_429_delays_but_loses_and_reorders_nothing(bot: RunningBot) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    api.fail_next("copyMessage", status=429, retry_after=1)
    start = len(api.calls)
    for n in range(1, 4):
        api.send_text(RESIDENT, f"частина {n}")
    await api.wait_for(lambda c: c.method == "copyMessage" and c.failed_with == 429, since=start)
    await api.wait_for(
        lambda _: len([c for c in api.calls_to("copyMessage") if c.failed_with is None]) >= 3,
        timeout=10,
    )
    relayed = [
        m.get("text")
        for m in api.messages_in(STAFF, thread)
        if (m.get("text") or "").startswith("частина")
    ]
    assert relayed == ["частина 1", "частина 2", "частина 3"]


async def test_long_captions_go_as_text_then_media(bot: RunningBot) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    caption = "довгий опис " * 100
    start = len(api.calls)
    api.send_message(
        RESIDENT, document={"file_id": "d1", "file_unique_id": "ud1"}, caption=caption.strip()
    )
    copy = await copied_to(bot, STAFF, since=start)
    assert copy["caption"] == ""
    text = next(
        c
        for c in api.calls[start:]
        if c.method == "sendMessage" and c.params.get("message_thread_id") == thread
    )
    assert text.params["text"].startswith("довгий опис")


async def test_reminder_lists_tickets_waiting_too_long(bot: RunningBot, now: Now) -> None:
    await open_ticket(bot)
    desk = bot.services.desk
    assert desk is not None
    assert await desk.tools.remind() is None  # not waiting long enough yet
    now.advance(minutes=20)
    reminder = await desk.tools.remind()
    assert reminder is not None
    assert "#1" in reminder.text
    assert "20 хвилин" in reminder.text
    now.advance(minutes=5)
    assert await desk.tools.remind() is None  # at most every 15 minutes
    now.value = dt.datetime(2026, 11, 28, 10, 0, tzinfo=PRAGUE).astimezone(dt.UTC)
    assert await desk.tools.remind() is None  # Saturday: nobody to remind


async def test_assistants_media_and_edits_reach_the_resident(bot: RunningBot) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    start = len(api.calls)
    api.send_message(
        OLENA,
        chat_id=STAFF,
        message_thread_id=thread,
        is_topic_message=True,
        location={"latitude": 49.7477, "longitude": 13.3776},
    )
    copy = await copied_to(bot, RESIDENT, since=start)
    assert copy["from_chat_id"] == STAFF
    await staff_says(bot, thread, "Прийдіть у понеділок")
    original = _last_id(api, STAFF, "Прийдіть")
    await api.wait_for(
        lambda c: c.method == "copyMessage" and c.params["message_id"] == original, since=start
    )
    edited = dict(api.message(STAFF, original) or {}, text="Прийдіть у вівторок", edit_date=1)
    api.push_update({"edited_message": edited})
    edit = await api.wait_for(
        lambda c: c.method == "editMessageText" and c.params["chat_id"] == RESIDENT
    )
    assert edit.params["text"] == "Прийдіть у вівторок"
    assert edit.params["message_id"] == _last_id(api, RESIDENT, "Прийдіть")
    headers = [t for t in api.sent_texts(RESIDENT) if t.startswith("💬")]
    assert headers == ["💬 Пише асистент:"]  # once; no name chosen, so none shown


async def test_forget_deletes_the_topic_and_every_trace(bot: RunningBot, tmp_path: Path) -> None:
    api = bot.api
    thread = await open_ticket(bot)
    await staff_says(bot, thread, "Добрий день")
    await copied_to(bot, RESIDENT)
    await bot.reply_to(RESIDENT, "/forget")
    forget = _last_id(api, RESIDENT, "Це видалить")
    api.press_button(RESIDENT, forget, "forget")
    await api.wait_for(lambda c: c.method == "deleteForumTopic")
    await api.wait_for(lambda c: "видалено" in str(c.params.get("text")))
    assert thread not in api.forum_topics[STAFF]
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        for table, column in (
            ("tickets", "resident_id"),
            ("message_pairs", "resident_id"),
            ("staff_topics", "resident_id"),
            ("relay_outbox", "from_chat_id"),
            ("residents", "id"),
        ):
            count = db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (RESIDENT,))
            assert count.fetchone()[0] == 0, table
