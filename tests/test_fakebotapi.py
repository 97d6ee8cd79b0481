"""The fake Bot API server works with the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    ExtBot,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from tests.fakebotapi import DEFAULT_SPEC_PATH, BotApiSpec, Call, FakeBotApi, TelegramLimits
from tests.fakebotapi.html import HtmlError, parse_html, utf16_len

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ano ✓", callback_data="yes"),
            InlineKeyboardButton("Ne", url="https://example.org"),
        ]
    ]
)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """A running fake server."""
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A real PTB Bot talking to the fake."""
    async with Bot(token=api.token, base_url=api.base_url) as client:
        yield client


# ---------------------------------------------------------------------- HTML parser


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>bold</b> &amp; <i>it</i>", "bold & it"),
        ('<a href="https://x.cz/?a=1&amp;b=2">odkaz</a>', "odkaz"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>q</blockquote>", "q"),
        ("&lt;tag&gt; &quot;q&quot; &#169; &#x1F600;", '<tag> "q" © 😀'),
        ("a > b", "a > b"),
        ("<B>upper</B>", "upper"),
    ],
)
def test_html_accepts_telegram_markup(html: str, plain: str) -> None:
    """Telegram's tags and entities parse to the expected plain text."""
    assert parse_html(html).text == plain


@pytest.mark.parametrize(
    ("html", "fragment"),
    [
        ("<b>x", 'start tag "b"'),
        ("<b><i>x</b></i>", "unmatched end tag"),
        ("a < b", 'unsupported start tag ""'),
        ("<br>", 'unsupported start tag "br"'),
        ("Tom & Jerry", 'unescaped "&"'),
        ("&nbsp;", 'unescaped "&"'),
        ('<span class="red">x</span>', "tg-spoiler"),
        ("<a>x</a>", "href"),
        ('<b style="x">y</b>', "unsupported attribute"),
        ("x</b>", "unexpected end tag"),
    ],
)
def test_html_rejects_malformed(html: str, fragment: str) -> None:
    """Malformed or non-Telegram HTML is refused with a Telegram-like reason."""
    with pytest.raises(HtmlError, match=fragment):
        parse_html(html)


def test_html_entities_use_utf16_offsets() -> None:
    """Entity offsets count UTF-16 code units, as in Telegram."""
    parsed = parse_html("😀 <b>x</b>")
    assert parsed.entities == [{"offset": 3, "length": 1, "type": "bold"}]
    assert utf16_len("😀") == 2


def test_spec_checks_nested_objects() -> None:
    """Object checks recurse into keyboards and honour byte limits and required fields."""
    spec = BotApiSpec.load(DEFAULT_SPEC_PATH)
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "é" * 33}, {"url": "x"}]]}
    problems = spec.check_object(markup, "InlineKeyboardMarkup", "reply_markup")
    assert any("callback_data: too long (66 bytes" in p for p in problems)
    assert any('requires field "text"' in p for p in problems)
    assert spec.check_object({"type": "default"}, "BotCommandScope") == []


# ---------------------------------------------------------------------- Bot client


async def test_get_me(api: FakeBotApi, bot: Bot) -> None:
    """getMe answers the configured bot user."""
    me = await bot.get_me()
    assert me.id == api.bot_user["id"]
    assert me.username == "plzen_test_bot"
    assert me.can_join_groups is True
    assert api.calls_to("getme")[-1].method == "getMe"
    assert api.violations == []


async def test_send_message_html_with_keyboard(api: FakeBotApi, bot: Bot) -> None:
    """A valid HTML message with an inline keyboard is accepted, recorded and echoed."""
    sent = await bot.send_message(
        42, "<b>Dobrý den</b>, &lt;Plzeň&gt;", parse_mode=ParseMode.HTML, reply_markup=KEYBOARD
    )
    again = await bot.send_message(42, "druhá")
    assert (sent.message_id, again.message_id) == (1, 2)
    assert sent.text == "Dobrý den, <Plzeň>"
    assert sent.entities[0].type == "bold"
    assert sent.chat.type == "private"
    assert sent.reply_markup == KEYBOARD
    call = api.calls_to("sendMessage")[0]
    assert call.params["chat_id"] == 42
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"
    assert api.sent_texts(42) == ["<b>Dobrý den</b>, &lt;Plzeň&gt;", "druhá"]
    assert api.sent_texts(7) == []
    assert api.violations == []


