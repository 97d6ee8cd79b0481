"""Editors' content tools: `content new` from a template and `content status`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.knowledge.loader import load
from bot.knowledge.status import content_status, format_status
from bot.knowledge.template import TemplateError, new_article
from tests.conftest import TODAY
from tests.test_cli import run_bot

EXTENSION = "residence/temporary-protection-extension.yaml"


def test_new_article_creates_four_files_that_check_points_into(content_dir: Path) -> None:
    created = new_article(content_dir, "residence", "fishing-permit", TODAY)
    assert [p.relative_to(content_dir).as_posix() for p in created] == [
        "facts/residence/fishing-permit.yaml",
        "cs/residence/fishing-permit.yaml",
        "uk/residence/fishing-permit.yaml",
        "en/residence/fishing-permit.yaml",
    ]
    problems = [str(p) for p in load(content_dir, TODAY).errors]
    # Every empty field is named with its file and line, nothing else is wrong.
    assert "content/cs/residence/fishing-permit.yaml:3: 'title' must be non-empty text" in problems
    assert "content/uk/residence/fishing-permit.yaml:9: every item of 'keywords' must be non-empty text" in problems  # fmt: skip
    assert not any("has no" in p for p in problems)  # the files exist, they are only empty
    assert (
        "content/facts/residence/fishing-permit.yaml:6: 'url' must be non-empty text" in problems
    )
    assert all("fishing-permit" in p for p in problems)


def test_a_filled_in_template_passes_the_check(content_dir: Path) -> None:
    fill_ins = [
        (r"^  - url:.*$", "  - url: https://www.plzen.eu/"),
        (r"^title:.*$", "title: Fishing permit"),
        (r"^summary:.*$", "summary: Buy a fishing permit."),
        (r"^body:.*$", "body: You need a permit."),
        (r"^(keywords|questions):.*\n  -$", r"\1:\n  - рибалка"),
    ]
    for path in new_article(content_dir, "residence", "fishing-permit", TODAY):
        text = path.read_text(encoding="utf-8")
        for pattern, value in fill_ins:
            text = re.sub(pattern, value, text, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
    result = load(content_dir, TODAY)
    assert result.errors == [], [str(p) for p in result.errors]
    assert result.knowledge is not None
    assert "fishing-permit" in result.knowledge.articles


@pytest.mark.parametrize(
    ("area", "article_id", "message"),
    [
        ("residence", "Fishing_Permit", "must be lower-case words joined by hyphens"),
        ("hobbies", "fishing-permit", "area 'hobbies' is not in topics.yaml"),
        ("safety", "emergency-numbers", "'emergency-numbers' already exists"),
    ],
)
def test_new_article_refuses_mistakes(
    content_dir: Path, area: str, article_id: str, message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        new_article(content_dir, area, article_id, TODAY)


def test_status_shows_review_dates_stale_translations_and_gaps(content_dir: Path) -> None:
    cs = content_dir / "cs" / EXTENSION
    cs.write_text(
        cs.read_text(encoding="utf-8").replace("2026-11-01", "2026-11-10"), encoding="utf-8"
    )
    en = content_dir / "en" / EXTENSION
    en.write_text(en.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    (content_dir / "uk" / "safety" / "emergency-numbers.yaml").unlink()
    statuses = {s.id: s for s in content_status(content_dir, TODAY)}
    cs_status, uk_status, en_status = statuses["temporary-protection-extension"].languages
    assert (cs_status.reviewed, cs_status.stale) == (dt.date(2026, 11, 10), False)
    assert (uk_status.reviewed, uk_status.stale, uk_status.missing) == (
        dt.date(2026, 11, 1),
        True,
        (),
    )
    assert en_status.stale
    assert en_status.missing == ("title",)
    assert uk_status.unfilled == ("questions",)
    emergency = {s.lang: s for s in statuses["emergency-numbers"].languages}
    assert not emergency["uk"].exists
    assert emergency["uk"].missing == ("file",)
    table = format_status(list(statuses.values())).splitlines()
    assert any(
        line.split()[:5] == ["residence", "temporary-protection-extension", "uk", "2026-11-01", "stale"]
        for line in table
    )  # fmt: skip
    assert table[-1] == "3 articles; 2 stale translation(s); 2 language version(s) incomplete"


def test_content_new_and_status_from_the_command_line(content_dir: Path) -> None:
    env = {"CONTENT_DIR": str(content_dir)}
    created = run_bot("content", "new", "safety", "fireworks", env=env)
    assert created.returncode == 0, created.stderr
    assert "created" in created.stdout
    assert (content_dir / "uk" / "safety" / "fireworks.yaml").is_file()
    again = run_bot("content", "new", "safety", "fireworks", env=env)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    status = run_bot("content", "status", env=env)
    assert status.returncode == 0
    assert "fireworks" in status.stdout
    check = run_bot("content", "check", env=env)
    assert check.returncode == 1
    assert "fireworks.yaml:3: 'title' must be non-empty text" in check.stdout
