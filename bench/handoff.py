"""Relaying under Telegram's limits: 200 residents in open tickets writing at once.

    python bench/handoff.py [--residents 200] [--scale 30]

The real Application polls the project's fake Bot API, which enforces Telegram's limits
(one staff group: 20 messages a minute; one message a second per private chat; 30 a second
overall), compressed in time by --scale for the fake and for the bot's rate limiter alike.
Every resident writes one message, and an assistant answers each of them. Prints the time
until every message was relayed, the minimum those limits allow for the same traffic, their
ratio, and messages lost or duplicated (aim: none).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from tests.fakebotapi import FakeBotApi, TelegramLimits  # noqa: E402
from tests.telegram_harness import RunningBot, running_bot  # noqa: E402

STAFF = -1009000
ASSISTANT = 900
FIRST_RESIDENT = 20_000
GROUP_PER_MINUTE = 20
OVERALL_PER_SECOND = 30


def minimum_seconds(to_group: int, to_residents: int, scale: float) -> float:
    """The least time Telegram's limits allow: the group's 20-a-minute window decides,
    unless the overall 30 a second is slower for everything together."""
    group = max(math.ceil(to_group / GROUP_PER_MINUTE) - 1, 0) * 60 / scale
    overall = max(to_group + to_residents - OVERALL_PER_SECOND, 0) / OVERALL_PER_SECOND / scale
    return max(group, overall)


async def open_tickets(bot: RunningBot, residents: list[int]) -> dict[int, int]:
    """Every resident asks for a person; returns each one's topic (thread id)."""
    api = bot.api
    for resident in residents:
        api.send_text(resident, f"/assistant потрібна допомога {resident}")
    await until(lambda: len(api.forum_topics.get(STAFF, {})) >= len(residents), 600)
    await api.idle(quiet=0.5, timeout=600)
    desk = bot.services.desk
    assert desk is not None
    return {r: t for r in residents if (t := await desk.topics.thread(r)) is not None}


async def until(done: Callable[[], bool], limit: float, step: float = 0.05) -> None:
    """Poll done() every step seconds (it is cheap next to what it waits for)."""
    for _ in range(int(limit / step)):
        if done():
            return
        await asyncio.sleep(step)
    raise TimeoutError(f"not done within {limit} s")


def copies(bot: RunningBot, chat_filter: int | None) -> list[tuple[int, int]]:
    """(from chat, message id) of every successful copy, into the staff chat (STAFF) or
    into residents' chats (None)."""
    found = []
    for call in bot.api.calls_to("copyMessage"):
        target = call.params["chat_id"]
        into_staff = target == STAFF
        if call.failed_with is None and into_staff == (chat_filter == STAFF):
            found.append((call.params["from_chat_id"], call.params["message_id"]))
    return found


async def run(residents_count: int, scale: float) -> None:
    residents = [FIRST_RESIDENT + n for n in range(residents_count)]
    limits = TelegramLimits(time_scale=scale)
    with tempfile.TemporaryDirectory() as folder:
        async with (
            FakeBotApi() as api,
            running_bot(
                Path(folder) / "bot.sqlite3", api, staff_chat_id=STAFF, rate_limit_scale=scale
            ) as bot,
        ):
            threads = await open_tickets(bot, residents)
            api.set_limits(limits)  # the measured part runs under Telegram's limits
            await asyncio.sleep(60 / scale)  # the bot's limiter refills after the set-up
            before_staff = len(copies(bot, STAFF))
            before_residents = len(copies(bot, None))
            rejected_before = api.limit_rejections
            started = time.perf_counter()
            measured_from = time.monotonic()
            for resident in residents:
                api.send_text(resident, f"моє питання від {resident}")
                api.send_text(
                    ASSISTANT,
                    f"відповідь для {resident}",
                    chat_id=STAFF,
                    message_thread_id=threads[resident],
                )
            expected = 2 * len(residents)
            await until(
                lambda: (
                    len(copies(bot, STAFF))
                    - before_staff
                    + len(copies(bot, None))
                    - before_residents
                    >= expected
                ),
                3600,
                step=0.25,
            )
            elapsed = time.perf_counter() - started
            lanes = {
                lane: max(
                    (
                        c.at
                        for c in api.calls_to("copyMessage")
                        if c.failed_with is None
                        and (c.params["chat_id"] == STAFF) == (lane == "to staff")
                    ),
                    default=0.0,
                )
                - measured_from
                for lane in ("to staff", "to residents")
            }
            await api.idle(quiet=1.0, timeout=60)
            to_staff = Counter(copies(bot, STAFF)[before_staff:])
            to_residents = Counter(copies(bot, None)[before_residents:])
            rejected = api.limit_rejections - rejected_before
            refused = Counter(
                (c.method, "staff" if c.params.get("chat_id") == STAFF else "resident")
                for c in api.calls
                if c.failed_with == 429
            )

    relayed = set(to_staff) | set(to_residents)
    duplicates = sum(n - 1 for n in (to_staff + to_residents).values())
    lost = expected - len(relayed)
    # Each resident also gets one header line (the first message of an assistant).
    floor = minimum_seconds(len(residents), 2 * len(residents), scale)
    print(f"{len(residents)} residents, time scale 1/{scale:g}")
    print(f"relayed       {len(relayed)} of {expected} messages in {elapsed:.2f} s")
    print(f"minimum       {floor:.2f} s allowed by Telegram's limits")
    print(f"ratio         {elapsed / floor:.2f} x the minimum" if floor else "ratio         -")
    print(f"real time     {elapsed * scale / 60:.1f} min at Telegram's real limits")
    print("by direction  " + ", ".join(f"{k} {v:.2f} s" for k, v in lanes.items()))
    print(f"lost          {lost}")
    print(f"duplicated    {duplicates}")
    print(f"429 answered  {rejected} (waited out and retried): {dict(refused)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--scale", type=float, default=30.0)
    args = parser.parse_args()
    asyncio.run(run(args.residents, args.scale))


if __name__ == "__main__":
    main()
