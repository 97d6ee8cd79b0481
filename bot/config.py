"""Settings from the environment (see .env.example). Secrets never leave this object's repr."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.handoff.hours import WorkingHours, parse_working_hours
from bot.knowledge.model import LANGUAGES
from bot.storage.retention import Retention

DEFAULT_TIMEZONE = "Europe/Prague"
DEFAULT_HOURS = "Mon-Fri 08:00-16:00"
DEFAULT_BROADCAST_RATE = 28.0  # messages a second; Telegram allows about 30 in all


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_path: Path
    content_dir: Path
    timezone: ZoneInfo
    assistant_hours: WorkingHours
    staff_chat_id: int | None = None
    # The language of the bot's own messages in the staff chat (the assistants speak uk).
    staff_language: str = "uk"
    admin_user_ids: frozenset[int] = frozenset()
    retention: Retention = field(default_factory=Retention)
    log_level: str = "INFO"
    api_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    content_watch_seconds: float = 2.0  # 0: no file watching, only /reload
    broadcast_rate: float = DEFAULT_BROADCAST_RATE
    token: str | None = field(default=None, repr=False)
    webhook_secret: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        timezone_name = get("TIMEZONE") or DEFAULT_TIMEZONE
        try:
            timezone = ZoneInfo(timezone_name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"TIMEZONE: unknown time zone {timezone_name!r}") from exc
        hours_text = get("ASSISTANT_HOURS") or DEFAULT_HOURS
        holidays_text = get("PUBLIC_HOLIDAYS") or ""
        try:
            hours = parse_working_hours(hours_text, holidays_text)
        except ValueError as exc:
            raise ConfigError(f"ASSISTANT_HOURS/PUBLIC_HOLIDAYS: {exc}") from exc
        broadcast_rate = _rate(get("BROADCAST_RATE"))
        webhook_url = get("WEBHOOK_URL")
        if webhook_url and not webhook_url.startswith("https://"):
            raise ConfigError("WEBHOOK_URL: must start with https://")
        return cls(
            database_path=Path(get("DATABASE_PATH") or "data/bot.sqlite3"),
            content_dir=Path(get("CONTENT_DIR") or "content"),
            timezone=timezone,
            assistant_hours=hours,
            staff_chat_id=_integer(get("STAFF_CHAT_ID"), "STAFF_CHAT_ID"),
            staff_language=_language(get("STAFF_LANGUAGE") or "uk", "STAFF_LANGUAGE"),
            admin_user_ids=frozenset(_id_list(get("ADMIN_USER_IDS") or "", "ADMIN_USER_IDS")),
            log_level=_log_level(get("LOG_LEVEL") or "INFO"),
            retention=Retention(
                query_texts=_days(get("RETENTION_QUERY_DAYS"), "RETENTION_QUERY_DAYS", 90),
                message_pairs=_days(get("RETENTION_PAIRS_DAYS"), "RETENTION_PAIRS_DAYS", 180),
            ),
            api_url=get("TELEGRAM_API_URL"),
            webhook_url=webhook_url,
            webhook_listen=get("WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=_integer(get("WEBHOOK_PORT"), "WEBHOOK_PORT") or 8443,
            content_watch_seconds=_seconds(get("CONTENT_WATCH_SECONDS"), "CONTENT_WATCH_SECONDS"),
            broadcast_rate=broadcast_rate,
            token=get("TELEGRAM_BOT_TOKEN"),
            webhook_secret=get("WEBHOOK_SECRET"),
        )

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError("TELEGRAM_BOT_TOKEN: required to run the Telegram bot")
        if not re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", self.token):
            raise ConfigError("TELEGRAM_BOT_TOKEN: does not look like a token from BotFather")
        return self.token


def _integer(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name}: {value!r} is not a whole number") from exc


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL: {value!r} is not DEBUG, INFO, WARNING or ERROR")
    return level


def _days(value: str | None, name: str, default: int) -> dt.timedelta:
    days = _integer(value, name)
    if days is None:
        return dt.timedelta(days=default)
    if days < 1:
        raise ConfigError(f"{name}: must be at least 1 (days)")
    return dt.timedelta(days=days)


def _language(value: str, name: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(f"{name}: {value!r} is not one of {', '.join(LANGUAGES)}")
    return value


def _seconds(value: str | None, name: str, default: float = 2.0) -> float:
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError as exc:
        raise ConfigError(f"{name}: {value!r} is not a number of seconds") from exc
    if not 0 <= seconds <= 3600:
        raise ConfigError(f"{name}: {value!r} must be between 0 (off) and 3600")
    return seconds


def _rate(value: str | None) -> float:
    if value is None:
        return DEFAULT_BROADCAST_RATE
    try:
        rate = float(value)
    except ValueError as exc:
        raise ConfigError(f"BROADCAST_RATE: {value!r} is not a number") from exc
    if not 0 < rate <= 30:
        raise ConfigError("BROADCAST_RATE: messages a second, above 0 and at most 30")
    return rate


def _id_list(value: str, name: str) -> list[int]:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    return [n for part in parts if (n := _integer(part, name)) is not None]
