"""/announce for admins: list the announcements, preview one, start sending it.

The content is read from disk at each /announce, so an announcement an editor has just
committed can be sent without restarting the bot; it is checked like all content.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from bot.announcements.compose import announcement_reply, announcement_texts
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings
from bot.i18n.formatting import count, long_date
from bot.knowledge.loader import load
from bot.knowledge.markup import escape
from bot.knowledge.model import KnowledgeBase
from bot.storage.broadcasts import Broadcast, Broadcasts
from bot.storage.subscriptions import Subscriptions

CONFIRM_PREFIX = "announce:"
MAX_PROBLEMS_SHOWN = 10


async def fresh_content(content_dir: Path) -> KnowledgeBase | Reply:
    """The content as it is on disk now, or a reply listing its errors (in plain text)."""
    result = await asyncio.to_thread(load, content_dir)
    if result.knowledge is not None:
        return result.knowledge
    shown = "\n".join(f"- {escape(str(p))}" for p in result.errors[:MAX_PROBLEMS_SHOWN])
    return Reply(f"⚠️ content check failed:\n{shown}")


async def overview(knowledge: KnowledgeBase, store: Broadcasts, lang: str) -> Reply:
    t = strings(lang)
    if not knowledge.announcements:
        return Reply(t._("There are no announcements in the content (content/announcements/)."))
    sent = await store.sent_announcements()
    lines = [t._("Announcements (send one with /announce ID):")]
    for announcement in knowledge.announcements.values():
        status = (
            t._("sent {date}").format(date=long_date(sent[announcement.id].date(), lang))
            if announcement.id in sent
            else t._("not sent")
        )
        lines.append(
            f"- {escape(announcement.id)} – {escape(announcement.title[lang])} ({status})"
        )
    return Reply("\n".join(lines))


async def preview(
    knowledge: KnowledgeBase,
    store: Broadcasts,
    subscriptions: Subscriptions,
    announcement_id: str,
    lang: str,
) -> list[Reply]:
    """The message as subscribers will see it, and a button to send it to them."""
    t = strings(lang)
    announcement = knowledge.announcements.get(announcement_id)
    if announcement is None:
        return [
            Reply(
                t._("There is no announcement “{id}”. /announce lists them.").format(
                    id=escape(announcement_id)
                )
            )
        ]
    already = await store.of_announcement(announcement_id)
    if already is not None:
        return [already_sent(already, lang)]
    audience = await subscriptions.audience(announcement.areas)
    shown = announcement_reply(announcement_texts(announcement, knowledge), lang)
    if audience == 0:
        return [shown, Reply(t._("Nobody is subscribed to these topics yet."))]
    label = t.ngettext(
        "📢 Send to {count} subscriber", "📢 Send to {count} subscribers", audience
    ).format(count=count(audience, lang))
    confirm = Reply(
        t._("This is what subscribers will get, each in their own language. Send it?"),
        ((Button(label, CONFIRM_PREFIX + announcement_id),),),
    )
    return [shown, confirm]


async def start(
    knowledge: KnowledgeBase,
    store: Broadcasts,
    announcement_id: str,
    admin_id: int,
    lang: str,
    now: dt.datetime,
) -> tuple[Broadcast | None, Reply]:
    """Record the broadcast with its recipients; the broadcaster then sends it."""
    t = strings(lang)
    announcement = knowledge.announcements.get(announcement_id)
    if announcement is None:
        return None, Reply(
            t._("There is no announcement “{id}”. /announce lists them.").format(
                id=escape(announcement_id)
            )
        )
    broadcast = await store.start(
        announcement=announcement.id,
        areas=announcement.areas,
        texts=announcement_texts(announcement, knowledge),
        admin_id=admin_id,
        admin_language=lang,
        now=now,
    )
    if broadcast is None:
        existing = await store.of_announcement(announcement_id)
        assert existing is not None  # start() found it
        return None, already_sent(existing, lang)
    return broadcast, Reply(t._("Sending started. I will report the progress here."))


def already_sent(broadcast: Broadcast, lang: str) -> Reply:
    t = strings(lang)
    return Reply(
        t._(
            "“{id}” was already sent on {date}. To send it again, the editors give it a new id."
        ).format(id=escape(broadcast.announcement), date=long_date(broadcast.created_at, lang))
    )
