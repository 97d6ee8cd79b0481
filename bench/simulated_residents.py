"""Simulated residents talking to a bot through the fake Bot API, in the fake's own process.

Each resident starts with /start and then, one message at a time, asks a question (real
questions in Czech, Ukrainian, Russian and English from the development set), presses a
button of the bot's latest keyboard, or sends /start again. A resident waits for the bot
to finish answering before acting again, as people do; with hundreds of residents the bot
always has a queue, so what is measured is how fast it works through it.

The fake and the residents run in a child process (see :func:`serve`) so that the bot's
process spends CPU only on the bot, as in production where Telegram's servers are not in
the bot's process.
"""

from __future__ import annotations

import asyncio
import heapq
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from tests.fakebotapi import FakeBotApi

QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
FALLBACK_QUESTIONS = ("номер швидкої?", "jak prodloužit dočasnou ochranu", "parking in Plzen")
FIRST_RESIDENT_ID = 10_000
# Telegram's language_code of the residents' apps: mostly Ukrainian and Russian.
APP_LANGUAGES = ("uk", "uk", "uk", "ru", "ru", "cs", "en")
# After the first /start: the share of questions and button presses; the rest is /start.
QUESTION_SHARE = 0.6
PRESS_SHARE = 0.3
TICK = 0.002  # seconds between looks at the bot's calls
# With nothing pending at the fake and no answer for this long, the bot has answered all
# it fetched. Generous: the bot may hold fetched updates in its own queue for a while.
QUIET = 0.2
# A fixed seed per run, for the same messages to both bots.
SEED = 7


@dataclass(frozen=True)
class Workload:
    residents: int
    messages: int
    seed: int = SEED


@dataclass(frozen=True)
class Served:
    """What the fake's process saw of one run."""

    updates: int
    seconds: float  # from the bot's first getUpdates to its last answer
    fake_cpu_seconds: float
    calls: int
    failed_calls: int
    kinds: dict[str, int]  # updates sent per kind: start, question, press
    violations: tuple[str, ...]


def questions() -> list[str]:
    if not QUESTIONS.is_file():
        return list(FALLBACK_QUESTIONS)
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


@dataclass
class _Resident:
    user_id: int
    language_code: str
    messages_left: int
    rng: random.Random
    keyboard: int | None = None  # the latest bot message with callback buttons
    started: bool = False


