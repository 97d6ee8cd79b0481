"""`content check | dump | status | new`: the editors' validator, an export, translation
freshness, and new articles from a template."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TextIO

from bot.config import Settings
from bot.knowledge.loader import load
from bot.knowledge.status import content_status, format_status
from bot.knowledge.template import TemplateError, new_article


def check(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Print every problem as file:line: message; exit 1 if any is an error."""
    result = load(settings.content_dir)
    for problem in result.problems:
        print(problem, file=out)
    errors, warnings = len(result.errors), len(result.warnings)
    if result.knowledge is not None:
        articles = len(result.knowledge.articles)
        print(f"content OK: {articles} articles, {warnings} warning(s)", file=out)
        return 0
    print(f"content has {errors} error(s) and {warnings} warning(s)", file=out)
    return 1


def dump(settings: Settings, out: TextIO = sys.stdout) -> int:
    """The whole knowledge base as JSON (DESIGN.md's contract)."""
    result = load(settings.content_dir)
    if result.knowledge is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    articles = [
        {
            "id": article.id,
            "area": article.area,
            "related": list(article.related),
            "offices": list(article.offices),
            "sources": [source.url for source in article.sources],
            "translations": {
                lang: {
                    "title": text.title,
                    "summary": text.summary,
                    "body": text.body,
                    "sections": [{"title": s.title, "body": s.body} for s in text.sections],
                    "keywords": list(text.keywords),
                    "questions": list(text.questions),
                    "reviewed": text.reviewed.isoformat(),
                }
                for lang, text in article.translations.items()
            },
        }
        for article in result.knowledge.articles.values()
    ]
    out_of_scope = [
        {"id": topic.id, "note": topic.note, "keywords": dict(topic.keywords)}
        for topic in result.knowledge.out_of_scope.values()
    ]
    json.dump(
        {"articles": articles, "out_of_scope": out_of_scope}, out, ensure_ascii=False, indent=2
    )
    out.write("\n")
    return 0


def status(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Per article and language: reviewed date, stale or not, missing fields."""
    if not settings.content_dir.is_dir():
        print(f"{settings.content_dir}: content directory does not exist", file=sys.stderr)
        return 1
    out.write(format_status(content_status(settings.content_dir)))
    return 0


def new(settings: Settings, area: str, article_id: str, out: TextIO = sys.stdout) -> int:
    """Create the facts file and the cs, uk and en files of a new article."""
    try:
        created = new_article(settings.content_dir, area, article_id, dt.date.today())
    except TemplateError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path}", file=out)
    print("fill them in, then run: python -m bot content check", file=out)
    return 0
