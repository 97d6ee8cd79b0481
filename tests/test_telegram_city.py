"""Offices on the map, police districts and announcements, end to end on the fake Bot API."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.conversation import Clock
from bot.storage.database import connect
from bot.storage.residents import Residents
from bot.storage.subscriptions import Subscriptions
from tests.citykit import ANNOUNCEMENT_ID, ANNOUNCEMENT_TITLES, district_cell, write_city_content
from tests.fakebotapi import Call, FakeBotApi, TelegramLimits
from tests.telegram_harness import RunningBot, running_bot
from tests.test_telegram_residents import buttons

RESIDENT = 601
ADMIN = 777
PRAGUE = ZoneInfo("Europe/Prague")
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_city_content(tmp_path / "city")


@pytest.fixture
async def bot(tmp_path: Path, content: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(
        tmp_path / "bot.sqlite3", content_dir=content, admin_user_ids=frozenset({ADMIN})
    ) as running:
        yield running
        assert running.api.violations == []


def last_message_id(api: FakeBotApi, chat_id: int) -> int:
    return max(m for m in range(1, 400) if api.message(chat_id, m))


def at(bot: RunningBot, moment: dt.datetime) -> None:
    bot.services.conversation.clock = Clock(PRAGUE, now=lambda: moment)


async def press(bot: RunningBot, chat_id: int, data: str) -> int:
    start = len(bot.api.calls)
    bot.api.press_button(chat_id, last_message_id(bot.api, chat_id), data)
    await bot.api.wait_for(lambda c: c.method == "answerCallbackQuery", since=start)
    return start


# -- offices ------------------------------------------------------------------------------


async def test_article_button_sends_the_venue_and_todays_hours(bot: RunningBot) -> None:
    at(bot, dt.datetime(2026, 11, 23, 9, 0, tzinfo=PRAGUE))  # Monday morning
    article = await bot.reply_to(RESIDENT, "/start emergency-numbers", language_code="en")
    assert ("📍 Centre station", "office:municipal-police-centre") in buttons(article.params)
    start = await press(bot, RESIDENT, "office:municipal-police-centre")
    venue = await bot.api.wait_for(lambda c: c.method == "sendVenue", since=start)
    assert venue.params == {
        "chat_id": RESIDENT,
        "latitude": 49.7475,
        "longitude": 13.3776,
        "title": "Centre station",
        "address": "Testovací 1, Plzeň",
    }
    text = await bot.api.wait_for(lambda c: c.method == "sendMessage", since=start)
    assert text.at >= venue.at
    assert "Today: 0:00–24:00" in text.params["text"]
    assert "<b>Open now, day and night.</b>" in text.params["text"]


@pytest.mark.parametrize(
    ("moment", "lang", "expected"),
    [
        # Friday 23:30: the evening opening runs on past midnight into Saturday.
        ("2026-11-27T23:30:00+01:00", "en", "Open now, closes tomorrow at 2:00."),
        ("2026-11-28T02:00:00+01:00", "en", "Closed now; opens today at 8:00."),
        # Saturday noon: next opening is Friday evening.
        ("2026-11-28T12:30:00+01:00", "cs", "Teď zavřeno. Nejbližší otevření: pátek od 18:00."),
        # Spring forward on Sunday 29 March: Friday 27 March 17:30 UTC is 18:30 CET.
        ("2026-03-27T17:30:00+00:00", "uk", "Зараз відчинено до завтра, до 2:00."),
        # Saturday 28 March 23:30 UTC is Sunday 00:30 CET, closed until Friday 18:00 CEST.
        ("2026-03-28T23:30:00+00:00", "en", "Closed now; opens at 18:00 on Friday."),
    ],
)
async def test_open_now_around_midnight_weekends_and_dst(
    bot: RunningBot, moment: str, lang: str, expected: str
) -> None:
    at(bot, dt.datetime.fromisoformat(moment))
    await bot.reply_to(RESIDENT, "/start emergency-numbers", language_code=lang)
    start = await press(bot, RESIDENT, "office:municipal-police-south")
    call = await bot.api.wait_for(lambda c: c.method == "sendMessage", since=start)
    assert f"<b>{expected}</b>" in call.params["text"]


async def test_shared_location_answers_district_and_nearest_offices(bot: RunningBot) -> None:
    bot.api.send_message(
        RESIDENT, language_code="en", location={"latitude": 49.7201, "longitude": 13.3601}
    )
    call = await bot.api.wait_for(lambda c: c.method == "sendMessage")
    text = call.params["text"]
    (south, west), (north, east) = district_cell(12)
    assert south <= 49.7201 < north
    assert west <= 13.3601 < east
    assert "You are in the police district <b>District 12</b>." in text
    assert text.index("South station</b> – 10 m") < text.index("Labour Office Test</b> – 4.9 km")
    labels = dict(buttons(call.params))
    assert labels["📍 South station"] == "office:municipal-police-south"
    more = "🛡 Municipal police"
    data = next(d for label, d in buttons(call.params) if more in label)
    start = await press(bot, RESIDENT, data)
    listed = await bot.api.wait_for(lambda c: c.method == "sendMessage", since=start)
    assert listed.params["text"].index("South station") < listed.params["text"].index(
        "Centre station"
    )


# -- police districts ---------------------------------------------------------------------


async def district_answer(bot: RunningBot, typed: str, lang: str = "en") -> str:
    prompt = await bot.reply_to(RESIDENT, "/district", language_code=lang)
    assert prompt.params["reply_markup"]["force_reply"] is True
    call = await bot.reply_to(RESIDENT, typed, language_code=lang)
    return str(call.params["text"])


@pytest.mark.parametrize("typed", ["Perlová 3", "Perlova 3", "Pelrová 3", "вулиця Перлова 3"])
async def test_street_lookup_with_and_without_diacritics_and_with_a_typo(
    bot: RunningBot, typed: str
) -> None:
    text = await district_answer(bot, typed)
    assert text.startswith("<b>Perlová 3</b> belongs to the police district <b>District 1</b>.")
    assert "District officer: Test Officer" in text
    assert "Station responsible:" in text
    assert "Source of the district list:" in text


async def test_split_street_and_unknown_street(bot: RunningBot) -> None:
    split = await district_answer(bot, "Klatovská třída", "uk")
    assert "поділена між поліцейськими дільницями" in split
    assert "номери 1–99, непарні: Дільниця 2" in split
    numbered = await bot.reply_to(RESIDENT, "Klatovská třída 14", language_code="uk")
    assert "Дільниця 3" in numbered.params["text"]
    unknown = await district_answer(bot, "Xyzzy 5", "uk")  # the language chosen first stays
    assert unknown.startswith("Вулиці «Xyzzy» я не знаю.")


async def test_after_a_district_answer_questions_go_to_the_matcher_again(
    bot: RunningBot,
) -> None:
    await district_answer(bot, "Perlová 3")
    call = await bot.reply_to(RESIDENT, "ambulance number", language_code="en")
    assert call.params["text"].startswith("<b>Emergency numbers</b>")


# -- subscriptions ------------------------------------------------------------------------


async def test_subscribe_toggles_and_unsubscribe(bot: RunningBot, tmp_path: Path) -> None:
    menu = await bot.reply_to(RESIDENT, "/subscribe", language_code="en")
    assert ("▫️ 🚨 Safety", "sub:safety") in buttons(menu.params)
    start = await press(bot, RESIDENT, "sub:safety")
    edit = await bot.api.wait_for(lambda c: c.method == "editMessageText", since=start)
    assert ("✅ 🚨 Safety", "sub:safety") in buttons(edit.params)
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT area FROM subscriptions").fetchall() == [("safety",)]
    done = await bot.reply_to(RESIDENT, "/unsubscribe", language_code="en")
    assert done.params["text"].startswith("Done: you will get no more announcements.")
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM subscriptions").fetchone() == (0,)


# -- announcements ------------------------------------------------------------------------


async def seed_subscribers(database: Path, residents: dict[int, str]) -> None:
    db = await connect(database)
    try:
        for resident, lang in residents.items():
            await Residents(db).ensure(resident, lang, NOW)
            await Subscriptions(db).toggle(resident, "safety", NOW)
    finally:
        await db.close()


async def announce(bot: RunningBot) -> None:
    bot.api.send_text(ADMIN, f"/announce {ANNOUNCEMENT_ID}", language_code="en")
    await bot.api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.failed_with is None
            and "Send it?" in str(c.params.get("text"))
        )
    )
    bot.api.press_button(ADMIN, last_message_id(bot.api, ADMIN), f"announce:{ANNOUNCEMENT_ID}")


def announcements_to(api: FakeBotApi) -> Counter[int]:
    """Announcements that arrived, per resident (the admin's preview left out); a message
    refused with 429 did not arrive."""
    return Counter(
        c.params["chat_id"]
        for c in api.calls_to("sendMessage")
        if c.failed_with is None
        and c.params["text"].startswith("📢 <b>")
        and c.params["chat_id"] != ADMIN
    )


async def final_report(api: FakeBotApi, timeout: float = 20.0) -> Call:  # noqa: ASYNC109
    return await api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.params["chat_id"] == ADMIN
            and str(c.params.get("text")).startswith("✅")
        ),
        timeout=timeout,
    )


async def test_announcement_reaches_subscribers_in_their_languages(
    tmp_path: Path, content: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    await seed_subscribers(database, {701: "cs", 702: "uk", 703: "en", 704: "uk"})
    async with running_bot(
        database, content_dir=content, admin_user_ids=frozenset({ADMIN})
    ) as bot:
        bot.api.member_update(704, "kicked")  # 704 blocked the bot
        await bot.api.idle()
        with sqlite3.connect(database) as db:  # the bot noticed, so it is not even tried
            db.execute("UPDATE residents SET active = 1 WHERE id = 704")
        await announce(bot)
        report = await final_report(bot.api)
        assert bot.api.violations == []
    texts = {
        c.params["chat_id"]: c.params["text"]
        for c in bot.api.calls_to("sendMessage")
        if c.failed_with is None and c.params["text"].startswith("📢 <b>")
    }
    assert texts[701].startswith(f"📢 <b>{ANNOUNCEMENT_TITLES['cs']}</b>")
    assert texts[702].startswith(f"📢 <b>{ANNOUNCEMENT_TITLES['uk']}</b>")
    assert texts[703].startswith(f"📢 <b>{ANNOUNCEMENT_TITLES['en']}</b>")
    assert 704 not in texts
    assert "Ви отримуєте це, бо підписані на: 🚨 Безпека" in texts[702]
    assert report.params["text"].startswith(
        f"✅ “{ANNOUNCEMENT_ID}” is sent: delivered to 3 of 4 subscribers; 1 had blocked the bot"
    )
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT active FROM residents WHERE id = 704").fetchone() == (0,)


async def test_non_admin_cannot_announce(bot: RunningBot) -> None:
    bot.api.send_text(RESIDENT, f"/announce {ANNOUNCEMENT_ID}", language_code="en")
    await bot.api.idle()
    assert not bot.api.calls_to("sendMessage")


async def test_restart_in_the_middle_of_a_delivery(tmp_path: Path, content: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    subscribers = {800 + n: ("cs", "uk", "en")[n % 3] for n in range(60)}
    await seed_subscribers(database, subscribers)
    # Telegram's limits enforced (30 a second overall, 1 a second per chat), as in production.
    async with FakeBotApi(TelegramLimits()) as api:
        settings: dict[str, Any] = {"content_dir": content, "admin_user_ids": frozenset({ADMIN})}
        async with running_bot(database, api, broadcast_rate=28.0, **settings) as bot:
            await announce(bot)
            await api.wait_for(lambda _: sum(announcements_to(api).values()) >= 15, timeout=10)
        stopped_after = sum(announcements_to(api).values())
        assert stopped_after < len(subscribers)
        async with running_bot(database, api, broadcast_rate=28.0, **settings):
            await final_report(api)
        assert api.violations == []
    delivered = announcements_to(api)
    assert set(delivered) == set(subscribers)
    assert set(delivered.values()) == {1}
