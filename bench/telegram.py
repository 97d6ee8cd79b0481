"""Throughput of the residents' bot against a bare echo bot, on the same fake Bot API.

    python bench/telegram.py [--residents 1000] [--messages 10000] [--profile FILE]

Both bots run python-telegram-bot's real Application, polling the project's fake Bot API
server over loopback HTTP, with rate limits off. The fake and 1,000 simulated residents
(bench/simulated_residents.py: /start, questions in four languages, button presses) run
in a separate process, as Telegram's servers are not in the bot's process in production:
the CPU time measured here is the bot's own. Prints, for each bot, updates per second
and CPU ms per update of the bot's process and of the fake's, and the bot's throughput as
a share of the echo bot's (aim: >= 70 %). ``--profile`` writes a cProfile of the
residents' bot's process.

Both bots handle one update at a time (python-telegram-bot's default) and wait for every
Bot API answer, so updates per second include the fake's time per update as well; the
CPU ms per update of the bot's process is the bot's own cost.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# This file is named like the library it measures: drop its own folder from the path so
# `import telegram` finds python-telegram-bot, and add the project root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update  # noqa: E402
from telegram.error import BadRequest  # noqa: E402
from telegram.ext import (  # noqa: E402
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bench.simulated_residents import Served, Workload, serve  # noqa: E402
from bot.app import build_application, prepare  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402

ROOT = _HERE.parent
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
Starter = Callable[[str, str], Awaitable[tuple[AnyApplication, Callable[[], Awaitable[None]]]]]


@dataclass(frozen=True)
class Result:
    name: str
    served: Served
    bot_cpu_seconds: float

    @property
    def per_second(self) -> float:
        return self.served.updates / self.served.seconds

    def row(self) -> str:
        updates = self.served.updates
        return (
            f"{self.name:13s} {updates:6d} updates {self.per_second:8.1f} upd/s"
            f"   bot CPU {1000 * self.bot_cpu_seconds / updates:5.2f} ms/update"
            f"   fake CPU {1000 * self.served.fake_cpu_seconds / updates:5.2f} ms/update"
            f"   {self.served.calls} calls, {self.served.failed_calls} failed"
        )


# -- the echo bot: python-telegram-bot's echobot.py and inlinekeyboard.py examples in one --

OPTIONS = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Option 1", callback_data="1"),
            InlineKeyboardButton("Option 2", callback_data="2"),
        ],
        [InlineKeyboardButton("Option 3", callback_data="3")],
    ]
)


async def echo_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: a message with three buttons."""
    if update.effective_message:
        await update.effective_message.reply_text("Please choose:", reply_markup=OPTIONS)


async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text: the same text back."""
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def echo_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button: answer the query and show the choice in place."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    with contextlib.suppress(BadRequest):  # the same option again: "message is not modified"
        await query.edit_message_text(f"Selected option: {query.data}", reply_markup=OPTIONS)


async def echo_bot(
    base_url: str, token: str
) -> tuple[AnyApplication, Callable[[], Awaitable[None]]]:
    app = ApplicationBuilder().token(token).base_url(base_url).build()
    app.add_handler(CommandHandler("start", echo_start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo_text))
    app.add_handler(CallbackQueryHandler(echo_button))
    await app.initialize()
    await app.start()

    async def nothing() -> None:
        return None

    return app, nothing


def residents_bot(database: Path) -> Starter:
    async def start(
        base_url: str, token: str
    ) -> tuple[AnyApplication, Callable[[], Awaitable[None]]]:
        settings = Settings.from_env(
            {
                "TELEGRAM_BOT_TOKEN": token,
                "TELEGRAM_API_URL": base_url,
                "DATABASE_PATH": str(database),
                "CONTENT_DIR": str(ROOT / "content"),
            }
        )
        services = await Services.open(settings)
        app = build_application(settings, services, rate_limit=False)
        await app.initialize()
        await prepare(app)
        await app.start()
        return app, services.close

    return start


# -- one run: the fake and the residents in a child process, the bot here -----------------


def measure(name: str, start: Starter, workload: Workload, profile: Path | None = None) -> Result:
    context = multiprocessing.get_context("spawn")
    conn, child_conn = context.Pipe()
    child = context.Process(target=serve, args=(child_conn, workload), daemon=True)
    child.start()
    try:
        base_url, token = conn.recv()
        served, cpu = asyncio.run(_drive(start, base_url, token, conn, profile))
    finally:
        conn.send("stop")
        child.join(timeout=30)
    return Result(name, served, cpu)


async def _drive(
    start: Starter, base_url: str, token: str, conn: Connection, profile: Path | None
) -> tuple[Served, float]:
    app, close = await start(base_url, token)
    profiler = cProfile.Profile() if profile else None
    try:
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        served: Served = await asyncio.to_thread(conn.recv)
        cpu = time.process_time() - cpu
        if profiler and profile:
            profiler.disable()
            profiler.dump_stats(profile)
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    finally:
        await close()
    return served, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the residents' bot")
    parser.add_argument(
        "--only", choices=("echo", "resident"), help="run one bot (for an outside profiler)"
    )
    args = parser.parse_args()
    workload = Workload(args.residents, args.messages)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only != "resident":
            results.append(measure("echo bot", echo_bot, workload))
        if args.only != "echo":
            database = Path(folder) / "bench.sqlite3"
            results.append(
                measure("resident bot", residents_bot(database), workload, args.profile)
            )
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(results[0].served.kinds.items()))
    print(f"{args.messages} messages from {args.residents} residents ({kinds}), rate limits off")
    for result in results:
        print(result.row())
        for violation in result.served.violations[:5]:
            print(f"  {result.name}: Bot API violation: {violation}")
    if len(results) == 2:
        echo, ours = results
        ratio = ours.per_second / echo.per_second
        cpu_ratio = echo.bot_cpu_seconds / ours.bot_cpu_seconds
        print(
            f"resident bot throughput = {100 * ratio:.0f} % of the echo bot's (aim: >= 70 %); "
            f"by CPU per update: {100 * cpu_ratio:.0f} %"
        )


if __name__ == "__main__":
    main()
