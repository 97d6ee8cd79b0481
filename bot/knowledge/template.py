"""`content new AREA ID`: the four files of a new article, ready for an editor to fill in.

The templates leave the texts empty on purpose: `content check` then points at every
field still to write, with its file and line, until the article is complete.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from bot.knowledge.fieldchecks import ID_PATTERN
from bot.knowledge.model import LANGUAGES

FACTS = """\
id: {id}
# order: 10                          # optional: position in the area's menu (smaller first)
related: []                          # other article ids, e.g. [address-change-reporting]
offices: []                          # office ids from offices/, e.g. [oamp-plzen]
sources:                             # at least one official page
  - url:                             # https://...
    # title:                         # optional: the page's name
"""

TRANSLATION = """\
id: {id}
reviewed: {today}                 # the day you checked this text against the sources
title:                               # up to 120 characters
summary: >-                          # one or two sentences that already answer the question

body: |                              # short paragraphs; "- " bullets; **bold**, [links](https://...)

keywords:                            # words residents use: synonyms, Russian, Latin letters
  -
questions:                           # optional (delete if unused): residents' typical questions
  -
"""


class TemplateError(Exception):
    """The article cannot be created; the message says why."""


def new_article(root: Path, area: str, article_id: str, today: dt.date) -> list[Path]:
    """Write facts/<area>/<id>.yaml and one file per language; never overwrite."""
    if not ID_PATTERN.match(article_id):
        raise TemplateError(
            f"id '{article_id}' must be lower-case words joined by hyphens, "
            "e.g. temporary-protection-extension"
        )
    areas = _areas(root)
    if area not in areas:
        raise TemplateError(f"area '{area}' is not in topics.yaml (areas: {', '.join(areas)})")
    existing = sorted(
        path.relative_to(root).as_posix()
        for folder in ("facts", *LANGUAGES)
        for path in (root / folder).glob(f"*/{article_id}.yaml")
    )
    if existing:
        raise TemplateError(f"'{article_id}' already exists: {', '.join(existing)}")
    files = {root / "facts" / area / f"{article_id}.yaml": FACTS.format(id=article_id)}
    for lang in LANGUAGES:
        files[root / lang / area / f"{article_id}.yaml"] = TRANSLATION.format(
            id=article_id, today=today.isoformat()
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _areas(root: Path) -> list[str]:
    try:
        topics = yaml.safe_load((root / "topics.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read {root / 'topics.yaml'}: {exc}") from exc
    listed = topics.get("areas") if isinstance(topics, dict) else None
    return [a["id"] for a in listed or [] if isinstance(a, dict) and isinstance(a.get("id"), str)]
