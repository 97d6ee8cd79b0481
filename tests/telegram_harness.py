"""The real python-telegram-bot Application, polling the fake Bot API server over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.app import READ_TIMEOUT, build_application, finish, prepare
from bot.config import Settings
from bot.handlers.context import BotApplication
from bot.services import Services
from tests.conftest import BUNDLED_CONTENT
from tests.fakebotapi import Call, FakeBotApi


@dataclass
class RunningBot:
    api: FakeBotApi
    app: BotApplication
    services: Services

    def texts_to(self, chat_id: int) -> list[str]:
        return self.api.sent_texts(chat_id)

    async def reply_to(self, user_id: int, text: str, **kwargs: object) -> Call:
        """Send a message as the resident and wait for the bot's next sendMessage to them."""
        start = len(self.api.calls)
        self.api.send_text(user_id, text, **kwargs)  # type: ignore[arg-type]
        return await self.api.wait_for(
            lambda c: c.method == "sendMessage" and c.params["chat_id"] == user_id, since=start
        )


def bot_settings(api: FakeBotApi, database: Path, **overrides: object) -> Settings:
    base = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.base_url,
            "DATABASE_PATH": str(database),
            "CONTENT_DIR": str(BUNDLED_CONTENT),
        }
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


@asynccontextmanager
async def running_bot(
    database: Path,
    api: FakeBotApi | None = None,
    *,
    rate_limit_scale: float = 1.0,
    read_timeout: float = READ_TIMEOUT,
    **overrides: Any,
) -> AsyncIterator[RunningBot]:
    """Start the bot (polling) against a fake server; stop it cleanly afterwards."""
    async with _api(api) as fake:
        settings = bot_settings(fake, database, **overrides)
        services = await Services.open(settings)
        app = build_application(
            settings, services, rate_limit_scale=rate_limit_scale, read_timeout=read_timeout
        )
        try:
            async with app:
                await prepare(app)
                await app.start()
                assert app.updater is not None
                await app.updater.start_polling(poll_interval=0.0, timeout=1)
                try:
                    yield RunningBot(fake, app, services)
                finally:
                    await app.updater.stop()
                    await app.stop()
                    await finish(app)
        finally:
            await services.close()


@asynccontextmanager
async def _api(api: FakeBotApi | None) -> AsyncIterator[FakeBotApi]:
    if api is not None:
        yield api
        return
    async with FakeBotApi() as fresh:
        yield fresh
