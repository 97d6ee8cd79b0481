"""`ask`: one question, or JSON lines for the evaluation tools (DESIGN.md's contract)."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from bot.config import Settings
from bot.console.render import render
from bot.core.article_view import article_text
from bot.core.library import Library
from bot.core.replies import Reply
from bot.knowledge.problems import ContentError
from bot.search.matcher import Matcher


def run(
    settings: Settings,
    *,
    lang: str,
    as_json: bool,
    text: str,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    try:
        library = Library.load(settings.content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    matcher = library.matcher
    if as_json and not text:
        return _json_lines(matcher, stdin, out)
    decision = matcher.decide(text)
    if as_json:
        out.write(json.dumps(decision.as_json(), ensure_ascii=False) + "\n")
        return 0
    out.write(
        f"{decision.action.value} (score {decision.score}"
        f"{', urgent' if decision.urgent else ''})\n"
    )
    if decision.article:
        article = library.knowledge.articles[decision.article]
        out.write(render(Reply(article_text(article, lang, library.knowledge)))[0] + "\n")
    elif decision.candidates:
        out.write("candidates: " + ", ".join(decision.candidates) + "\n")
    return 0


def _json_lines(matcher: Matcher, stdin: TextIO, out: TextIO) -> int:
    """One JSON line out per line in; a malformed line gets an error object, never a crash."""
    for raw in stdin:
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            text = item["text"] if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise ValueError("expected an object with a string 'text'")
        except (ValueError, KeyError) as exc:
            out.write(json.dumps({"error": f"bad input line: {exc}"}) + "\n")
            continue
        # The decision does not depend on the interface language (all languages of an
        # article are indexed together), so "lang" is accepted and not needed here.
        out.write(json.dumps(matcher.decide(text).as_json(), ensure_ascii=False) + "\n")
        out.flush()
    return 0
