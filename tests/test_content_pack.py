"""The bundled content: every catalogue article, in every language, complete and clean."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import load
from bot.knowledge.model import LANGUAGES, KnowledgeBase
from tests.conftest import BUNDLED_CONTENT, REPO

CATALOGUE = REPO.parent / "shared" / "content-catalogue.yaml"


def catalogue_ids() -> dict[str, str]:
    if not CATALOGUE.is_file():
        pytest.skip("shared/content-catalogue.yaml is not beside the repository")
    areas = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {article: area for area, articles in areas.items() for article in articles}


def test_content_check_has_no_errors_and_no_warnings() -> None:
    result = load(BUNDLED_CONTENT)
    assert [str(p) for p in result.problems] == []


def test_every_catalogue_article_exists_in_every_language(bundled: KnowledgeBase) -> None:
    for article_id, area in catalogue_ids().items():
        article = bundled.articles.get(article_id)
        assert article is not None, article_id
        assert article.area == area, article_id
        assert article.sources, article_id
        assert set(article.translations) == set(LANGUAGES), article_id
        for lang, text in article.translations.items():
            assert all((text.title, text.summary, text.body)), (article_id, lang)
            assert len(text.keywords) >= 5, (article_id, lang)


def test_about_the_service_says_how_to_delete_data(bundled: KnowledgeBase) -> None:
    about = bundled.articles["about-the-service"]
    for lang in LANGUAGES:
        text = about.text(lang)
        everything = " ".join((text.body, *(s.body for s in text.sections)))
        assert "/forget" in everything, lang
        assert "/assistant" in everything, lang


@pytest.mark.parametrize("folder", ["cs", "uk", "en", "facts"])
def test_files_sit_in_their_area_folders(folder: str) -> None:
    areas = {p.name for p in (BUNDLED_CONTENT / folder).iterdir() if p.is_dir()}
    topics = yaml.safe_load((BUNDLED_CONTENT / "topics.yaml").read_text(encoding="utf-8"))
    assert areas <= {area["id"] for area in topics["areas"]}
    assert all(isinstance(p, Path) for p in (BUNDLED_CONTENT / folder).glob("*/*.yaml"))
