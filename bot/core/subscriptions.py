"""Residents choose the areas they want announcements about: toggle buttons per area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core import actions
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings

if TYPE_CHECKING:
    from bot.core.conversation import Conversation

SUBSCRIBED, NOT_SUBSCRIBED = "✅", "▫️"


async def menu(conversation: Conversation, resident_id: int, lang: str) -> Reply:
    """Every area with a tick if the resident follows it; pressing one toggles it."""
    t = strings(lang)
    chosen = await conversation.subscriptions.areas(resident_id)
    knowledge = conversation.library.current.knowledge
    rows = tuple(
        (
            Button(
                f"{SUBSCRIBED if area.id in chosen else NOT_SUBSCRIBED} {area.icon} "
                f"{area.title[lang]}".replace("  ", " "),
                actions.encode(actions.ToggleSubscription(area.id)),
            ),
        )
        for area in knowledge.areas
        if area.article_ids
    )
    text = t._(
        "Choose the topics you want announcements about from the city (✅ = you get them). "
        "Press a topic again to stop. /unsubscribe stops all of them."
    )
    return Reply(text, (*rows, *conversation.home_row(lang)))


async def toggle(conversation: Conversation, resident_id: int, lang: str, area: str) -> Reply:
    await conversation.residents.ensure(resident_id, lang, conversation.clock.now())
    await conversation.subscriptions.toggle(resident_id, area, conversation.clock.now())
    return await menu(conversation, resident_id, lang)


async def unsubscribe_all(conversation: Conversation, resident_id: int, lang: str) -> Reply:
    t = strings(lang)
    removed = await conversation.subscriptions.clear(resident_id)
    text = (
        t._("Done: you will get no more announcements. /subscribe lets you choose topics again.")
        if removed
        else t._("You are not subscribed to any announcements. /subscribe lets you choose topics.")
    )
    return Reply(text, conversation.home_row(lang))
