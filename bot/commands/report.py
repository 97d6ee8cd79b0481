"""`report unanswered | feedback | usage`: editors' reports on the database, to stdout."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.core.conversation import utc_now
from bot.knowledge.loader import load
from bot.reports import feedback, unanswered, usage
from bot.reports.chart import MISSING, charts_available, save_usage_chart
from bot.reports.period import Period, parse_since
from bot.reports.tables import Document, render
from bot.search.matcher import Matcher
from bot.storage.database import connect

KINDS = ("unanswered", "feedback", "usage")
FORMATS = ("markdown", "csv")


def run(
    settings: Settings,
    kind: str,
    *,
    since: str = "30d",
    fmt: str = "markdown",
    chart: Path | None = None,
    now: dt.datetime | None = None,
    out: TextIO = sys.stdout,
) -> int:
    try:
        period = parse_since(since, now or utc_now(), settings.timezone)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if chart is not None and kind != "usage":
        print("--chart belongs to `report usage`", file=sys.stderr)
        return 2
    if chart is not None and not charts_available():
        print(MISSING, file=sys.stderr)
        return 2
    if not settings.database_path.is_file():
        print(f"no database at {settings.database_path} (DATABASE_PATH)", file=sys.stderr)
        return 1
    document = asyncio.run(_build(settings, kind, period, chart))
    out.write(render(document, fmt))
    return 0


async def _build(settings: Settings, kind: str, period: Period, chart: Path | None) -> Document:
    db = await connect(settings.database_path)
    try:
        if kind == "unanswered":
            report = await unanswered.unanswered_report(db, period, _matcher(settings))
            return unanswered.document(report)
        if kind == "feedback":
            return feedback.document(await feedback.feedback_report(db, period))
        used = await usage.usage_report(db, period, settings.assistant_hours)
        if chart is not None:
            save_usage_chart(used, chart)
        return usage.document(used)
    finally:
        await db.close()


def _matcher(settings: Settings) -> Matcher | None:
    """The current articles, to name the closest one; the report runs without them."""
    result = load(settings.content_dir)
    if result.knowledge is None:
        print(
            "content has errors (see `content check`): closest articles are left out",
            file=sys.stderr,
        )
        return None
    return Matcher(result.knowledge)