@dataclass
class Residents:
    """Drives the residents against a running fake until every message is answered."""

    api: FakeBotApi
    workload: Workload
    texts: list[str] = field(default_factory=questions)
    kinds: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        base, extra = divmod(self.workload.messages, self.workload.residents)
        self._residents: dict[int, _Resident] = {}
        for n in range(self.workload.residents):
            rng = random.Random(self.workload.seed * 1_000_003 + n)
            user_id = FIRST_RESIDENT_ID + n
            self._residents[user_id] = _Resident(
                user_id, rng.choice(APP_LANGUAGES), base + (n < extra), rng
            )
        self._waiting: list[tuple[int, int]] = []  # (update_id, resident), oldest first
        self._pending: dict[int, int] = {}  # resident -> the update they wait on
        self._seen_calls = 0
        self._seen_deliveries = 0
        self._first_poll: float | None = None
        self._last_answer = 0.0

    def begin(self) -> None:
        """Every resident sends their first message."""
        for resident in self._residents.values():
            self._act(resident)

    async def run(self) -> Served:
        """Answer the bot's replies with the residents' next messages until all are done."""
        cpu_start: float | None = None
        while self._pending or any(r.messages_left for r in self._residents.values()):
            await asyncio.sleep(TICK)
            self._look_at_calls()
            if self._first_poll is not None and cpu_start is None:
                cpu_start = time.process_time()
            now = time.monotonic()
            answered = self._last_answer > 0
            if (
                self._pending
                and answered
                and not self.api.busy
                and now - self._last_answer >= QUIET
            ):
                self._release_all()
        calls = [c for c in self.api.calls if c.method != "getUpdates"]
        return Served(
            updates=sum(self.kinds.values()),
            seconds=self._last_answer - (self._first_poll or 0.0),
            fake_cpu_seconds=time.process_time() - (cpu_start or 0.0),
            calls=len(calls),
            failed_calls=sum(c.failed_with is not None for c in calls),
            kinds=dict(self.kinds),
            violations=tuple(self.api.violations),
        )

    # -- residents ---------------------------------------------------------------------

    def _act(self, resident: _Resident) -> None:
        if not resident.messages_left:
            return
        resident.messages_left -= 1
        rng = resident.rng
        draw = rng.random()
        if not resident.started or draw >= QUESTION_SHARE + PRESS_SHARE:
            resident.started = True
            update_id = self._send(resident, "start", "/start")
        elif draw < QUESTION_SHARE:
            update_id = self._send(resident, "question", rng.choice(self.texts))
        else:
            update_id = self._press(resident)
        self._pending[resident.user_id] = update_id
        heapq.heappush(self._waiting, (update_id, resident.user_id))

    def _send(self, resident: _Resident, kind: str, text: str) -> int:
        self.kinds[kind] += 1
        return self.api.send_text(resident.user_id, text, language_code=resident.language_code)

    def _press(self, resident: _Resident) -> int:
        datas = (
            self.api.callback_data(resident.user_id, resident.keyboard)
            if resident.keyboard is not None
            else []
        )
        if not datas:  # nothing to press (yet): open the menu instead
            return self._send(resident, "start", "/start")
        self.kinds["press"] += 1
        assert resident.keyboard is not None
        return self.api.press_button(
            resident.user_id, resident.keyboard, resident.rng.choice(datas)
        )

    # -- the bot's side ----------------------------------------------------------------

    def _look_at_calls(self) -> None:
        """Note new keyboards, and which residents the bot has finished answering.

        The bot handles updates one after the other, in order: once it works on a
        resident's update, every earlier update has been answered completely.
        """
        deliveries = self.api.deliveries
        for delivery in deliveries[self._seen_deliveries :]:
            resident = self._residents.get(delivery.chat_id)
            if resident is not None and self.api.callback_data(
                delivery.chat_id, delivery.message_id
            ):
                resident.keyboard = delivery.message_id
        self._seen_deliveries = len(deliveries)
        calls = self.api.calls
        new, self._seen_calls = calls[self._seen_calls :], len(calls)
        for call in new:
            if call.method == "getUpdates":
                if self._first_poll is None:
                    self._first_poll = call.at
                continue
            if self._first_poll is None:
                continue  # setting up (getMe, setMyCommands): not an answer
            self._last_answer = max(self._last_answer, call.at)
            if call.method == "editMessageText" and call.failed_with is None:
                self._edited(call.params)
            chat = call.params.get("chat_id")
            pending = self._pending.get(chat) if isinstance(chat, int) else None
            if pending is not None:
                self._release_before(pending)

    def _edited(self, params: dict[str, object]) -> None:
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        if not isinstance(chat_id, int) or not isinstance(message_id, int):
            return
        resident = self._residents.get(chat_id)
        if resident is None:
            return
        if self.api.callback_data(resident.user_id, message_id):
            resident.keyboard = message_id
        elif resident.keyboard == message_id:
            resident.keyboard = None

    def _release_before(self, update_id: int) -> None:
        while self._waiting and self._waiting[0][0] < update_id:
            self._release(heapq.heappop(self._waiting))

    def _release_all(self) -> None:
        while self._waiting:
            self._release(heapq.heappop(self._waiting))

    def _release(self, entry: tuple[int, int]) -> None:
        update_id, user_id = entry
        if self._pending.get(user_id) == update_id:
            del self._pending[user_id]
            self._act(self._residents[user_id])


def serve(conn: Connection, workload: Workload) -> None:
    """Child process: run the fake and the residents; report a :class:`Served`.

    Protocol: send the fake's (base_url, token); run until every message is answered;
    send the Served; wait for "stop" (the bot has stopped polling), then exit.
    """
    asyncio.run(_serve(conn, workload))


async def _serve(conn: Connection, workload: Workload) -> None:
    async with FakeBotApi() as api:
        residents = Residents(api, workload)
        residents.begin()
        conn.send((api.base_url, api.token))
        served = await residents.run()
        conn.send(served)
        await asyncio.to_thread(conn.recv)
