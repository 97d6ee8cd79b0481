"""Checks of offices' map points, announcements and police districts, with file:line."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load
from tests.citykit import ANNOUNCEMENT_ID, write_city_content
from tests.conftest import TODAY
from tests.test_loader import edit, messages

ANNOUNCEMENT = f"announcements/{ANNOUNCEMENT_ID}.yaml"


def test_city_content_loads(tmp_path: Path) -> None:
    result = load(write_city_content(tmp_path), TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    announcement = result.knowledge.announcements[ANNOUNCEMENT_ID]
    assert announcement.areas == ("safety",)
    assert announcement.title["uk"] == "Перекриття вулиці"
    office = result.knowledge.offices["municipal-police-south"]
    assert office.has_map_point
    assert office.coordinates_source == "made up for tests"


def test_announcements_are_not_read_as_articles(tmp_path: Path) -> None:
    result = load(write_city_content(tmp_path), TODAY)
    assert result.knowledge is not None
    assert ANNOUNCEMENT_ID not in result.knowledge.articles


def test_announcement_area_must_exist(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    edit(content, ANNOUNCEMENT, "areas: [safety]", "areas: [safety, weather]")
    assert f"content/{ANNOUNCEMENT}:2: area 'weather' is not listed in topics.yaml" in messages(
        content
    )


def test_announcement_needs_every_language(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    (content / "uk" / ANNOUNCEMENT).unlink()
    assert (
        f"content/{ANNOUNCEMENT}:1: '{ANNOUNCEMENT_ID}' has no uk text (uk/{ANNOUNCEMENT})"
        in messages(content)
    )


def test_announcement_text_without_areas_file_and_bad_markup(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    (content / "en" / "announcements" / "stray.yaml").write_text(
        "id: stray\ntitle: Stray\nbody: <b>raw html</b>\n", encoding="utf-8"
    )
    found = messages(content)
    assert any(
        m.startswith("content/en/announcements/stray.yaml:1: no announcements/stray.yaml")
        for m in found
    )
    assert any(m.startswith("content/en/announcements/stray.yaml:3: ") for m in found), found


def test_map_point_without_a_source_is_a_warning(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    edit(content, "offices/labour-office-test.yaml", "coordinates_source: made up for tests\n", "")
    result = load(content, TODAY)
    assert result.knowledge is not None
    assert [str(p) for p in result.warnings] == [
        "content/offices/labour-office-test.yaml:5: warning: say where the map point comes "
        "from in 'coordinates_source'"
    ]


def test_swapped_coordinates_are_flagged(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    edit(
        content,
        "offices/labour-office-test.yaml",
        "lat: 49.7600, lon: 13.3900",
        "lat: 13.39, lon: 49.76",
    )
    assert any("are lat and lon swapped?" in m for m in messages(content))


def test_district_station_must_be_an_office(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    edit(
        content,
        "police-districts/district-07.yaml",
        "station: municipal-police-south",
        "station: nowhere",
    )
    assert (
        "content/police-districts/district-07.yaml:3: office 'nowhere' does not exist "
        "(offices/nowhere.yaml)" in messages(content)
    )


def test_district_numbers_must_be_a_range(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    edit(content, "police-districts/district-04.yaml", "numbers: 101-999", "numbers: 999-101")
    assert any(
        m.startswith("content/police-districts/district-04.yaml:8: numbers '999-101'")
        for m in messages(content)
    )
