"""Telegram misbehaving during normal use and during a handoff: nothing lost, nothing twice.

The fake answers a seeded random share of calls with 429 (retry after 1 s), 500 or 502,
slowly, or drops the connection unanswered. At the end every question has exactly one answer, and every message between
a resident and the assistants arrived exactly once, in the order it was written.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.faults import inject_random_fault
from tests.telegram_harness import running_bot

STAFF = -1009200
ASSISTANT = 905
ASKING = range(700, 708)  # residents asking the bot
TALKING = 720  # a resident talking to an assistant
QUESTIONS = ("номер швидкої?", "телефон поліції", "tísňová linka", "emergency number")


async def test_faults_lose_nothing_and_repeat_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    async with (
        FakeBotApi() as api,
        running_bot(tmp_path / "bot.sqlite3", api, staff_chat_id=STAFF),
    ):
        api.send_text(TALKING, "/assistant сусід погрожує, що мені робити", language_code="uk")
        await api.wait_for(lambda c: c.method == "createForumTopic")
        await api.wait_for(
            lambda c: c.method == "sendMessage" and c.params.get("chat_id") == TALKING
        )
        thread = next(iter(api.forum_topics[STAFF]))
        for round_number in range(4):
            for resident in ASKING:
                if rng.random() < 0.3:
                    inject_random_fault(api, rng, ("sendMessage",))
                api.send_text(resident, rng.choice(QUESTIONS), language_code="uk")
            if rng.random() < 0.5:
                inject_random_fault(api, rng, ("copyMessage",))
            api.send_text(TALKING, f"від мешканця {round_number}", language_code="uk")
            api.send_text(
                ASSISTANT, f"від асистента {round_number}", chat_id=STAFF, message_thread_id=thread
            )
        await api.wait_for(
            lambda _: (
                len(_texts_in(api, STAFF, "від мешканця")) == 4
                and len(_copies_to(api, TALKING)) == 4
            ),
            timeout=60,
        )
        await api.idle(quiet=1.5, timeout=60)

    for resident in ASKING:
        answers = [
            c for c in api.calls_to("sendMessage")
            if c.params.get("chat_id") == resident and c.failed_with is None
        ]  # fmt: skip
        assert len(answers) == 4, (resident, [a.params["text"][:30] for a in answers])
    assert _texts_in(api, STAFF, "від мешканця") == [f"від мешканця {n}" for n in range(4)]
    relayed = [api.message(TALKING, c)["text"] for c in _copies_to(api, TALKING)]  # type: ignore[index]
    assert relayed == [f"від асистента {n}" for n in range(4)]
    failed = {c.failed_with for c in api.calls if c.failed_with is not None}
    assert failed >= {429, 500, 502}  # the faults really happened
    assert api.dropped
    assert api.violations == []


def _texts_in(api: FakeBotApi, chat_id: int, prefix: str) -> list[str]:
    return [
        m["text"] for m in api.messages_in(chat_id) if str(m.get("text", "")).startswith(prefix)
    ]


def _copies_to(api: FakeBotApi, chat_id: int) -> list[int]:
    """Message ids of the successful copies in a chat, in the order they were made."""
    return [
        int(m["message_id"])
        for m in api.messages_in(chat_id)
        if str(m.get("text", "")).startswith("від асистента")
    ]
