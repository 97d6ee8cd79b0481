"""The real `python -m bot run`, at DEBUG, through errors: its log never shows the token."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.conftest import BUNDLED_CONTENT, REPO
from tests.fakebotapi import FakeBotApi

RESIDENT = 611
STAFF = -1009100


async def test_the_token_appears_nowhere_in_the_logs(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.base_url,
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
            "CONTENT_DIR": str(BUNDLED_CONTENT),
            "STAFF_CHAT_ID": str(STAFF),
            "LOG_LEVEL": "DEBUG",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=REPO, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await api.wait_for(lambda c: c.method == "getUpdates", timeout=30)
            # A failure Telegram-side and one in the bot's own request both get logged.
            api.fail_next("sendMessage", status=500)
            api.send_text(RESIDENT, "номер швидкої?")
            api.send_text(RESIDENT, "/assistant потрібна допомога")
            await api.wait_for(
                lambda c: (
                    c.method == "sendMessage"
                    and c.params.get("chat_id") == RESIDENT
                    and c.failed_with is None
                ),
                timeout=30,
            )
            await api.wait_for(lambda c: c.method == "createForumTopic", timeout=30)
        finally:
            process.send_signal(signal.SIGINT)
            out, err = await asyncio.wait_for(process.communicate(), 30)
    log = (out + err).decode()
    assert "DEBUG" in log  # the log was really at its most talkative
    assert "ticket opened" in log
    assert api.token not in log
    assert api.token.split(":")[1] not in log  # not even the secret half
