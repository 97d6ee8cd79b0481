"""A fake Telegram Bot API server for tests, checked against the published API description."""

from .limits import TelegramLimits
from .server import DEFAULT_SPEC_PATH, Call, Delivery, FakeBotApi
from .spec import BotApiSpec, UploadedFile

__all__ = [
    "DEFAULT_SPEC_PATH",
    "BotApiSpec",
    "Call",
    "Delivery",
    "FakeBotApi",
    "TelegramLimits",
    "UploadedFile",
]