async def test_group_message_in_topic(api: FakeBotApi, bot: Bot) -> None:
    """Negative chat ids are forum supergroups; the thread id is echoed."""
    await bot.send_message(-100500, "general topic")
    topic = await bot.create_forum_topic(-100500, "Bydlení")
    assert topic.icon_color == 7322096
    assert topic.message_thread_id == 2
    sent = await bot.send_message(-100500, "ahoj", message_thread_id=topic.message_thread_id)
    assert sent.chat.type == "supergroup"
    assert sent.chat.is_forum is True
    assert sent.message_thread_id == 2
    assert api.violations == []


async def test_deleted_or_unknown_topics_are_refused(api: FakeBotApi, bot: Bot) -> None:
    """Like Telegram: a topic deleted by a member takes its messages with it."""
    with pytest.raises(BadRequest, match="thread not found"):
        await bot.send_message(-100500, "nowhere", message_thread_id=99)
    topic = await bot.create_forum_topic(-100500, "Práce")
    await bot.edit_forum_topic(-100500, topic.message_thread_id, name="✅ Práce")
    assert api.forum_topics[-100500][topic.message_thread_id] == "✅ Práce"
    sent = await bot.send_message(-100500, "x", message_thread_id=topic.message_thread_id)
    api.delete_topic(-100500, topic.message_thread_id)
    assert api.message(-100500, sent.message_id) is None
    with pytest.raises(BadRequest, match="thread not found"):
        await bot.send_message(-100500, "y", message_thread_id=topic.message_thread_id)
    with pytest.raises(BadRequest, match=r"(?i)topic_id_invalid"):
        await bot.delete_forum_topic(-100500, topic.message_thread_id)


async def test_ptb_defaults_extras_are_tolerated(api: FakeBotApi) -> None:
    """PTB sends Defaults' parse_mode/protect_content even to methods without them."""
    defaults = Defaults(parse_mode=ParseMode.HTML, protect_content=True)
    async with ExtBot(token=api.token, base_url=api.base_url, defaults=defaults) as ext:
        sent = await ext.send_message(42, "<b>a</b>")
        await ext.send_location(42, 49.74, 13.37)
        await ext.edit_message_text("<i>b</i>", chat_id=42, message_id=sent.message_id)
    assert api.calls_to("sendLocation")[0].params["parse_mode"] == "HTML"
    assert api.calls_to("editMessageText")[0].params["protect_content"] is True
    assert api.violations == []


async def test_malformed_html_is_refused(api: FakeBotApi, bot: Bot) -> None:
    """Unclosed tags are a BadRequest and a recorded violation."""
    with pytest.raises(BadRequest, match="can't parse entities"):
        await bot.send_message(42, "<b>x", parse_mode=ParseMode.HTML)
    assert len(api.violations) == 1
    assert "sendMessage" in api.violations[0]
    assert api.calls_to("sendMessage")[0].failed_with == 400


async def test_text_length_counts_after_parsing(api: FakeBotApi, bot: Bot) -> None:
    """4096 UTF-16 units after parsing pass; one more is refused."""
    await bot.send_message(42, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    await bot.send_message(42, "😀" * 2048)
    assert api.violations == []
    with pytest.raises(BadRequest, match="message is too long"):
        await bot.send_message(42, "x" * 4097)
    with pytest.raises(BadRequest, match="message is too long"):
        await bot.send_message(42, "😀" * 2048 + "x")
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_photo(42, "PHOTO-ID", caption="c" * 1025)
    assert len(api.violations) == 3


async def test_callback_data_limit(api: FakeBotApi, bot: Bot) -> None:
    """callback_data over 64 bytes is refused."""
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="callback_data"):
        await bot.send_message(42, "hi", reply_markup=markup)
    assert api.violations


async def test_raw_requests_unknown_parameter_and_method(api: FakeBotApi) -> None:
    """Unknown parameters (form or JSON) and methods are refused; GET and JSON work."""
    url = f"{api.base_url}{api.token}"
    async with httpx.AsyncClient() as client:
        form = await client.post(
            f"{url}/sendMessage", data={"chat_id": "1", "text": "a", "colour": "red"}
        )
        as_json = await client.post(
            f"{url}/sendMessage", json={"chat_id": 1, "text": "a", "bogus": True}
        )
        good = await client.post(f"{url}/SENDMESSAGE", json={"chat_id": 1, "text": "ok"})
        wrong_type = await client.post(
            f"{url}/sendMessage", data={"chat_id": "1", "text": "a", "protect_content": "yes"}
        )
        missing = await client.get(f"{url}/sendMessage", params={"chat_id": "1"})
        unknown = await client.post(f"{url}/sendTelepathy", data={"chat_id": "1"})
        bad_token = await client.post(f"{api.base_url}123:nope/getMe")
    assert form.status_code == 400
    assert form.json() == {
        "ok": False,
        "error_code": 400,
        "description": 'Bad Request: unknown parameter "colour"',
    }
    assert as_json.status_code == 400
    assert good.json()["result"]["text"] == "ok"
    assert "protect_content" in wrong_type.json()["description"]
    assert 'required parameter "text"' in missing.json()["description"]
    assert unknown.status_code == 404
    assert bad_token.status_code == 401
    assert len(api.violations) == 6
    assert api.calls_to("sendMessage")[2].params == {"chat_id": 1, "text": "ok"}


