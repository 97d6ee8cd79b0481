"""The content loader reports every problem with the file and line an editor must open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge.loader import load
from bot.knowledge.problems import Severity
from tests.conftest import TODAY

EXTENSION = "cs/residence/temporary-protection-extension.yaml"


def messages(content: Path, today: dt.date = TODAY) -> list[str]:
    return [str(p) for p in load(content, today).problems]


def edit(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_content_loads_without_problems(content_dir: Path) -> None:
    result = load(content_dir, TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    assert set(result.knowledge.articles) == {
        "temporary-protection-extension",
        "address-change-reporting",
        "emergency-numbers",
    }
    office = result.knowledge.offices["oamp-plzen"]
    assert [r.start.hour for r in office.hours[2]] == [8, 13]


def test_yaml_syntax_error_names_file_and_line(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "title: Prodloužení", "title: [Prodloužení")
    assert messages(content_dir) == [
        f"content/{EXTENSION}:4: YAML syntax: expected ',' or ']', but got ':'"
        " (while parsing a flow sequence started on line 3)"
    ]


def test_unknown_field_is_reported_on_its_line(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "summary:", "summery: typo\nsummary:")
    assert f"content/{EXTENSION}:4: unknown field 'summery'" in " ".join(messages(content_dir))


def test_missing_required_field(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "title: Prodloužení dočasné ochrany\n", "")
    assert f"content/{EXTENSION}:1: missing required field 'title'" in messages(content_dir)


def test_article_missing_in_a_language(content_dir: Path) -> None:
    (content_dir / "en/residence/address-change-reporting.yaml").unlink()
    assert any(
        "facts/residence/address-change-reporting.yaml:1: 'address-change-reporting' has no en version"
        in m
        for m in messages(content_dir)
    )


def test_duplicate_id_across_areas(content_dir: Path) -> None:
    source = content_dir / "facts/residence/address-change-reporting.yaml"
    (content_dir / "facts/safety/address-change-reporting.yaml").write_text(
        source.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert any(
        m.startswith("content/facts/safety/address-change-reporting.yaml:1: duplicate id")
        for m in messages(content_dir)
    )


def test_broken_related_link(content_dir: Path) -> None:
    edit(
        content_dir,
        "facts/residence/address-change-reporting.yaml",
        "related: [temporary-protection-extension]",
        "related: [no-such-article]",
    )
    assert (
        "content/facts/residence/address-change-reporting.yaml:2: related article "
        "'no-such-article' does not exist"
    ) in messages(content_dir)


def test_source_that_is_not_a_url(content_dir: Path) -> None:
    edit(
        content_dir,
        "facts/residence/address-change-reporting.yaml",
        "url: https://www.mvcr.cz/",
        "url: www.mvcr.cz",
    )
    assert any(
        m.startswith(
            "content/facts/residence/address-change-reporting.yaml:5: 'www.mvcr.cz' is not"
        )
        for m in messages(content_dir)
    )


def test_malformed_phone_and_hours(content_dir: Path) -> None:
    edit(content_dir, "offices/oamp-plzen.yaml", '"+420 974 000 000"', '"call us"')
    edit(content_dir, "offices/oamp-plzen.yaml", '"08:00-17:00"', '"8 to 5"')
    found = messages(content_dir)
    assert (
        "content/offices/oamp-plzen.yaml:6: phone 'call us' must be digits, e.g. +420 378 033 800"
        in found
    )
    assert (
        "content/offices/oamp-plzen.yaml:9: opening hours '8 to 5' must look like 08:00-16:30"
        in found
    )


def test_markup_telegram_would_refuse(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "- a **bold** point", "- a <b>bold</b> point\n  **unclosed")
    found = messages(content_dir)
    assert (
        f"content/{EXTENSION}:8: raw HTML is not allowed; use **bold**, _italic_, [text](url)"
        in found
    )
    assert f"content/{EXTENSION}:9: unclosed ** (bold) on this line" in found


def test_every_problem_is_reported_at_once(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "summary:", "summery: x\nsummary:")
    edit(content_dir, "offices/oamp-plzen.yaml", '"08:00-17:00"', '"25:00-26:00"')
    (content_dir / "uk/residence/address-change-reporting.yaml").unlink()
    assert len(load(content_dir, TODAY).errors) >= 3


def test_old_review_date_is_a_warning_not_an_error(content_dir: Path) -> None:
    result = load(content_dir, TODAY + dt.timedelta(days=400))
    assert result.knowledge is not None
    assert result.warnings
    assert all(p.severity is Severity.WARNING for p in result.problems)
    assert "over 12 months ago" in str(result.warnings[0])


def test_translation_older_than_czech_source_is_a_warning(content_dir: Path) -> None:
    edit(content_dir, EXTENSION, "reviewed: 2026-11-01", "reviewed: 2026-11-10")
    result = load(content_dir, TODAY)
    assert result.knowledge is not None
    stale = [str(w) for w in result.warnings]
    # Reported on the translation's `reviewed` line (line 2), with the path editors open.
    assert (
        "content/uk/residence/temporary-protection-extension.yaml:2: warning: translation "
        "reviewed 2026-11-01, before the Czech text changed (2026-11-10): update it and its date"
    ) in stale
    assert any("content/en/residence/temporary-protection-extension.yaml:2:" in w for w in stale)
    assert not any("content/cs/" in w for w in stale)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: temporary-protection-extension", "id: Temporary_Protection", "must be lower-case"),
        ("reviewed: 2026-11-01", "reviewed: last week", "must be a date written YYYY-MM-DD"),
        ("reviewed: 2026-11-01", "reviewed: 2027-01-01", "is in the future"),
    ],
)
def test_field_value_errors(content_dir: Path, old: str, new: str, expected: str) -> None:
    edit(content_dir, EXTENSION, old, new)
    assert any(expected in m for m in messages(content_dir))


def test_missing_content_directory(tmp_path: Path) -> None:
    result = load(tmp_path / "nowhere", TODAY)
    assert result.knowledge is None
    assert "does not exist" in str(result.errors[0])
