"""Telegram misbehaving during normal use and during a handoff: nothing lost, nothing twice.

The fake answers a seeded random share of calls with 429 (retry after 1 s), 500 or 502,
slowly, after the bot's read timeout (carried out, but the bot cannot know), or drops the
connection unanswered. At the end every question has exactly one answer (an answer that
timed out is not sent again), and every message between a resident and the assistants
arrived, in the order it was written, exactly once, except that a relayed message whose
copy timed out is sent again on purpose: saying a resident's words twice is better than
losing them.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.faults import FAULTS, inject_fault
from tests.telegram_harness import running_bot

STAFF = -1009200
ASSISTANT = 905
ASKING = range(700, 708)  # residents asking the bot
TALKING = 720  # a resident talking to an assistant
KINDS = (*FAULTS, "timeout")
QUESTIONS = ("номер швидкої?", "телефон поліції", "tísňová linka", "emergency number")
ROUNDS = len(KINDS)
READ_TIMEOUT = 2.0  # short, so the injected timeouts cost little time


async def test_faults_lose_nothing_and_repeat_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    async with (
        FakeBotApi() as api,
        running_bot(tmp_path / "bot.sqlite3", api, staff_chat_id=STAFF, read_timeout=READ_TIMEOUT),
    ):
        api.send_text(TALKING, "/assistant сусід погрожує, що мені робити", language_code="uk")
        await api.wait_for(lambda c: c.method == "createForumTopic")
        await api.wait_for(
            lambda c: c.method == "sendMessage" and c.params.get("chat_id") == TALKING
        )
        thread = next(iter(api.forum_topics[STAFF]))
        # Every kind of fault in a seeded random order: twice on answers, once on relays.
        decks = {"sendMessage": [*KINDS, *KINDS], "copyMessage": list(KINDS)}
        for deck in decks.values():
            rng.shuffle(deck)

        def inject(method: str) -> None:
            if decks[method]:
                fault = decks[method].pop()
                inject_fault(api, method, fault, read_timeout=READ_TIMEOUT)

        for round_number in range(ROUNDS):
            for resident in ASKING:
                if rng.random() < 0.4:
                    inject("sendMessage")
                api.send_text(resident, rng.choice(QUESTIONS), language_code="uk")
            inject("copyMessage")
            api.send_text(TALKING, f"від мешканця {round_number}", language_code="uk")
            api.send_text(
                ASSISTANT, f"від асистента {round_number}", chat_id=STAFF, message_thread_id=thread
            )
        await api.wait_for(
            lambda _: (
                len(set(_texts_in(api, STAFF, "від мешканця"))) == ROUNDS
                and len(set(_relayed(api))) == ROUNDS
            ),
            timeout=60,
        )
        await api.idle(quiet=1.5, timeout=60)

    for resident in ASKING:
        answers = [
            c for c in api.calls_to("sendMessage")
            if c.params.get("chat_id") == resident and c.failed_with is None
        ]  # fmt: skip
        assert len(answers) == ROUNDS, (resident, [a.params["text"][:30] for a in answers])
    to_staff = _texts_in(api, STAFF, "від мешканця")
    to_resident = _relayed(api)
    assert _first_arrivals(to_staff) == [f"від мешканця {n}" for n in range(ROUNDS)]
    assert _first_arrivals(to_resident) == [f"від асистента {n}" for n in range(ROUNDS)]
    late_copies = sum(1 for c in api.calls_to("copyMessage") if c.answered_late)
    assert len(to_staff) + len(to_resident) - 2 * ROUNDS <= late_copies
    # The faults really happened, on both sides.
    assert decks == {"sendMessage": [], "copyMessage": []}
    failed = {c.failed_with for c in api.calls if c.failed_with is not None}
    assert failed >= {429, 500, 502}
    assert api.dropped
    assert late_copies == 1
    assert sum(1 for c in api.calls_to("sendMessage") if c.answered_late) == 2
    assert api.violations == []


def _texts_in(api: FakeBotApi, chat_id: int, prefix: str) -> list[str]:
    return [
        m["text"] for m in api.messages_in(chat_id) if str(m.get("text", "")).startswith(prefix)
    ]


def _relayed(api: FakeBotApi) -> list[str]:
    return _texts_in(api, TALKING, "від асистента")


def _first_arrivals(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
