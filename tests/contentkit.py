"""A small, valid content tree written into a temporary folder, for tests to break."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

TOPICS = """\
emergency_article: emergency-numbers
areas:
  - id: residence
    icon: "🛂"
    title: {cs: Pobyt, uk: Перебування, en: Residence}
  - id: safety
    icon: "🚨"
    title: {cs: Bezpečí, uk: Безпека, en: Safety}
"""

OFFICE = """\
id: oamp-plzen
kind: ministry
name: {cs: OAMP Plzeň, uk: OAMP Пльзень, en: OAMP Plzeň}
address: Example street 1, 301 00 Plzeň
location: {lat: 49.74, lon: 13.37}
phone: ["+420 974 000 000"]
email: [oamp@example.cz]
hours:
  mon: ["08:00-17:00"]
  wed: ["08:00-12:00", "13:00-17:00"]
sources: [https://www.mvcr.cz/]
coordinates_source: made up for tests
"""

ARTICLES = {
    ("residence", "temporary-protection-extension"): {
        "cs": ("Prodloužení dočasné ochrany", ["prodloužení dočasné ochrany", "dočasná ochrana"]),
        "uk": (
            "Продовження тимчасового захисту",
            ["продовження тимчасового захисту", "продлить временную защиту"],
        ),
        "en": ("Extending temporary protection", ["extend temporary protection", "extension"]),
    },
    ("residence", "address-change-reporting"): {
        "cs": ("Hlášení změny adresy", ["změna adresy", "nové bydliště"]),
        "uk": ("Повідомлення про зміну адреси", ["зміна адреси", "смена адреса"]),
        "en": ("Reporting a new address", ["change of address", "moved flat"]),
    },
    ("safety", "emergency-numbers"): {
        "cs": ("Tísňová čísla", ["záchranka", "hasiči", "112"]),
        "uk": ("Екстрені номери", ["швидка", "пожежники", "скорая"]),
        "en": ("Emergency numbers", ["ambulance", "fire brigade", "police number"]),
    },
}
RELATED = {
    "temporary-protection-extension": ["address-change-reporting"],
    "address-change-reporting": ["temporary-protection-extension"],
    "emergency-numbers": [],
}


def write_content(root: Path, reviewed: str = "2026-11-01") -> Path:
    """Write the small tree under root/content and return that folder."""
    content = root / "content"
    (content / "offices").mkdir(parents=True)
    (content / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    (content / "offices" / "oamp-plzen.yaml").write_text(OFFICE, encoding="utf-8")
    for (area, article_id), languages in ARTICLES.items():
        facts = content / "facts" / area
        facts.mkdir(parents=True, exist_ok=True)
        related = ", ".join(RELATED[article_id])
        offices = "[oamp-plzen]" if area == "residence" else "[]"
        (facts / f"{article_id}.yaml").write_text(
            f"id: {article_id}\nrelated: [{related}]\noffices: {offices}\n"
            "sources:\n  - url: https://www.mvcr.cz/\n    title: MV ČR\n",
            encoding="utf-8",
        )
        for lang, (title, keywords) in languages.items():
            folder = content / lang / area
            folder.mkdir(parents=True, exist_ok=True)
            keyword_lines = "\n".join(f"  - {k}" for k in keywords)
            (folder / f"{article_id}.yaml").write_text(
                dedent(
                    f"""\
                    id: {article_id}
                    reviewed: {reviewed}
                    title: {title}
                    summary: {title}.
                    body: |
                      First paragraph about {title}.

                      - a **bold** point
                    keywords:
                    """
                )
                + keyword_lines
                + "\n",
                encoding="utf-8",
            )
    return content
