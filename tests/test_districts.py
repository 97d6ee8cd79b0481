"""Police district lookup on a generated list of several thousand streets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.districts import DistrictDirectory, StreetCandidates, StreetFound
from bot.knowledge.loader import load
from bot.search.streets import parse_address, street_key
from tests.citykit import DISTRICTS, district_cell, generated_streets, write_city_content
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> DistrictDirectory:
    result = load(write_city_content(tmp_path_factory.mktemp("city")), TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    return DistrictDirectory(result.knowledge)


def found(directory: DistrictDirectory, text: str) -> tuple[str, list[str]]:
    answer = directory.street(text)
    assert isinstance(answer, StreetFound), (text, answer)
    return answer.name, [p.district.id for p in answer.placements]


def test_the_generated_list_is_a_city_sized_one(directory: DistrictDirectory) -> None:
    assert len(generated_streets()) >= 3000
    assert len(directory.index.keys) >= 3000
    assert len(directory.districts) == DISTRICTS


@pytest.mark.parametrize(
    "typed",
    [
        "Perlová",
        "Perlova 3",
        "perlova",
        "Pelrová",  # letters swapped
        "Perlová 3, Plzeň",
        "ul. Perlová 3",
        "Перлова",  # Cyrillic
        "вулиця Перлова 3",
    ],
)
def test_street_with_or_without_diacritics_or_with_a_typo(
    directory: DistrictDirectory, typed: str
) -> None:
    assert found(directory, typed) == ("Perlová", ["district-01"])


@pytest.mark.parametrize(
    ("typed", "street"),
    [
        ("nám. Republiky 1", "Náměstí Republiky"),
        ("Jirasko namesti", "Jiráskovo náměstí"),
        ("Amercká třída", "Americká třída"),
        ("Jana Nreudy", "Jana Nerudy"),
        ("Josefa Čapak 4", "Josefa Čapka"),
        ("U Mlína", "U Mlýna"),
    ],
)
def test_misspelt_generated_streets(directory: DistrictDirectory, typed: str, street: str) -> None:
    assert found(directory, typed)[0] == street


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("Klatovská třída 13", "district-02"),  # odd, 1-99
        ("Klatovska trida 12", "district-03"),  # even, 2-100
        ("Klatovská 150", "district-04"),  # 101-999, the name typed short
        ("Клатовська 2731/7", "district-02"),  # the number after the slash is on the sign
    ],
)
def test_street_split_by_house_numbers(
    directory: DistrictDirectory, typed: str, district: str
) -> None:
    assert found(directory, typed) == ("Klatovská třída", [district])


def test_split_street_without_a_number_lists_every_part(directory: DistrictDirectory) -> None:
    _, districts = found(directory, "Klatovská třída")
    assert districts == ["district-02", "district-03", "district-04"]


def test_ambiguous_name_offers_candidates_and_nonsense_finds_nothing(
    directory: DistrictDirectory,
) -> None:
    candidates = directory.street("Lipvoa")
    assert isinstance(candidates, StreetCandidates)
    assert candidates.streets[0][1] == "Lipová"
    assert 1 < len(candidates.streets) <= 4
    nothing = directory.street("xyzzy")
    assert isinstance(nothing, StreetCandidates)
    assert nothing.streets == ()


def test_every_generated_street_is_found_without_diacritics(
    directory: DistrictDirectory,
) -> None:
    streets = generated_streets()
    wrong = [s for s in streets if found(directory, street_key(s))[0] != s]
    assert wrong == []


def test_location_inside_a_district_area(directory: DistrictDirectory) -> None:
    (south, west), (north, east) = district_cell(12)
    district = directory.at((south + north) / 2, (west + east) / 2)
    assert district is not None
    assert district.id == "district-12"
    assert directory.at(50.5, 14.4) is None  # Prague


def test_address_parsing() -> None:
    assert parse_address("Kaplířova 2731/7").number == 7
    assert parse_address("Sady 5. května 30").street == "Sady 5. května"
    assert parse_address("Perlová").number is None


def test_overlapping_claims_are_reported_on_both_lines(tmp_path: Path) -> None:
    content = write_city_content(tmp_path)
    path = content / "police-districts" / "district-05.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - {street: Klatovská třída, numbers: 95-97}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in load(content, TODAY).problems]
    assert any(
        p.startswith("content/police-districts/district-05.yaml:")
        and "also claimed by district 'district-02' (content/police-districts/district-02.yaml:8)"
        in p
        for p in problems
    ), problems
