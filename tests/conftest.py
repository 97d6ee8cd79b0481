from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.library import Library
from bot.knowledge.loader import load_or_raise
from bot.knowledge.model import KnowledgeBase
from tests.contentkit import write_content

REPO = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO / "content"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A small valid content tree the test may modify."""
    return write_content(tmp_path)


@pytest.fixture(scope="session")
def bundled() -> KnowledgeBase:
    """The content shipped in the repository."""
    return load_or_raise(BUNDLED_CONTENT)


@pytest.fixture(scope="session")
def bundled_library(bundled: KnowledgeBase) -> Library:
    return Library.build(bundled)
