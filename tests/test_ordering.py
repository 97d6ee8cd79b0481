"""Per-chat ordering: other chats go on while one waits; one chat's updates stay in order."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Chat, Message, Update, User

from bot.handlers.ordering import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    message = Message(
        update_id,
        dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
        Chat(chat_id, "private"),
        from_user=User(chat_id, "R", False),
        text="x",
    )
    return Update(update_id, message=message)


async def test_one_slow_chat_does_not_hold_up_others_and_keeps_its_order() -> None:
    processor = PerChatUpdateProcessor()
    done: list[tuple[int, int]] = []
    release = asyncio.Event()

    async def handle(update_id: int, chat: int, slow: bool) -> None:
        if slow:
            await release.wait()
        done.append((chat, update_id))

    plan = [(1, 7, True), (2, 7, False), (3, 8, False), (4, 7, False), (5, 8, False)]
    tasks = [
        asyncio.create_task(processor.process_update(_update(n, chat), handle(n, chat, slow)))
        for n, chat, slow in plan
    ]
    await asyncio.sleep(0.05)
    assert done == [(8, 3), (8, 5)]  # chat 8 answered while chat 7 waits
    release.set()
    await asyncio.gather(*tasks)
    assert [n for chat, n in done if chat == 7] == [1, 2, 4]
    assert not processor._locks  # idle chats are forgotten
