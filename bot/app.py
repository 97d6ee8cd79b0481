"""Build the Telegram Application: handlers in one visible place, services at start."""

from __future__ import annotations

import datetime as dt
import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import logs
from bot.announcements.admin import CONFIRM_PREFIX
from bot.config import Settings
from bot.handlers import admins, announcements, guard, places, residents, staff
from bot.handlers.broadcast_transport import start_broadcaster
from bot.handlers.context import CONTEXT_TYPES, BotApplication, BotContext
from bot.handlers.errors import on_error
from bot.handlers.forum import TelegramForum
from bot.handlers.ordering import MAX_CONCURRENT_UPDATES, PerChatUpdateProcessor
from bot.handlers.relay import PER_CHAT_INTERVAL, Relay
from bot.handoff.desk import HelpDesk
from bot.i18n.catalog import strings
from bot.knowledge.model import LANGUAGES
from bot.knowledge.problems import ContentError
from bot.rate_limits import rate_limiter
from bot.services import Services
from bot.storage.database import check_file
from bot.storage.retention import apply_retention

log = logging.getLogger(__name__)

# Seconds a request may wait for a free connection before PTB gives up on it.
POOL_TIMEOUT = 10.0
# Seconds to wait for Telegram's answer (python-telegram-bot's default). After that the
# call may or may not have been carried out: see bot/rate_limits.py.
READ_TIMEOUT = 5.0
# Telegram language codes that get each of our command lists (ru speakers get uk).
COMMAND_SCOPES = {"cs": ("cs", "sk"), "uk": ("uk", "ru"), "en": ("en",)}


def build_application(
    settings: Settings,
    services: Services | None = None,
    *,
    rate_limit: bool = True,
    rate_limit_scale: float = 1.0,
    read_timeout: float = READ_TIMEOUT,
) -> BotApplication:
    """The Application; services are opened in post_init unless given (tests give them).

    rate_limit=False only for benchmarks that measure the bot itself, not Telegram's limits;
    rate_limit_scale > 1 shortens every limit's period, for benchmarks that compress time;
    a short read_timeout lets fault tests reach Telegram's timeouts quickly.
    """
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
        .post_stop(_post_stop)
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        # One connection per update in progress: with fewer, concurrent updates queue
        # inside the HTTP pool, which scans its queue on every request.
        .connection_pool_size(MAX_CONCURRENT_UPDATES)
        .pool_timeout(POOL_TIMEOUT)
        .read_timeout(read_timeout)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:
        builder = builder.rate_limiter(rate_limiter(rate_limit_scale))  # type: ignore[arg-type]
    if settings.api_url:
        builder = builder.base_url(settings.api_url)
    application: BotApplication = builder.build()
    application.bot_data.services = services
    application.bot_data.settings = settings
    application.bot_data.rate_limit_scale = rate_limit_scale
    register_handlers(application)
    return application


# How often the reminder job looks for tickets waiting too long (it posts far less often).
REMINDER_CHECK_SECONDS = 60
# Handler groups run in order; the flood guard comes before everything, even the
# early handlers of places.EARLY_GROUP.
FLOOD_GROUP = places.EARLY_GROUP - 1
# The daily retention job first runs shortly after start, so a bot restarted often still
# forgets on time.
RETENTION_FIRST_RUN = dt.timedelta(minutes=5)


