"""What residents and the admin read: the announcement itself, progress and the report."""

from __future__ import annotations

from bot.core import actions
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings
from bot.i18n.formatting import count
from bot.knowledge.markup import escape
from bot.knowledge.model import LANGUAGES, Announcement, KnowledgeBase
from bot.storage.broadcasts import Tally


def announcement_texts(announcement: Announcement, knowledge: KnowledgeBase) -> dict[str, str]:
    """The message in every language, as it will be sent (stored when sending starts)."""
    return {lang: announcement_text(announcement, knowledge, lang) for lang in LANGUAGES}


def announcement_text(announcement: Announcement, knowledge: KnowledgeBase, lang: str) -> str:
    t = strings(lang)
    areas = ", ".join(
        f"{area.icon} {area.title[lang]}".strip()
        for area_id in announcement.areas
        if (area := knowledge.area(area_id)) is not None
    )
    footer = t._("You get this because you follow: {areas}. /subscribe changes your topics.")
    return "\n\n".join(
        (
            f"📢 **{announcement.title[lang]}**",
            announcement.body[lang],
            f"_{footer.format(areas=escape(areas))}_",
        )
    )


def announcement_reply(texts: dict[str, str], lang: str) -> Reply:
    """One resident's message: the stored text in their language, and their settings."""
    text = texts.get(lang) or texts.get("en") or next(iter(texts.values()))
    label = strings(lang)._("⚙️ My announcement topics")
    return Reply(text, ((Button(label, actions.encode(actions.Subscriptions())),),))


def progress_text(announcement: str, tally: Tally, lang: str) -> str:
    t = strings(lang)
    return t._(
        "📢 Sending “{announcement}”: {done} of {total} done. Delivered {sent}, "
        "blocked the bot {blocked}, failed {failed}."
    ).format(
        announcement=announcement,
        done=count(tally.done, lang),
        total=count(tally.total, lang),
        sent=count(tally.sent, lang),
        blocked=count(tally.blocked, lang),
        failed=count(tally.failed, lang),
    )


def final_text(announcement: str, tally: Tally, uncertain: int, lang: str) -> str:
    t = strings(lang)
    parts = [
        t._(
            "✅ “{announcement}” is sent: delivered to {sent} of {total} subscribers; "
            "{blocked} had blocked the bot; {failed} failed."
        ).format(
            announcement=announcement,
            sent=count(tally.sent, lang),
            total=count(tally.total, lang),
            blocked=count(tally.blocked, lang),
            failed=count(tally.failed, lang),
        )
    ]
    if uncertain:
        parts.append(
            t.ngettext(
                "{count} message was on its way when the bot stopped and was sent again; "
                "that subscriber may have it twice.",
                "{count} messages were on their way when the bot stopped and were sent "
                "again; those subscribers may have them twice.",
                uncertain,
            ).format(count=count(uncertain, lang))
        )
    return "\n\n".join(parts)
