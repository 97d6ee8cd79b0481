"""Assistants in the staff forum: ticket commands, card buttons, and their messages to residents.

Every handler here is registered for the staff chat only, and acts only for people who
are members of it (checked with Telegram, cached briefly): anyone else is ignored.
"""

from __future__ import annotations

import logging
import time

from telegram import Message, ReactionTypeEmoji, Update, User
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot.core import actions
from bot.handlers.context import BotContext
from bot.handlers.incoming import incoming
from bot.handoff.desk import HelpDesk
from bot.handoff.forum import StaffMember, StaffReply
from bot.i18n.catalog import strings
from bot.storage.tickets import Ticket

log = logging.getLogger(__name__)

MEMBERSHIP_TTL = 300.0  # seconds a confirmed membership is trusted without asking again
_MEMBERS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER)
NOTE_REACTION = "✍"


async def _staff(update: Update, context: BotContext) -> tuple[HelpDesk, StaffMember] | None:
    """The desk and the acting assistant, or None if this is not a staff member."""
    desk = context.services.desk
    user = update.effective_user
    chat = update.effective_chat
    if desk is None or user is None or chat is None or user.is_bot:
        return None
    if chat.id != context.services.settings.staff_chat_id:
        return None
    if not await _is_member(context, chat.id, user):
        log.warning("ignored a staff action from a non-member", extra={"user": user.id})
        return None
    return desk, StaffMember(user.id, user.full_name)


async def _is_member(context: BotContext, chat_id: int, user: User) -> bool:
    checked = context.bot_data.staff_checked
    if checked.get(user.id, 0.0) > time.monotonic():
        return True
    try:
        member = await context.bot.get_chat_member(chat_id, user.id)
    except TelegramError as exc:
        log.warning("membership check failed: %s", exc)
        return False
    is_member = member.status in _MEMBERS or (
        member.status == ChatMemberStatus.RESTRICTED and getattr(member, "is_member", False)
    )
    if is_member:
        checked[user.id] = time.monotonic() + MEMBERSHIP_TTL
    else:
        checked.pop(user.id, None)
    return is_member


async def _in_ticket(
    update: Update, context: BotContext
) -> tuple[HelpDesk, StaffMember, Ticket] | None:
    """For commands written inside a ticket's topic; elsewhere says where to use them."""
    found = await _staff(update, context)
    message = update.effective_message
    if found is None or message is None:
        return None
    desk, staff = found
    thread = message.message_thread_id if message.is_topic_message else None
    ticket = await desk.ticket_in_topic(thread)
    if ticket is None:
        await message.reply_text(
            strings(desk.staff)._("Use this command inside a ticket's topic.")
        )
        return None
    return desk, staff, ticket


async def _answer(desk: HelpDesk, ticket: Ticket, reply: StaffReply) -> None:
    await desk.board.post_note(ticket, reply.text)


async def claim(update: Update, context: BotContext) -> None:
    """/claim: take the ticket of this topic."""
    if found := await _in_ticket(update, context):
        desk, staff, ticket = found
        await _answer(desk, ticket, await desk.claim(ticket.id, staff))


async def release(update: Update, context: BotContext) -> None:
    """/release: give the ticket back to the queue."""
    if found := await _in_ticket(update, context):
        desk, staff, ticket = found
        await _answer(desk, ticket, await desk.release(ticket, staff))


async def close(update: Update, context: BotContext) -> None:
    """/close [reason]: close the ticket; the resident is asked to rate the help."""
    if found := await _in_ticket(update, context):
        desk, staff, ticket = found
        reason = " ".join(context.args or ()) or None
        await _answer(desk, ticket, await desk.close(ticket.id, staff, reason))


async def note(update: Update, context: BotContext) -> None:
    """/note TEXT: for colleagues only; never relayed. Marked with ✍ so it is recognisable."""
    if await _in_ticket(update, context) and (message := update.effective_message):
        try:
            await message.set_reaction(ReactionTypeEmoji(NOTE_REACTION))
        except TelegramError as exc:
            log.info("could not mark the note: %s", exc)


