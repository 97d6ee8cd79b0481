"""`db backup PATH`: a consistent copy of the live database."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.storage.backup import backup


def backup_to(settings: Settings, target: Path, out: TextIO = sys.stdout) -> int:
    try:
        tickets = backup(settings.database_path, target)
    except (FileNotFoundError, sqlite3.Error, OSError) as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backed up {settings.database_path} to {target} ({tickets} tickets)", file=out)
    return 0
