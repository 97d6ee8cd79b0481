"""Editors and admins (ADMIN_USER_IDS): /reload, /stats, and content-change alerts.

The commands are registered only for admins' user ids: anyone else who types them gets
nothing (residents' text handler ignores commands), never an admin action.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, filters

from bot.core.content_reload import ReloadResult
from bot.core.conversation import utc_now
from bot.core.replies import Reply
from bot.handlers.context import BotApplication, BotContext
from bot.handlers.sending import send_replies
from bot.i18n.catalog import language_for, strings
from bot.knowledge.markup import escape
from bot.knowledge.model import SOURCE_LANGUAGE
from bot.reports.chart import ChartsUnavailable, charts_available, usage_chart_png
from bot.reports.period import parse_since
from bot.reports.summary import stats_summary
from bot.reports.usage import usage_report

log = logging.getLogger(__name__)

ERRORS_SHOWN = 20
STATS_DEFAULT_PERIOD = "30d"
WATCH_JOB = "content-watch"


def register(application: BotApplication) -> None:
    """Admin commands, and the content watch when CONTENT_WATCH_SECONDS is above 0."""
    settings = application.bot_data.settings
    assert settings is not None  # set by build_application before handlers
    admins = filters.ChatType.PRIVATE & filters.User(user_id=settings.admin_user_ids)
    # Not blocking: residents' updates keep flowing while content is rebuilt or a
    # chart is drawn.
    application.add_handler(CommandHandler("reload", reload, filters=admins, block=False))
    application.add_handler(CommandHandler("stats", stats, filters=admins, block=False))
    interval = settings.content_watch_seconds
    if interval > 0 and application.job_queue is not None:
        application.job_queue.run_repeating(
            watch_content, interval, first=interval, name=WATCH_JOB
        )


async def reload(update: Update, context: BotContext) -> None:
    """/reload: check the content now and serve it if it is valid."""
    user = update.effective_user
    assert user is not None
    lang = language_for(user.language_code)
    result = await context.services.reloader.reload()
    await send_replies(context, user.id, [Reply(reload_message(result, lang))])


async def watch_content(context: BotContext) -> None:
    """Timer: reload changed content; tell the admins about errors, and when they are fixed."""
    reloader = context.services.reloader
    previous = reloader.last
    result = await reloader.poll()
    if result is None:
        return
    failed_before = previous is not None and not previous.ok
    if result.ok and not failed_before:
        return  # a routine, valid change: no message needed
    if (
        not result.ok
        and failed_before
        and previous is not None
        and result.errors == previous.errors
    ):
        return  # saved again with the same mistakes: already reported
    await notify_admins(context, result)


async def notify_admins(context: BotContext, result: ReloadResult) -> None:
    services = context.services
    for admin in sorted(services.settings.admin_user_ids):
        # The language the admin chose as a resident, else Czech, the editors' language.
        lang = await services.conversation.residents.language(admin) or SOURCE_LANGUAGE
        text = reload_message(result, lang)
        try:
            await send_replies(context, admin, [Reply(text)])
        except TelegramError as exc:  # never started the bot, or left it
            log.warning("could not tell an admin about the content", extra={"reason": str(exc)})


def reload_message(result: ReloadResult, lang: str) -> str:
    t = strings(lang)
    if result.ok:
        lines = [
            t.ngettext(
                "Content reloaded: {count} article.",
                "Content reloaded: {count} articles.",
                result.articles,
            ).format(count=result.articles)
        ]
        if result.warnings:
            lines.append(
                t.ngettext(
                    "{count} warning: see content check.",
                    "{count} warnings: see content check.",
                    len(result.warnings),
                ).format(count=len(result.warnings))
            )
        return "\n".join(lines)
    lines = [
        t.ngettext(
            "The new content has {count} error. Residents still get the previous version.",
            "The new content has {count} errors. Residents still get the previous version.",
            len(result.errors),
        ).format(count=len(result.errors)),
        "",
    ]
    lines += [f"- {escape(str(problem))}" for problem in result.errors[:ERRORS_SHOWN]]
    hidden = len(result.errors) - ERRORS_SHOWN
    if hidden > 0:
        lines += ["", t._("…and {count} more: run content check.").format(count=hidden)]
    return "\n".join(lines)


async def stats(update: Update, context: BotContext) -> None:
    """/stats [30d]: the usage summary and, with matplotlib installed, its chart."""
    user = update.effective_user
    assert user is not None
    lang = language_for(user.language_code)
    services = context.services
    settings = services.settings
    since = context.args[0] if context.args else STATS_DEFAULT_PERIOD
    try:
        period = parse_since(since, utc_now(), settings.timezone)
    except ValueError:
        usage = strings(lang)._("Use /stats, /stats 7d or /stats 2026-11-01.")
        await send_replies(context, user.id, [Reply(usage)])
        return
    report = await usage_report(services.db, period, settings.assistant_hours)
    await send_replies(context, user.id, [Reply(stats_summary(report, lang))])
    if not charts_available():
        return
    try:
        png = await asyncio.to_thread(usage_chart_png, report)
    except ChartsUnavailable:
        return
    caption = strings(lang)._("Questions per day by language, and the share passed to a person")
    await context.bot.send_photo(user.id, png, caption=caption)
