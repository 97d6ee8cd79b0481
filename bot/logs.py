"""Structured logging (key=value) that never prints the bot token."""

from __future__ import annotations

import logging
import re
import sys

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Anything shaped like a bot token, wherever it appears (URLs logged by httpx, errors).
TOKEN_PATTERN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactingFormatter(logging.Formatter):
    """time level logger message key=value...; tokens replaced by [token]."""

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(
            f"{key}={value!r}" for key, value in vars(record).items() if key not in _STANDARD
        )
        line = super().format(record) + (f" {extras}" if extras else "")
        return TOKEN_PATTERN.sub("[token]", line)


def setup(level: int | str = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the token: keep it to warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
