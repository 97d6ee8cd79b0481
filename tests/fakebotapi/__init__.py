"""A fake Telegram Bot API server for tests, checked against the published API description."""

from .server import DEFAULT_SPEC_PATH, Call, FakeBotApi
from .spec import BotApiSpec, UploadedFile

__all__ = ["DEFAULT_SPEC_PATH", "BotApiSpec", "Call", "FakeBotApi", "UploadedFile"]
