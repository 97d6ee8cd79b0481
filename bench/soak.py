"""Soak: a stretch of mixed traffic with faults injected, then the books must balance.

    python bench/soak.py [--minutes 3] [--residents 120]

The real Application polls the project's fake Bot API. Residents ask questions and open
menus, some talk to an assistant who answers them, editors' reloads happen now and then,
and a random share of Telegram's answers are 429, 500 or 502, arrive slowly, arrive after
the bot's read timeout (the call was carried out: Telegram's ambiguous timeout), or never
come (the connection drops). Prints messages handled, faults injected, messages lost and
duplicated (aim: none; a relayed message whose copy timed out is sent again on purpose,
so those duplicates are counted apart), and the process's memory at the start, middle
and end (whether it grew).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bot.app import READ_TIMEOUT  # noqa: E402
from tests.conftest import BUNDLED_CONTENT  # noqa: E402
from tests.fakebotapi import FakeBotApi  # noqa: E402
from tests.fakebotapi.faults import inject_random_fault  # noqa: E402
from tests.telegram_harness import RunningBot, running_bot  # noqa: E402

STAFF = -1009300
ASSISTANT = 990
# Questions whose answer is exactly one message, so answers can be counted.
QUESTIONS = ("номер швидкої?", "телефон поліції", "tísňová linka", "emergency number")
FAULT_SHARE = 0.08
PER_RESIDENT_PAUSE = 4.0  # seconds between one resident's messages: under the flood limit


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Books:
    """What was sent, to compare with what arrived."""

    def __init__(self) -> None:
        self.questions: Counter[int] = Counter()
        self.to_staff: list[str] = []
        self.to_resident: list[str] = []
        self.faults = 0
        self.relay_timeouts = 0
        self.reloads = 0


async def run(minutes: float, residents: int) -> None:
    rng = random.Random(7)
    books = Books()
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(BUNDLED_CONTENT, content)
        async with (
            FakeBotApi() as api,
            running_bot(
                Path(folder) / "bot.sqlite3", api, staff_chat_id=STAFF, content_dir=content
            ) as bot,
        ):
            talkers = [20_000 + n for n in range(max(residents // 10, 1))]
            threads = await open_tickets(bot, talkers)
            memory = [rss_mib()]
            deadline = time.monotonic() + minutes * 60
            middle = time.monotonic() + minutes * 30
            next_reload = time.monotonic() + 20
            step = PER_RESIDENT_PAUSE / residents
            n = 0
            while time.monotonic() < deadline:
                n += 1
                if rng.random() < FAULT_SHARE:
                    method, fault = inject_random_fault(
                        api, rng, ("sendMessage", "copyMessage"), read_timeout=READ_TIMEOUT
                    )
                    books.faults += 1
                    books.relay_timeouts += (method, fault) == ("copyMessage", "timeout")
                resident = 10_000 + n % residents
                if rng.random() < 0.15:
                    api.send_text(resident, "/menu")
                else:
                    api.send_text(resident, rng.choice(QUESTIONS))
                    books.questions[resident] += 1
                if n % residents == 0:  # one exchange every few seconds: the group's
                    # 20 messages a minute are Telegram's, not ours to exceed
                    talker = rng.choice(talkers)
                    text = f"resident {talker} #{n}"
                    api.send_text(talker, text)
                    books.to_staff.append(text)
                    reply = f"assistant to {talker} #{n}"
                    api.send_text(
                        ASSISTANT, reply, chat_id=STAFF, message_thread_id=threads[talker]
                    )
                    books.to_resident.append(reply)
                if time.monotonic() > next_reload:
                    touch = content / "topics.yaml"
                    touch.write_text(touch.read_text(encoding="utf-8"), encoding="utf-8")
                    await bot.services.reloader.reload()
                    books.reloads += 1
                    next_reload += 20
                if len(memory) == 1 and time.monotonic() > middle:
                    memory.append(rss_mib())
                await asyncio.sleep(step)
            await api.idle(quiet=3.0, timeout=120)
            desk = bot.services.desk
            assert desk is not None
            for _ in range(600):  # the relay may still be waiting out the group's limit
                if not await desk.outbox.count():
                    break
                await asyncio.sleep(0.5)
            await api.idle(quiet=1.0, timeout=60)
            memory.append(rss_mib())
            report(api, books, n, memory, threads)


async def open_tickets(bot: RunningBot, talkers: list[int]) -> dict[int, int]:
    for talker in talkers:
        bot.api.send_text(talker, f"/assistant потрібна допомога {talker}")
    await bot.api.idle(quiet=1.0, timeout=120)
    desk = bot.services.desk
    assert desk is not None
    return {t: thread for t in talkers if (thread := await desk.topics.thread(t))}


def report(
    api: FakeBotApi, books: Books, updates: int, memory: list[float], threads: dict[int, int]
) -> None:
    answers: Counter[int] = Counter(
        c.params["chat_id"]
        for c in api.calls_to("sendMessage")
        if c.failed_with is None
        and c.params.get("chat_id") in books.questions
        and "<b>" in c.params.get("text", "")
        and "reply_markup" in c.params
        and not c.params["text"].startswith(("Оберіть", "Vyberte", "Choose"))
    )
    lost = sum(max(books.questions[r] - answers[r], 0) for r in books.questions)
    twice = sum(max(answers[r] - books.questions[r], 0) for r in books.questions)
    staff_texts = Counter(
        m.get("text")
        for m in api.messages_in(STAFF)
        if str(m.get("text", "")).startswith("resident ")
    )
    resident_texts = Counter(
        m.get("text")
        for chat in threads
        for m in api.messages_in(chat)
        if str(m.get("text", "")).startswith("assistant to ")
    )
    lost_answers = lost
    lost_to_staff = sum(1 for t in books.to_staff if staff_texts[t] == 0)
    lost_to_residents = sum(1 for t in books.to_resident if resident_texts[t] == 0)
    lost += lost_to_staff + lost_to_residents
    relayed_twice = sum(n - 1 for n in (staff_texts + resident_texts).values() if n > 1)
    handled = sum(books.questions.values()) + len(books.to_staff) + len(books.to_resident)
    print(f"updates sent         {updates} (+ menus), reloads {books.reloads}")
    print(f"messages handled     {handled}")
    print(f"faults injected      {books.faults}")
    print(
        f"messages lost        {lost} (answers {lost_answers}, to staff {lost_to_staff},"
        f" to residents {lost_to_residents})"
    )
    print(
        f"duplicated           {twice} answers; {relayed_twice} relayed messages, after"
        f" {books.relay_timeouts} ambiguous timeouts of a relay (resent on purpose)"
    )
    start, middle, end = memory[0], memory[1], memory[-1]
    # The fake server records every call in this same process, so some growth is its
    # bookkeeping; what matters is whether the second half grows like the first.
    trend = "grew" if end - middle > 1.5 * max(middle - start, 1.0) else "levelled off"
    print(f"RSS MiB              start {start:.0f}, middle {middle:.0f}, end {end:.0f} ({trend})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--residents", type=int, default=120)
    args = parser.parse_args()
    asyncio.run(run(args.minutes, args.residents))


if __name__ == "__main__":
    main()
