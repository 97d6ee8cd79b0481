"""Test content for offices, police districts and announcements, added to contentkit's tree.

The district list is generated: several thousand Czech-like street names spread over
forty districts with map areas, as the city's full list would be, plus a few real
street names the tests look up (one of them split between districts by house number).
"""

from __future__ import annotations

import random
from pathlib import Path
from textwrap import dedent

from tests.contentkit import write_content


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Jana Karla Josefa Václava Boženy Marie Antonína Františka Jaroslava Vítězslava "
    "Ladislava Aloise Emila Bedřicha Otakara Jiřího Petra Tomáše Zdeňka Miroslava "
    "Ludmily Kateřiny Anežky Vojtěcha Prokopa Matěje Ondřeje Lukáše Šimona Eduarda "
    "Rudolfa Viktora Adolfa Hynka Kryštofa Norberta Richarda Oldřicha Heleny Zuzany"
)
SURNAMES = _words(
    "Nerudy Čapka Havlíčka Palackého Jiráska Tyla Máchy Smetany Dvořáka Fibicha Kolára "
    "Škody Křižíka Heyrovského Purkyně Komenského Husa Žižky Kollára Šafaříka Erbena Hálka "
    "Vrchlického Zeyera Čecha Raise Wintera Klostermanna Holuba Sladkovského Tomana Vrby "
    "Sovy Šrámka Nezvala Seiferta Holana Halase Wolkera Bezruče Zahradníčka Durycha Demla "
    "Langera Poláčka Vančury Olbrachta Majerové Pujmanové Glazarové Němcové Světlé Krásnohorské "
    "Preissové Benešové Rais Machara Dyka Hlaváčka"
)
ADJECTIVES = _words(
    "Lipov Březov Dubov Javorov Jasanov Habrov Bukov Olšov Vrbov Topolov Borov Smrkov Jedlov "
    "Modřínov Třešňov Višňov Hruškov Jabloňov Švestkov Růžov Fialkov Tulipánov Makov Lnářsk "
    "Sadov Polní Luční Lesní Horsk Údolní Potoční Rybniční Mlýnsk Školní Kostelní Zahradní "
    "Hřbitovní Nádražní Tovární Hornick Kovářsk Tkalcovsk Pekařsk Řeznick Hrnčířsk Kamenick "
    "Zednick Tesařsk Bednářsk Koželužsk Sklářsk Papírensk Pivovarsk Sladovnick Chmelařsk "
    "Vinařsk Ovocn Zelinářsk Květinov Slunečn Měsíčn Hvězdn Větrn Dešťov Sněžn Mrazov Jarn "
    "Letn Podzimn Zimn Ranní Večern Polední Severn Jižn Východn Západn"
)
KINDS = ("á", "é náměstí", "á alej", "é nábřeží", "á stezka", "ý vrch", "é sady", "á pěšina")
PREPOSITIONS = ("U", "Na", "K", "Pod", "Nad", "Za", "V", "Před")
NOUNS = _words(
    "Lesa Mlýna Školy Pošty Potoka Rybníka Hřiště Kostela Nádraží Trati Zahrad Vinic Skal "
    "Stráni Vrchu Rozcestí Studánky Kapličky Hájovny Myslivny Cihelny Vápenky Pily Hamru "
    "Valchy Lávky Brodu Jezu Splavu Hráze Louky Pastviny Remízku Sadu Chmelnice Vinice "
    "Pískovny Lomu Dolu Šachty Haldy Stodoly Sýpky Dvora Statku Zámku Hradu Tvrze Věže "
    "Brány Hradeb Mostu Tunelu Viaduktu Kříže Sochy Lípy Dubu Buku Javoru Jasanu Olše Vrby "
    "Topolu Borovice Smrku Jedle Modřínu Třešně Višně Hrušně Jabloně Švestky Oskeruše"
)

# Real names the tests look up; placed into districts on purpose.
KLATOVSKA = "Klatovská třída"
FIXED: dict[str, list[str | dict[str, str]]] = {
    "district-01": ["Perlová", "Náměstí Republiky", "Jiráskovo náměstí", "Americká třída"],
    "district-02": [{"street": KLATOVSKA, "numbers": "1-99", "side": "odd"}],
    "district-03": [{"street": KLATOVSKA, "numbers": "2-100", "side": "even"}, "Škroupova"],
    "district-04": [{"street": KLATOVSKA, "numbers": "101-999"}],
}
DISTRICTS = 40
# Areas: an 8 x 5 grid of cells over the city, district-01 in the south-west corner.
GRID_LAT, GRID_LON = (49.70, 49.80), (13.30, 13.45)
STATIONS = ("municipal-police-centre", "municipal-police-south")