async def test_multipart_upload(api: FakeBotApi, bot: Bot) -> None:
    """Files arrive as multipart parts, also through attach:// references."""
    doc = await bot.send_document(
        42, b"hello", filename="a.txt", caption="<i>soubor</i>", parse_mode="HTML"
    )
    assert doc.document is not None
    assert doc.document.file_name == "a.txt"
    group = await bot.send_media_group(42, [InputMediaPhoto(b"png1"), InputMediaPhoto("FILE-ID")])
    assert len(group) == 2
    assert group[0].media_group_id == group[1].media_group_id
    call = api.calls_to("sendMediaGroup")[0]
    assert len(call.files) == 1
    assert next(iter(call.files.values())).data == b"png1"
    assert api.calls_to("sendDocument")[0].params["document"].data == b"hello"
    assert api.violations == []


async def test_edit_and_not_modified(api: FakeBotApi, bot: Bot) -> None:
    """Edits change the stored message; an identical edit is Telegram's 'not modified'."""
    sent = await bot.send_message(42, "old", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("new", chat_id=42, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "new"
    assert edited.edit_date is not None
    assert edited.reply_markup is None  # edited without reply_markup: keyboard removed
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("new", chat_id=42, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="not found"):
        await bot.edit_message_text("x", chat_id=42, message_id=99)
    assert api.violations == []  # simulated Telegram errors are not spec violations
    assert api.sent_texts(42) == ["old", "new"]


async def test_retry_after(api: FakeBotApi, bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    """fail_next 429 surfaces as RetryAfter; the next call succeeds."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns when reading retry_after as int
    api.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "a")
    assert caught.value.retry_after == dt.timedelta(seconds=7)
    await bot.send_message(42, "b")
    assert [c.failed_with for c in api.calls_to("sendMessage")] == [429, None]
    assert api.violations == []


async def test_forbidden_and_server_errors(api: FakeBotApi, bot: Bot) -> None:
    """403 is Forbidden; 502 is a NetworkError-family error."""
    api.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(42, "a")
    api.fail_next("getMe", status=502, times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="Bad Gateway"):
            await bot.get_me()
    assert (await bot.get_me()).id == 123456


async def test_delay_next_times_out_client(api: FakeBotApi) -> None:
    """A slow answer makes a client with a short read timeout raise TimedOut."""
    request = HTTPXRequest(read_timeout=0.2)
    async with Bot(token=api.token, base_url=api.base_url, request=request) as slow:
        api.delay_next("sendMessage", 0.6)
        with pytest.raises(TimedOut):
            await slow.send_message(42, "pomalu")
    assert len(api.calls_to("sendMessage")) == 1


async def test_get_updates_and_offset(api: FakeBotApi, bot: Bot) -> None:
    """Pushed updates come back from getUpdates; offset confirms; long polls end empty."""
    first = api.send_text(7, "/start")
    second = api.send_text(7, "Ahoj", reply_to_message_id=1)
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    start = updates[0].message
    assert start is not None
    assert start.text == "/start"
    assert start.entities[0].type == "bot_command"
    assert start.from_user is not None
    assert start.from_user.language_code == "uk"
    reply = updates[1].message
    assert reply is not None
    assert reply.reply_to_message is not None
    assert reply.message_id == 2
    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    loop = asyncio.get_running_loop()
    began = loop.time()
    assert await bot.get_updates(offset=second + 1, timeout=5) == ()
    assert loop.time() - began < 2  # the fake caps long polls at 1 s
    api.send_message(7, location={"latitude": 49.74, "longitude": 13.37})
    (located,) = await bot.get_updates(offset=second + 1, limit=1)
    assert located.message is not None
    assert located.message.location is not None
    assert api.violations == []


async def test_press_button_and_member_update(api: FakeBotApi, bot: Bot) -> None:
    """Callback queries and my_chat_member updates parse with PTB."""
    sent = await bot.send_message(42, "Vyber", reply_markup=KEYBOARD)
    api.press_button(42, sent.message_id, "yes")
    with pytest.raises(AssertionError, match="no button"):
        api.press_button(42, sent.message_id, "maybe")
    api.member_update(42, "kicked")
    raw = api.pushed_updates
    press = Update.de_json(raw[0], bot)
    assert press.callback_query is not None
    assert press.callback_query.data == "yes"
    assert press.callback_query.message is not None
    assert press.callback_query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(press.callback_query.id, text="OK")
    member = Update.de_json(raw[1], bot).my_chat_member
    assert member is not None
    assert member.new_chat_member.status == "kicked"
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query("12345")
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(42, "still there?")
    api.member_update(42, "member")
    await bot.send_message(42, "welcome back")
    assert api.violations == []


async def test_chat_member_configurable(api: FakeBotApi, bot: Bot) -> None:
    """getChatMember defaults to member; chat_members overrides it."""
    assert (await bot.get_chat_member(-100500, 7)).status == "member"
    api.chat_members[(-100500, 7)] = "left"
    assert (await bot.get_chat_member(-100500, 7)).status == "left"
    api.chat_members[(-100500, 8)] = "administrator"
    assert (await bot.get_chat_member(-100500, 8)).status == "administrator"
    assert api.violations == []


# ---------------------------------------------------------------------- Application


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo text back in bold."""
    assert update.effective_message is not None
    assert update.effective_message.text is not None
    await update.effective_message.reply_html(f"<b>{update.effective_message.text}</b>")


AnyApp = Application[Any, Any, Any, Any, Any, Any]


@contextlib.asynccontextmanager
async def _running_app(api: FakeBotApi) -> AsyncIterator[AnyApp]:
    """An initialized, started echo Application; stopped cleanly even if the test fails."""
    app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    async with app:
        await app.start()
        try:
            yield app
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await app.stop()


async def test_application_polling_end_to_end(api: FakeBotApi) -> None:
    """A real Application polls the fake, handles a text and answers it."""
    async with _running_app(api) as app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        api.send_text(7, "Kde je úřad?")
        echo = await api.wait_for(lambda c: c.method == "sendMessage" and c.failed_with is None)
        assert echo.params["text"] == "<b>Kde je úřad?</b>"
        assert "reply_parameters" not in echo.params  # PTB quotes only in groups by default
        api.send_text(-100500, "ve skupině", message_thread_id=3)
        (_, in_group) = await api.wait_for_calls("sendMessage", 2)
        assert in_group.params["reply_parameters"] == {"message_id": 1}
        assert in_group.params["message_thread_id"] == 3
        await api.idle(quiet=0.1)
    assert api.sent_texts(7) == ["<b>Kde je úřad?</b>"]
    assert api.sent_texts(-100500) == ["<b>ve skupině</b>"]
    assert api.violations == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_application_webhook_end_to_end(api: FakeBotApi) -> None:
    """setWebhook is accepted; post_webhook delivers updates and honours the secret."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    async with _running_app(api) as app:
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", secret_token="s3cret", webhook_url=url
        )
        assert api.webhook_url == url
        update = {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 7, "type": "private"},
                "text": "hi",
            }
        }
        assert await api.post_webhook(url, update, "wrong") == 403
        assert await api.post_webhook(url, update, "s3cret") == 200
        echo: Call = await api.wait_for(lambda c: c.method == "sendMessage")
        assert echo.params["text"] == "<b>hi</b>"
    assert api.violations == []


# ---------------------------------------------------------------------- flood limits


class ManualClock:
    """A monotonic clock the test moves by hand, so limits are checked without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextlib.asynccontextmanager
async def _limited(limits: TelegramLimits) -> AsyncIterator[tuple[FakeBotApi, Bot, ManualClock]]:
    clock = ManualClock()
    async with (
        FakeBotApi(limits, clock=clock) as fake,
        Bot(token=fake.token, base_url=fake.base_url) as client,
    ):
        yield fake, client, clock


async def _retry_after(send: Any) -> dt.timedelta:
    with pytest.raises(RetryAfter) as caught:
        await send
    assert isinstance(caught.value.retry_after, dt.timedelta)
    return caught.value.retry_after


@pytest.fixture(autouse=True)
def _retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns when reading it as int


async def test_no_limits_by_default(api: FakeBotApi, bot: Bot) -> None:
    """Without limits any burst goes through, and every created message is timestamped."""
    for n in range(40):
        await bot.send_message(42, f"m{n}")
    assert api.limit_rejections == 0
    assert api.delivered_counts() == {42: 40}
    times = [d.at for d in api.deliveries]
    assert times == sorted(times)
    assert [d.message_id for d in api.deliveries] == list(range(1, 41))


async def test_private_chat_limit() -> None:
    """One message per second to a private chat; a refused message is not created."""
    async with _limited(TelegramLimits()) as (api, bot, clock):
        await bot.send_message(42, "first")
        assert await _retry_after(bot.send_message(42, "second")) == dt.timedelta(seconds=1)
        await bot.send_message(43, "another resident is not held up")
        clock.now += 0.5
        assert await _retry_after(bot.send_message(42, "still")) == dt.timedelta(seconds=1)
        clock.now += 0.5
        await bot.send_message(42, "second")
    assert api.limit_rejections == 2
    assert api.sent_texts(42) == ["first", "second"]
    assert api.delivered_counts() == {42: 2, 43: 1}
    assert [c.failed_with for c in api.calls_to("sendMessage")] == [None, 429, None, 429, None]
    assert api.violations == []  # a 429 is Telegram's answer, not a bug of the bot


async def test_group_limit_counts_all_topics_together() -> None:
    """20 messages a minute to one group, whatever topic they go to."""
    async with _limited(TelegramLimits()) as (api, bot, clock):
        for n in range(20):
            await bot.send_message(-100500, f"m{n}", message_thread_id=1 + n % 3)
        wait = await _retry_after(bot.send_message(-100500, "21st", message_thread_id=9))
        assert wait == dt.timedelta(seconds=3)  # one message every 60/20 s
        await bot.send_message(-100600, "another group is not held up")
        clock.now += 3
        await bot.send_message(-100500, "21st")
    assert api.limit_rejections == 1
    assert api.delivered_counts() == {-100500: 21, -100600: 1}


async def test_overall_limit_and_counted_methods() -> None:
    """30 messages a second in all; copies count, edits and chat actions do not."""
    async with _limited(TelegramLimits()) as (api, bot, clock):
        first = await bot.send_message(1, "m")
        for chat in range(2, 30):
            await bot.send_message(chat, "m")
        await bot.copy_message(30, from_chat_id=1, message_id=first.message_id)
        await bot.edit_message_text("edited", chat_id=1, message_id=first.message_id)
        await bot.send_chat_action(31, "typing")
        raw = await _raw_send(api, chat_id=31)
        assert raw == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        }
        await _retry_after(bot.forward_message(31, from_chat_id=1, message_id=first.message_id))
        clock.now += 1 / 30
        await bot.send_message(31, "m")
    assert api.limit_rejections == 2
    assert len(api.deliveries) == 31


async def _raw_send(api: FakeBotApi, chat_id: int) -> Any:
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"{api.base_url}{api.token}/sendMessage", json={"chat_id": chat_id, "text": "x"}
        )
    assert answer.status_code == 429
    return answer.json()


async def test_album_counts_each_message() -> None:
    """An album larger than a private chat's allowance goes out, then the chat waits."""
    async with _limited(TelegramLimits()) as (api, bot, clock):
        media = [InputMediaPhoto(f"FILE-{n}") for n in range(3)]
        await bot.send_media_group(42, media)
        assert await _retry_after(bot.send_message(42, "x")) == dt.timedelta(seconds=3)
        clock.now += 3
        await bot.send_message(42, "x")
    assert api.delivered_counts() == {42: 4}


async def test_time_scale_compresses_periods() -> None:
    """time_scale=10: a group takes a message every 0.3 s; retry_after is in Telegram's seconds."""
    async with _limited(TelegramLimits(time_scale=10)) as (api, bot, clock):
        for n in range(20):
            await bot.send_message(-100500, f"m{n}")
        assert await _retry_after(bot.send_message(-100500, "x")) == dt.timedelta(seconds=3)
        clock.now += 0.2
        assert await _retry_after(bot.send_message(-100500, "x")) == dt.timedelta(seconds=1)
        clock.now += 0.1
        await bot.send_message(-100500, "x")
        await bot.send_message(42, "x")
        clock.now += 0.1
        await bot.send_message(42, "y")
    assert api.limit_rejections == 2


def test_limits_must_be_positive() -> None:
    """A limit of zero could never let a message through: refused at construction."""
    with pytest.raises(ValueError, match="time_scale"):
        TelegramLimits(time_scale=0)
    with pytest.raises(ValueError, match="per_group_per_minute"):
        TelegramLimits(per_group_per_minute=0)
