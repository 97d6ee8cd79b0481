"""What assistants read in the staff forum: topic names, ticket cards, lists.

Everything a resident wrote passes through escape(), so their words can never turn into
markup (or HTML) in the staff chat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.core import actions
from bot.core.replies import Button, Reply
from bot.i18n.catalog import strings
from bot.i18n.formatting import short_date_time
from bot.knowledge.markup import escape
from bot.storage.tickets import State, Ticket

FLAGS = {"uk": "🇺🇦", "cs": "🇨🇿", "en": "🇬🇧"}
TOPIC_NAME_LIMIT = 128
TOPIC_WORDS = 6
CARD_QUESTION_LIMIT = 1500


def topic_name(ticket: Ticket) -> str:
    """ "#12 🇺🇦 How do I extend my temporary…": number, language, the first words."""
    words = ticket.question.split()
    start = " ".join(words[:TOPIC_WORDS]) + ("…" if len(words) > TOPIC_WORDS else "")
    prefix = "✅ " if ticket.state is State.CLOSED else ("🚨 " if ticket.urgent else "")
    name = f"{prefix}#{ticket.id} {FLAGS.get(ticket.language, '')} {start}".strip()
    return name[:TOPIC_NAME_LIMIT]


def state_line(ticket: Ticket, lang: str) -> str:
    t = strings(lang)
    if ticket.state is State.WAITING:
        return t._("⏳ Waiting for an assistant")
    if ticket.state is State.CLAIMED:
        return t._("🙋 Taken by {name}").format(name=escape(ticket.assignee_name or "?"))
    return t._("✅ Closed")


def card(
    ticket: Ticket,
    earlier: Sequence[Ticket],
    recent_titles: Sequence[str],
    lang: str,
    timezone: dt.tzinfo,
) -> Reply:
    """The ticket card, the first post of the ticket in its topic; edited as it changes."""
    t = strings(lang)
    language = {"uk": "Українська", "cs": "Čeština", "en": "English"}.get(ticket.language, "")
    lines = [
        t._("**Ticket #{number}**").format(number=ticket.id)
        + f" · {FLAGS.get(ticket.language, '')} {language}",
        state_line(ticket, lang),
    ]
    if ticket.urgent:
        lines.append(t._("🚨 **Urgent**: the resident wrote about danger or violence."))
    question = ticket.question.strip() or t._("(no question given)")
    if len(question) > CARD_QUESTION_LIMIT:
        question = question[: CARD_QUESTION_LIMIT - 1] + "…"
    lines.append("")
    lines.append(t._("**Question:**"))
    lines.append(escape(question))
    if recent_titles:
        lines.append("")
        lines.append(
            t._("**Recently read:** {titles}").format(titles=escape("; ".join(recent_titles)))
        )
    if earlier:
        lines.append("")
        lines.append(t._("**Earlier tickets:**"))
        lines.extend(history_line(item, lang, timezone) for item in earlier[:5])
    buttons: tuple[tuple[Button, ...], ...] = ()
    if ticket.state is not State.CLOSED:
        row = [Button(t._("✋ Claim"), actions.encode(actions.StaffClaim(ticket.id)))]
        if ticket.state is State.CLAIMED:
            row = []
        row.append(Button(t._("✅ Close"), actions.encode(actions.StaffClose(ticket.id))))
        buttons = (tuple(row),)
    return Reply("\n".join(lines), buttons)


def history_line(ticket: Ticket, lang: str, timezone: dt.tzinfo) -> str:
    t = strings(lang)
    opened = short_date_time(ticket.opened_at.astimezone(timezone), lang)
    state = {
        State.WAITING: t._("waiting"),
        State.CLAIMED: t._("taken"),
        State.CLOSED: t._("closed"),
    }[ticket.state]
    rating = f" · {'★' * ticket.rating}" if ticket.rating else ""
    words = " ".join(ticket.question.split()[:10])
    return f"#{ticket.id} · {opened} · {state}{rating} · {escape(words)}"


def history(tickets: Sequence[Ticket], lang: str, timezone: dt.tzinfo) -> Reply:
    t = strings(lang)
    if not tickets:
        return Reply(t._("No earlier tickets from this resident."))
    lines = [t._("**Earlier tickets:**")]
    lines.extend(history_line(ticket, lang, timezone) for ticket in tickets)
    return Reply("\n".join(lines))


def reminder(tickets: Sequence[Ticket], now: dt.datetime, lang: str) -> Reply:
    """Tickets waiting too long, oldest first, with how long each has waited."""
    t = strings(lang)
    lines = [
        t.ngettext(
            "⏰ {count} ticket is waiting for an assistant:",
            "⏰ {count} tickets are waiting for an assistant:",
            len(tickets),
        ).format(count=len(tickets))
    ]
    for ticket in tickets:
        minutes = int((now - ticket.opened_at).total_seconds() // 60)
        waited = t.ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
        urgent = "🚨 " if ticket.urgent else ""
        words = " ".join(ticket.question.split()[:8])
        lines.append(
            f"{urgent}#{ticket.id} {FLAGS.get(ticket.language, '')} · {waited} · {escape(words)}"
        )
    return Reply("\n".join(lines))