OFFICES = {
    "municipal-police-centre": dedent(
        """\
        id: municipal-police-centre
        kind: municipal-police
        name: {cs: Služebna Centrum, uk: Відділок Центр, en: Centre station}
        address: Testovací 1, Plzeň
        location: {lat: 49.7475, lon: 13.3776}
        coordinates_source: made up for tests
        phone: ["+420 378 000 001"]
        hours:
          mon: ["00:00-24:00"]
          tue: ["00:00-24:00"]
          wed: ["00:00-24:00"]
          thu: ["00:00-24:00"]
          fri: ["00:00-24:00"]
          sat: ["00:00-24:00"]
          sun: ["00:00-24:00"]
        sources: [https://www.example.cz/centre]
        """
    ),
    "municipal-police-south": dedent(
        """\
        id: municipal-police-south
        kind: municipal-police
        name: {cs: Služebna Jih, uk: Відділок Південь, en: South station}
        address: Zkušební 2, Plzeň
        location: {lat: 49.7200, lon: 13.3600}
        coordinates_source: made up for tests
        hours:
          fri: ["18:00-24:00"]
          sat: ["00:00-02:00", "08:00-12:00"]
        sources: [https://www.example.cz/south]
        """
    ),
    "labour-office-test": dedent(
        """\
        id: labour-office-test
        kind: labour-office
        name: {cs: Úřad práce Test, uk: Úřad práce Тест, en: Labour Office Test}
        address: Pracovní 3, Plzeň
        location: {lat: 49.7600, lon: 13.3900}
        coordinates_source: made up for tests
        sources: [https://www.example.cz/labour]
        """
    ),
}

ANNOUNCEMENT_ID = "road-works-test"
ANNOUNCEMENT_TITLES = {"cs": "Uzavírka ulice", "uk": "Перекриття вулиці", "en": "Street closure"}


def generated_streets(seed: int = 7) -> list[str]:
    """Several thousand distinct street names, shuffled the same way every run."""
    names = {f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES}
    for root in ADJECTIVES:
        for kind in KINDS:
            if root.endswith(("í", "n")) and kind[0] in "áéý":
                continue  # soft adjectives take no ending: "Polní", not "Polníá"
            names.add(f"{root}{kind}")
        if root.endswith("í"):
            names.update((root, f"{root} náměstí", f"{root} alej"))
    names.update(f"{prep} {noun}" for prep in PREPOSITIONS for noun in NOUNS)
    ordered = sorted(names)
    random.Random(seed).shuffle(ordered)
    return ordered


def district_cell(number: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (south-west, north-east) corners of district `number` (1-based) on the grid."""
    index = number - 1
    row, column = divmod(index, 8)
    lat_step = (GRID_LAT[1] - GRID_LAT[0]) / 5
    lon_step = (GRID_LON[1] - GRID_LON[0]) / 8
    south, west = GRID_LAT[0] + row * lat_step, GRID_LON[0] + column * lon_step
    return (south, west), (south + lat_step, west + lon_step)


def write_city_content(root: Path) -> Path:
    """contentkit's tree plus offices with map points, 40 districts, one announcement."""
    content = write_content(root)
    for office_id, text in OFFICES.items():
        (content / "offices" / f"{office_id}.yaml").write_text(text, encoding="utf-8")
    facts = content / "facts" / "safety" / "emergency-numbers.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "offices: []", "offices: [municipal-police-centre, municipal-police-south]"
        ),
        encoding="utf-8",
    )
    _write_districts(content / "police-districts")
    _write_announcement(content)
    return content


def _write_districts(folder: Path) -> None:
    folder.mkdir()
    streets = generated_streets()
    for number in range(1, DISTRICTS + 1):
        district_id = f"district-{number:02d}"
        (south, west), (north, east) = district_cell(number)
        lines = [
            f"id: {district_id}",
            f"name: {{cs: Okrsek {number}, uk: Дільниця {number}, en: District {number}}}",
            f"station: {STATIONS[number % 2]}",
            "officer: {name: Test Officer, phone: ['+420 378 000 100']}",
            "sources: [https://www.example.cz/generated-for-tests]",
            f"area: [[{south}, {west}], [{south}, {east}], [{north}, {east}], [{north}, {west}]]",
            "streets:",
        ]
        for entry in FIXED.get(district_id, []):
            if isinstance(entry, str):
                lines.append(f"  - {entry}")
            else:
                lines.append("  - {" + ", ".join(f"{k}: {v}" for k, v in entry.items()) + "}")
        lines.extend(f"  - {name}" for name in streets[number - 1 :: DISTRICTS])
        (folder / f"{district_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_announcement(content: Path) -> None:
    folder = content / "announcements"
    folder.mkdir()
    (folder / f"{ANNOUNCEMENT_ID}.yaml").write_text(
        f"id: {ANNOUNCEMENT_ID}\nareas: [safety]\nsources: [https://www.example.cz/works]\n",
        encoding="utf-8",
    )
    for lang, title in ANNOUNCEMENT_TITLES.items():
        texts = content / lang / "announcements"
        texts.mkdir()
        (texts / f"{ANNOUNCEMENT_ID}.yaml").write_text(
            f"id: {ANNOUNCEMENT_ID}\ntitle: {title}\nbody: |\n  {title}: **1. 12.** 8:00–16:00.\n",
            encoding="utf-8",
        )
