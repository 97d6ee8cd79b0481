"""Announcement delivery to 10,000 subscribers against a fake that enforces Telegram's limit.

    python bench/broadcast.py [--subscribers 10000] [--time-scale 1] [--restart-at 0.4]

The real bot (Application, broadcaster, SQLite delivery log) sends one announcement to
every subscriber through the project's fake Bot API server, which enforces Telegram's
limits (30 messages a second overall, 1 a second per chat) and answers 429 with
retry_after beyond them. A run of 10,000 takes about six minutes. --time-scale N makes
the fake's seconds N times shorter and paces the broadcaster N times faster, for quick
looks only: the bot waits retry_after in real seconds (N times too long), and the one
process running the fake, the bot and SQLite must keep up with 30 x N messages a second.

Two runs: straight through, and stopped (as by a restart) after --restart-at of the
messages, then started again on the same database. Each prints the achieved rate as a
share of the limit (aim: >= 90 %), 429 answers, duplicates and losses (aim: zero).

The fake enforces the limit with TelegramLimits (token buckets, as Telegram and
python-telegram-bot's AIORateLimiter model it) and timestamps every message it accepts.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# This folder holds bench/telegram.py, named like the library: keep it off the path so
# `import telegram` finds python-telegram-bot, and add the project root instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bot.config import DEFAULT_BROADCAST_RATE  # noqa: E402
from bot.storage.database import connect  # noqa: E402
from tests.citykit import ANNOUNCEMENT_ID, write_city_content  # noqa: E402
from tests.fakebotapi import FakeBotApi, TelegramLimits  # noqa: E402
from tests.telegram_harness import running_bot  # noqa: E402

TELEGRAM_LIMIT = 30  # messages a second, all chats together
ADMIN = 7
FIRST_SUBSCRIBER = 100_000


@dataclass
class Run:
    name: str
    subscribers: int
    limit: float
    deliveries: list[tuple[int, float]] = field(default_factory=list)  # (chat, time)
    active_seconds: float = 0.0
    too_many: int = 0

    def row(self) -> str:
        per_chat = Counter(chat for chat, _ in self.deliveries)
        duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
        lost = self.subscribers - len(per_chat)
        rate = len(self.deliveries) / self.active_seconds
        return (
            f"{self.name:22s} {len(self.deliveries):6d} sent in {self.active_seconds:6.1f} s"
            f"  {rate:7.1f} msg/s = {100 * rate / self.limit:5.1f} % of the limit"
            f"  429s {self.too_many:3d}  duplicates {duplicates}  lost {lost}"
        )


async def seed(database: Path, count: int) -> None:
    db = await connect(database)
    now = "2026-11-21T09:00:00+00:00"
    ids = range(FIRST_SUBSCRIBER, FIRST_SUBSCRIBER + count)
    languages = ("uk", "cs", "en")
    await db.execute("BEGIN")
    await db.executemany(
        "INSERT INTO residents (id, language, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [(r, languages[r % 3], now, now) for r in ids],
    )
    await db.executemany(
        "INSERT INTO subscriptions (resident_id, area, created_at) VALUES (?, 'safety', ?)",
        [(r, now) for r in ids],
    )
    await db.execute("COMMIT")
    await db.close()


def delivered(api: FakeBotApi) -> list[tuple[int, float]]:
    """Messages the fake accepted for subscribers (all of them announcements), with times."""
    return [(d.chat_id, d.at) for d in api.deliveries if d.chat_id >= FIRST_SUBSCRIBER]


async def wait_until(api: FakeBotApi, count: int, timeout: float) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while len(delivered(api)) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {len(delivered(api))} of {count} delivered")
        await asyncio.sleep(0.2)


async def announce(api: FakeBotApi) -> None:
    start = len(api.calls)
    api.send_text(ADMIN, f"/announce {ANNOUNCEMENT_ID}", language_code="en")
    await api.wait_for(
        lambda c: (
            c.method == "sendMessage"
            and c.failed_with is None
            and "Send it?" in str(c.params.get("text"))
        ),
        since=start,
        timeout=30,
    )
    message = max(m for m in range(1, 100) if api.message(ADMIN, m))
    api.press_button(ADMIN, message, f"announce:{ANNOUNCEMENT_ID}")


async def run(
    name: str, folder: Path, subscribers: int, time_scale: float, restart_at: float | None
) -> Run:
    database = folder / f"{name.replace(' ', '-')}.sqlite3"
    await seed(database, subscribers)
    content = write_city_content(folder / name.replace(" ", "-"))
    settings: dict[str, Any] = {
        "content_dir": content,
        "admin_user_ids": frozenset({ADMIN}),
        "broadcast_rate": DEFAULT_BROADCAST_RATE * time_scale,
    }
    limit = TELEGRAM_LIMIT * time_scale
    result = Run(name, subscribers, limit)
    timeout = 3 * subscribers / limit + 60
    api = FakeBotApi(TelegramLimits(overall_per_second=TELEGRAM_LIMIT, time_scale=time_scale))
    stopped: list[int] = []  # deliveries made when the bot was stopped for the restart
    async with api:
        segments = [int(subscribers * restart_at)] if restart_at else []
        segments.append(subscribers)
        for number, target in enumerate(segments):
            async with running_bot(database, api, **settings):
                if number == 0:
                    await announce(api)
                await wait_until(api, min(target, subscribers), timeout)
                if target == subscribers:
                    await api.wait_for(
                        lambda c: (
                            c.params.get("chat_id") == ADMIN
                            and str(c.params.get("text", "")).startswith("✅")
                        ),
                        timeout=60,
                    )
            # The bot stops here (on a restart: with messages in flight recorded).
            stopped.append(len(delivered(api)))
        result.deliveries = delivered(api)
        result.too_many = api.limit_rejections
        result.active_seconds = _active_seconds(result.deliveries, stopped[:-1], limit)
    return result


def _active_seconds(
    deliveries: list[tuple[int, float]], restarts: list[int], limit: float
) -> float:
    """First to last delivery, minus the time the bot was down for each restart."""
    times = sorted(at for _, at in deliveries)
    down = sum(times[n] - times[n - 1] for n in restarts if 0 < n < len(times))
    return times[-1] - times[0] - down + 1 / limit


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--restart-at", type=float, default=0.4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        straight = await run("straight", Path(folder), args.subscribers, args.time_scale, None)
        restarted = await run(
            "restart in the middle",
            Path(folder),
            args.subscribers,
            args.time_scale,
            args.restart_at,
        )
    limit = TELEGRAM_LIMIT * args.time_scale
    print(
        f"{args.subscribers} subscribers, limit {TELEGRAM_LIMIT} msg/s x time scale "
        f"{args.time_scale:g} = {limit:g} msg/s; broadcaster paced at "
        f"{DEFAULT_BROADCAST_RATE:g} x {args.time_scale:g}"
    )
    print(straight.row())
    print(restarted.row())
    print("aim: >= 90 % of the limit, no duplicates, nothing lost")


if __name__ == "__main__":
    asyncio.run(main())