async def article(update: Update, context: BotContext) -> None:
    """/article ID: send that article to the resident in their language."""
    if found := await _in_ticket(update, context):
        desk, _staff_member, ticket = found
        if not context.args:
            await _answer(desk, ticket, StaffReply(strings(desk.staff)._("Usage: /article ID")))
            return
        await _answer(desk, ticket, await desk.tools.send_article(ticket, context.args[0]))


async def history(update: Update, context: BotContext) -> None:
    """/history: the resident's earlier tickets."""
    if found := await _in_ticket(update, context):
        desk, _staff_member, ticket = found
        await _answer(desk, ticket, await desk.tools.history(ticket))


async def ban(update: Update, context: BotContext) -> None:
    """/ban: stop relaying this resident (told politely that the service is unavailable)."""
    if found := await _in_ticket(update, context):
        desk, staff, ticket = found
        await _answer(desk, ticket, await desk.tools.ban(ticket, staff))


async def unban(update: Update, context: BotContext) -> None:
    """/unban: lift the ban."""
    if found := await _in_ticket(update, context):
        desk, _staff_member, ticket = found
        await _answer(desk, ticket, await desk.tools.unban(ticket))


async def name(update: Update, context: BotContext) -> None:
    """/name NAME: the name residents see when this assistant writes to them."""
    found = await _staff(update, context)
    message = update.effective_message
    if found is None or message is None:
        return
    desk, staff = found
    reply = await desk.tools.set_name(staff, " ".join(context.args or ()))
    await message.reply_text(reply.text)


async def card_button(update: Update, context: BotContext) -> None:
    """Claim and Close on a ticket card."""
    query = update.callback_query
    if query is None:
        return
    found = await _staff(update, context)
    action = actions.parse_staff(query.data)
    if found is None or action is None:
        await query.answer()
        return
    desk, staff = found
    if isinstance(action, actions.StaffClaim):
        reply = await desk.claim(action.ticket, staff)
    else:
        reply = await desk.close(action.ticket, staff, None)
    await query.answer(reply.text if reply.alert else None, show_alert=reply.alert)
    ticket = await desk.tickets.get(action.ticket)
    if not reply.alert and ticket is not None:
        await desk.board.post_note(ticket, reply.text)


async def message_to_resident(update: Update, context: BotContext) -> None:
    """Anything an assistant writes in a ticket's topic goes to the resident."""
    message = update.effective_message
    found = await _staff(update, context)
    if found is None or message is None or not message.is_topic_message:
        return
    desk, staff = found
    ticket = await desk.ticket_in_topic(message.message_thread_id)
    if ticket is None:
        return
    reply = await desk.staff_wrote(ticket, staff, incoming(message))
    if reply is not None:
        await desk.board.post_note(ticket, reply.text)


async def edited(update: Update, context: BotContext) -> None:
    """An assistant corrected a relayed message: the resident's copy changes too."""
    message = update.edited_message
    if message is None or await _staff(update, context) is None:
        return
    desk = context.services.desk
    assert desk is not None  # _staff checked it
    found = await desk.pairs.resident_message(message.message_id)
    if found is not None:
        await mirror_edit(context, message, found[0], found[1])


async def mirror_edit(context: BotContext, message: Message, chat_id: int, copy_id: int) -> None:
    """Apply an edit to the copy of a message (text or caption, with its formatting)."""
    try:
        if message.text is not None:
            await context.bot.edit_message_text(
                message.text, chat_id=chat_id, message_id=copy_id, entities=message.entities
            )
        elif message.caption is not None:
            await context.bot.edit_message_caption(
                chat_id=chat_id,
                message_id=copy_id,
                caption=message.caption,
                caption_entities=message.caption_entities,
            )
    except TelegramError as exc:
        # Too old, deleted, or unchanged: the edit is lost, the conversation is not.
        log.info("could not mirror an edit: %s", exc)