def register_handlers(application: BotApplication) -> None:
    settings = application.bot_data.settings
    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE & new
    commands = {
        "start": residents.start,
        "menu": residents.menu,
        "help": residents.help_command,
        "language": residents.language,
        "assistant": residents.assistant,
        "cancel": residents.cancel,
        "forget": residents.forget,
        "subscribe": announcements.subscribe,
        "unsubscribe": announcements.unsubscribe,
        "district": places.district,
        "announce": announcements.announce,
    }
    # Group -2 runs first and may stop an update from reaching the handlers below.
    application.add_handler(TypeHandler(Update, guard.flood_guard), group=FLOOD_GROUP)
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    # Before the residents' handlers: the street typed after /district, admins' buttons.
    early = places.EARLY_GROUP
    application.add_handler(MessageHandler(private, places.expected_answer), group=early)
    confirm = CallbackQueryHandler(announcements.confirm, pattern=f"^{CONFIRM_PREFIX}")
    application.add_handler(confirm, group=early)
    application.add_handler(CallbackQueryHandler(places.end_waiting), group=early)
    if settings is not None and settings.staff_chat_id is not None:
        in_staff_chat = filters.Chat(settings.staff_chat_id)
        staff_commands = {
            "claim": staff.claim,
            "close": staff.close,
            "release": staff.release,
            "note": staff.note,
            "article": staff.article,
            "history": staff.history,
            "ban": staff.ban,
            "unban": staff.unban,
            "name": staff.name,
        }
        for name, callback in staff_commands.items():
            application.add_handler(CommandHandler(name, callback, filters=in_staff_chat & new))
        application.add_handler(CallbackQueryHandler(staff.card_button, pattern=r"^desk:"))
        application.add_handler(
            MessageHandler(
                in_staff_chat & new & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
                staff.message_to_resident,
            )
        )
        application.add_handler(
            MessageHandler(in_staff_chat & filters.UpdateType.EDITED_MESSAGE, staff.edited)
        )
    application.add_handler(CallbackQueryHandler(residents.button))
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, residents.text)
    )
    application.add_handler(
        MessageHandler(
            private & ~filters.TEXT & ~filters.StatusUpdate.ALL, residents.other_message
        )
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, residents.edited
        )
    )
    application.add_handler(
        ChatMemberHandler(residents.membership, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    admins.register(application)
    application.add_error_handler(on_error)


async def prepare(application: BotApplication) -> None:
    """Open services if needed, connect the help desk, publish the command lists."""
    data = application.bot_data
    if data.services is None:
        assert data.settings is not None  # set by build_application
        data.services = await Services.open(data.settings)
    services = data.services
    await start_broadcaster(services)
    for lang in LANGUAGES:
        commands = command_list(lang)
        for code in COMMAND_SCOPES[lang]:
            await application.bot.set_my_commands(commands, language_code=code)
    await application.bot.set_my_commands(command_list("en"))
    staff_chat = services.settings.staff_chat_id
    if staff_chat is not None:
        await _open_desk(application, services, staff_chat)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _forget_old, interval=dt.timedelta(days=1), first=RETENTION_FIRST_RUN
        )


async def _open_desk(application: BotApplication, services: Services, staff_chat: int) -> None:
    relay: Relay | None = None
    forum = TelegramForum(application, staff_chat, lambda: relay.wake() if relay else None)
    desk = HelpDesk(services.conversation, services.db, forum, services.settings.staff_language)
    scale = application.bot_data.rate_limit_scale
    relay = Relay(application, desk, staff_chat, per_chat_interval=PER_CHAT_INTERVAL / scale)
    services.desk = desk
    services.conversation.handoff = desk
    application.bot_data.relay = relay
    try:
        await application.bot.set_my_commands(
            staff_command_list(services.settings.staff_language),
            scope=BotCommandScopeChat(staff_chat),
        )
    except TelegramError as exc:
        log.warning("could not set the staff chat's commands: %s", exc)
    await desk.recover()
    relay.start()
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _remind, interval=REMINDER_CHECK_SECONDS, first=REMINDER_CHECK_SECONDS
        )


async def _remind(context: BotContext) -> None:
    """Tickets waiting too long, listed in the staff chat's general topic."""
    desk = context.services.desk
    if desk is None:
        return
    reminder = await desk.tools.remind()
    if reminder is not None:
        await desk.forum.post(None, reminder)


async def _forget_old(context: BotContext) -> None:
    """Daily: empty old query texts and comments, drop old tickets' message pairs."""
    services = context.services
    forgotten = await apply_retention(
        services.db, services.settings.retention, services.conversation.clock.now()
    )
    log.info(
        "retention applied",
        extra={
            "query_texts": forgotten.query_texts,
            "feedback_comments": forgotten.feedback_comments,
            "message_pairs": forgotten.message_pairs,
        },
    )


async def finish(application: BotApplication) -> None:
    """Stop background work before the database closes."""
    relay = application.bot_data.relay
    if relay is not None:
        await relay.stop()
        application.bot_data.relay = None


def command_list(lang: str) -> list[BotCommand]:
    t = strings(lang)
    return [
        BotCommand("start", t._("Start and main menu")),
        BotCommand("menu", t._("Topics")),
        BotCommand("assistant", t._("Ask a person")),
        BotCommand("cancel", t._("Withdraw my request to a person")),
        BotCommand("language", t._("Change language")),
        BotCommand("help", t._("Help")),
        BotCommand("forget", t._("Delete my data")),
        BotCommand("subscribe", t._("Announcements from the city")),
        BotCommand("unsubscribe", t._("Stop announcements")),
        BotCommand("district", t._("My police district")),
    ]


def staff_command_list(lang: str) -> list[BotCommand]:
    t = strings(lang)
    return [
        BotCommand("claim", t._("Take this ticket")),
        BotCommand("close", t._("Close this ticket [reason]")),
        BotCommand("release", t._("Return the ticket to the queue")),
        BotCommand("note", t._("A note for colleagues, not sent")),
        BotCommand("article", t._("Send an article: /article ID")),
        BotCommand("history", t._("The resident's earlier tickets")),
        BotCommand("ban", t._("Stop relaying this resident")),
        BotCommand("unban", t._("Lift the ban")),
        BotCommand("name", t._("The name residents see")),
    ]


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    await prepare(application)


async def _post_stop(application: Application) -> None:  # type: ignore[type-arg]
    await finish(application)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    services = application.bot_data.services
    if services is not None:
        await services.close()


def run(settings: Settings) -> int:
    """`python -m bot run`: polling, or a webhook when WEBHOOK_URL is set."""
    logs.setup(settings.log_level)
    settings.require_token()
    unusable = check_file(settings.database_path)
    if unusable is not None:
        log.error("DATABASE_PATH: %s", unusable)
        return 1
    try:
        application = build_application(settings)
    except ContentError as exc:
        for problem in exc.problems:
            log.error("content: %s", problem)
        return 1
    if settings.webhook_url:
        if not settings.webhook_secret:
            log.error("WEBHOOK_SECRET: required in webhook mode")
            return 2
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            secret_token=settings.webhook_secret,
            webhook_url=settings.webhook_url,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
