"""Throughput of the residents' bot against a bare echo bot, on the same fake Bot API.

    python bench/telegram.py [--residents 1000] [--messages 10000]

Both bots run python-telegram-bot's real Application, polling the project's fake Bot API
server over loopback HTTP, with rate limits off. Prints updates per second and CPU ms per
update for each, and the bot's throughput as a share of the echo bot's (aim: >= 70 %).
The fake server runs in the same process, so its CPU is in both figures alike.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

# This file is named like the library it measures: drop its own folder from the path so
# `import telegram` finds python-telegram-bot, and add the project root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.app import build_application, prepare  # noqa: E402
from bot.services import Services  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402
from tests.telegram_harness import bot_settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"


@dataclass(frozen=True)
class Result:
    name: str
    updates: int
    seconds: float
    cpu_seconds: float

    def row(self) -> str:
        return (
            f"{self.name:12s} {self.updates:7d} updates  {self.updates / self.seconds:8.1f} upd/s"
            f"  {1000 * self.cpu_seconds / self.updates:6.2f} CPU ms/update"
        )


def questions() -> list[str]:
    if QUESTIONS.is_file():
        return [
            json.loads(line)["q"]
            for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
            if line
        ]
    return ["номер швидкої?", "jak prodloužit dočasnou ochranu", "parking in Plzen"]


async def drive(
    name: str,
    start: Callable[[FakeBotApi], Awaitable[Application]],  # type: ignore[type-arg]
    residents: int,
    messages: int,
) -> Result:
    texts = questions()
    rng = random.Random(7)
    async with FakeBotApi() as api:
        app = await start(api)
        for _ in range(messages):
            user = 10_000 + rng.randrange(residents)
            api.send_text(
                user, rng.choice(texts), language_code=rng.choice(["uk", "cs", "en", "ru"])
            )
        wall, cpu = time.perf_counter(), time.process_time()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await api.idle(quiet=0.5, timeout=600)
        seconds = time.perf_counter() - wall - 0.5
        cpu_seconds = time.process_time() - cpu
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        return Result(name, messages, seconds, cpu_seconds)


async def echo_bot(api: FakeBotApi) -> Application:  # type: ignore[type-arg]
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text:
            await update.effective_message.reply_text(update.effective_message.text)

    app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    return app


def residents_bot(database: Path) -> Callable[[FakeBotApi], Awaitable[Application]]:  # type: ignore[type-arg]
    async def start(api: FakeBotApi) -> Application:  # type: ignore[type-arg]
        settings = bot_settings(api, database)
        services = await Services.open(settings)
        app = build_application(settings, services, rate_limit=False)
        await app.initialize()
        await prepare(app)
        await app.start()
        return app

    return start


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        echo = await drive("echo bot", echo_bot, args.residents, args.messages)
        ours = await drive(
            "resident bot",
            residents_bot(Path(folder) / "bench.sqlite3"),
            args.residents,
            args.messages,
        )
    print(f"{args.messages} messages from {args.residents} residents, rate limits off")
    print(echo.row())
    print(ours.row())
    ratio = (ours.updates / ours.seconds) / (echo.updates / echo.seconds)
    print(f"resident bot throughput = {100 * ratio:.0f} % of the echo bot's (aim: >= 70 %)")


if __name__ == "__main__":
    asyncio.run(main())
