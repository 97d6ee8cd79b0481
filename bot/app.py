"""Build the Telegram Application: handlers in one visible place, services at start."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import logs
from bot.announcements.admin import CONFIRM_PREFIX
from bot.config import Settings
from bot.handlers import announcements, places, residents
from bot.handlers.broadcast_transport import start_broadcaster
from bot.handlers.context import CONTEXT_TYPES, BotApplication
from bot.handlers.errors import on_error
from bot.i18n.catalog import strings
from bot.knowledge.model import LANGUAGES
from bot.knowledge.problems import ContentError
from bot.services import Services

log = logging.getLogger(__name__)

# Telegram language codes that get each of our command lists (ru speakers get uk).
COMMAND_SCOPES = {"cs": ("cs", "sk"), "uk": ("uk", "ru"), "en": ("en",)}


def build_application(
    settings: Settings, services: Services | None = None, *, rate_limit: bool = True
) -> BotApplication:
    """The Application; services are opened in post_init unless given (tests give them).

    rate_limit=False only for benchmarks that measure the bot itself, not Telegram's limits.
    """
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if settings.api_url:
        builder = builder.base_url(settings.api_url)
    application: BotApplication = builder.build()
    application.bot_data.services = services
    application.bot_data.settings = settings
    register_handlers(application)
    return application


def register_handlers(application: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    commands = {
        "start": residents.start,
        "menu": residents.menu,
        "help": residents.help_command,
        "language": residents.language,
        "assistant": residents.assistant,
        "forget": residents.forget,
        "subscribe": announcements.subscribe,
        "unsubscribe": announcements.unsubscribe,
        "district": places.district,
        "announce": announcements.announce,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    # Before the residents' handlers: the street typed after /district, admins' buttons.
    early = places.EARLY_GROUP
    application.add_handler(MessageHandler(private, places.expected_answer), group=early)
    confirm = CallbackQueryHandler(announcements.confirm, pattern=f"^{CONFIRM_PREFIX}")
    application.add_handler(confirm, group=early)
    application.add_handler(CallbackQueryHandler(places.end_waiting), group=early)
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
        ChatMemberHandler(residents.membership, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(on_error)


async def prepare(application: BotApplication) -> None:
    """Open services if needed and publish the command lists per language."""
    data = application.bot_data
    if data.services is None:
        assert data.settings is not None  # set by build_application
        data.services = await Services.open(data.settings)
    await start_broadcaster(data.services)
    for lang in LANGUAGES:
        commands = command_list(lang)
        for code in COMMAND_SCOPES[lang]:
            await application.bot.set_my_commands(commands, language_code=code)
    await application.bot.set_my_commands(command_list("en"))


def command_list(lang: str) -> list[BotCommand]:
    t = strings(lang)
    return [
        BotCommand("start", t._("Start and main menu")),
        BotCommand("menu", t._("Topics")),
        BotCommand("assistant", t._("Ask a person")),
        BotCommand("language", t._("Change language")),
        BotCommand("help", t._("Help")),
        BotCommand("forget", t._("Delete my data")),
        BotCommand("subscribe", t._("Announcements from the city")),
        BotCommand("unsubscribe", t._("Stop announcements")),
        BotCommand("district", t._("My police district")),
    ]


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    await prepare(application)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    services = application.bot_data.services
    if services is not None:
        await services.close()


def run(settings: Settings) -> int:
    """`python -m bot run`: polling, or a webhook when WEBHOOK_URL is set."""
    logs.setup()
    settings.require_token()
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
