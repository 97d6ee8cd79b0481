"""Running the bot: webhook secret, configuration errors, logs without the token, splitting."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from bot.app import build_application, prepare
from bot.core.replies import Button, Reply
from bot.logs import RedactingFormatter
from bot.render import TEXT_LIMIT, render, split_html
from bot.services import Services
from tests.fakebotapi import FakeBotApi
from tests.telegram_harness import bot_settings
from tests.test_cli import run_bot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def text_update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_790_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Olena"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Olena", "language_code": "en"},
            "text": text,
        },
    }


async def test_webhook_accepts_the_secret_and_refuses_everything_else(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        settings = bot_settings(api, tmp_path / "bot.sqlite3")
        services = await Services.open(settings)
        app = build_application(settings, services)
        port = free_port()
        try:
            async with app:
                await prepare(app)
                await app.start()
                assert app.updater is not None
                await app.updater.start_webhook(
                    listen="127.0.0.1",
                    port=port,
                    url_path="hook",
                    secret_token="s3cret-value",
                    webhook_url="https://bot.example.org/hook",
                )
                url = f"http://127.0.0.1:{port}/hook"
                assert await api.post_webhook(url, text_update(1, 77, "/help"), "wrong") == 403
                assert await api.post_webhook(url, text_update(2, 77, "/help"), None) == 403
                assert (
                    await api.post_webhook(url, text_update(3, 77, "/help"), "s3cret-value") == 200
                )
                call = await api.wait_for(lambda c: c.method == "sendMessage")
                assert call.params["chat_id"] == 77
                assert len(api.calls_to("sendMessage")) == 1
                assert api.calls_to("setWebhook")[0].params["secret_token"] == "s3cret-value"
                await app.updater.stop()
                await app.stop()
        finally:
            await services.close()
        assert api.violations == []


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
        ({"STAFF_CHAT_ID": "staff"}, "STAFF_CHAT_ID"),
        ({"WEBHOOK_URL": "http://insecure.example"}, "WEBHOOK_URL"),
        ({"TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
    ],
)
def test_bad_setting_stops_run_with_one_line(env: dict[str, str], variable: str) -> None:
    result = run_bot("run", env={"TELEGRAM_BOT_TOKEN": "123:abc", **env}, timeout=30)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"configuration error: {variable}")


def test_logs_never_show_the_token() -> None:
    token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1,
        "HTTP Request: POST https://api.telegram.org/bot%s/getMe", (token,), None,
    )  # fmt: skip
    record.url = f"https://api.telegram.org/bot{token}/sendMessage"
    line = RedactingFormatter("%(message)s").format(record)
    assert token not in line
    assert "[token]" in line


def test_long_replies_are_split_cleanly_under_the_limit() -> None:
    paragraph = "**Bold start** and a [link](https://www.mvcr.cz/) " + "slovo " * 150
    reply = Reply("\n\n".join([paragraph] * 12), ((Button("OK", "home"),),))
    messages = render(reply)
    assert len(messages) > 1
    assert all(len(m.html) <= TEXT_LIMIT for m in messages)
    assert all(m.html.count("<b>") == m.html.count("</b>") for m in messages)
    assert [m.keyboard is not None for m in messages] == [False] * (len(messages) - 1) + [True]


def test_a_single_huge_line_is_cut_between_words() -> None:
    parts = split_html("word " * 2000, limit=1000)
    assert all(len(p) <= 1000 for p in parts)
    assert "".join(parts).replace(" ", "") == ("word" * 2000)


def test_every_bundled_article_renders_within_telegram_limits(bundled_library: object) -> None:
    from bot.core.article_view import article_text, section_text
    from bot.core.library import Library

    assert isinstance(bundled_library, Library)
    knowledge = bundled_library.knowledge
    for article in knowledge.articles.values():
        for lang, text in article.translations.items():
            sections = [section_text(article, s, lang) for s in text.sections]
            for body in [article_text(article, lang, knowledge), *sections]:
                for message in render(Reply(body)):
                    assert 0 < len(message.html) <= TEXT_LIMIT, (article.id, lang)


def test_a_corrupted_database_stops_run_with_one_clear_line(tmp_path: Path) -> None:
    broken = tmp_path / "bot.sqlite3"
    broken.write_bytes(b"this is not a database, it was overwritten by mistake" * 100)
    result = run_bot(
        "run",
        env={
            "TELEGRAM_BOT_TOKEN": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
            "DATABASE_PATH": str(broken),
        },
        timeout=30,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "DATABASE_PATH" in result.stderr
    assert "restore it from a backup" in result.stderr
    assert broken.read_bytes().startswith(b"this is not a database")  # left as it was
