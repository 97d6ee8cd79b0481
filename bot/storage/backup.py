"""A consistent copy of the live database, taken while the bot keeps writing.

SQLite's online backup copies page by page and restarts if a writer changes a page it
already copied, so the copy is a snapshot of one moment, WAL contents included.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup(source: Path, target: Path) -> int:
    """Copy source to target (replaced if it exists); returns the number of tickets in it."""
    if not source.is_file():
        raise FileNotFoundError(f"no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with sqlite3.connect(source) as live, sqlite3.connect(partial) as copy:
        live.execute("PRAGMA busy_timeout = 5000")
        live.backup(copy)
    # Only a finished copy takes the target's name: a crash mid-backup leaves the old one.
    partial.replace(target)
    with sqlite3.connect(target) as copy:
        (tickets,) = copy.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'tickets'"
        ).fetchone()
        if not tickets:
            return 0
        (count,) = copy.execute("SELECT COUNT(*) FROM tickets").fetchone()
    return int(count)
