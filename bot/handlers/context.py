"""A typed context: handlers reach the services as context.services, not dict lookups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Settings
from bot.core.flood import FloodGuard
from bot.services import Services

if TYPE_CHECKING:
    from bot.handlers.relay import Relay


class BotData:
    """Application-wide data; services are attached once at start."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.services: Services | None = None
        # Set at start when a staff chat is configured.
        self.relay: Relay | None = None
        # Staff chat members already checked: user id -> monotonic time the check expires.
        self.staff_checked: dict[int, float] = {}
        self.flood = FloodGuard()
        # >1 only in benchmarks that compress Telegram's time (see build_application).
        self.rate_limit_scale = 1.0


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are attached in post_init before any update")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
BotApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any
]
