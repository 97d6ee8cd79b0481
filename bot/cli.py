"""The command line: `python -m bot COMMAND` (DESIGN.md's contract)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings
from bot.knowledge.model import LANGUAGES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Info-service for foreign residents of Plzeň."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    chat = commands.add_parser("chat", help="talk to the bot in this terminal (no token needed)")
    chat.add_argument("--lang", choices=LANGUAGES, help="interface language (asked if omitted)")

    commands.add_parser("run", help="run the Telegram bot (polling, or webhook if configured)")

    ask = commands.add_parser("ask", help="answer one question, or JSON lines from stdin")
    ask.add_argument("--lang", choices=LANGUAGES, default="uk")
    ask.add_argument("--json", action="store_true", help="print the decision as JSON")
    ask.add_argument("text", nargs="*", help="the question (omit with --json to read stdin)")

    content = commands.add_parser("content", help="editors' tools for the content")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    content_commands.add_parser("check", help="validate everything; exit 1 on errors")
    content_commands.add_parser("dump", help="the knowledge base as JSON")

    database = commands.add_parser("db", help="the database")
    database_commands = database.add_subparsers(dest="db_command", required=True)
    backup = database_commands.add_parser(
        "backup", help="a consistent copy of the live database (safe while the bot runs)"
    )
    backup.add_argument("path", type=Path, help="where to write the copy")
    content_commands.add_parser("status", help="per article and language: review, stale, gaps")
    new = content_commands.add_parser("new", help="create a new article's files from a template")
    new.add_argument("area", help="an area id from topics.yaml")
    new.add_argument("id", help="the new article's id: lower-case words joined by hyphens")

    report = commands.add_parser("report", help="editors' reports: unanswered, feedback, usage")
    report.add_argument("kind", choices=("unanswered", "feedback", "usage"))
    report.add_argument("--since", default="30d", help="30d, 8w or a date (default 30d)")
    report.add_argument("--format", choices=("markdown", "csv"), default="markdown")
    report.add_argument("--chart", type=Path, metavar="PNG", help="usage: also draw a chart")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return _dispatch(args, settings)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "content":
        from bot.commands import content

        if args.content_command == "new":
            return content.new(settings, args.area, args.id)
        return {"check": content.check, "dump": content.dump, "status": content.status}[
            args.content_command
        ](settings)
    if args.command == "report":
        from bot.commands import report

        return report.run(settings, args.kind, since=args.since, fmt=args.format, chart=args.chart)
    if args.command == "ask":
        from bot.commands import ask

        return ask.run(settings, lang=args.lang, as_json=args.json, text=" ".join(args.text))
    if args.command == "chat":
        from bot.console import chat

        return chat.run(settings, lang=args.lang)
    if args.command == "db":
        from bot.commands import db

        return db.backup_to(settings, args.path)
    if args.command == "run":
        from bot import app

        return app.run(settings)
    raise AssertionError(f"unhandled command {args.command}")
