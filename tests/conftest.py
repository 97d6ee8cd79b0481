from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.library import Library
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
def bundled_library() -> Library:
    """The content shipped in the repository, indexed (loaded once: see below)."""
    return Library.load(BUNDLED_CONTENT)


@pytest.fixture(scope="session")
def bundled(bundled_library: Library) -> KnowledgeBase:
    """The content shipped in the repository."""
    return bundled_library.knowledge


@pytest.fixture(scope="session", autouse=True)
def bundled_content_loaded_once() -> Iterator[None]:
    """Loading and indexing the bundled content takes a second or two, and every bot a
    test starts would repeat it. The bundled content does not change during a run, so
    it is loaded once per day asked for; any other folder (the editors' tests write
    their own) is still loaded from disk every time."""
    loaded: dict[dt.date | None, Library] = {}
    load = Library.load

    def load_bundled_once(root: Path, today: dt.date | None = None) -> Library:
        if Path(root).resolve() != BUNDLED_CONTENT:
            return load(root, today)
        if today not in loaded:
            loaded[today] = load(root, today)
        return loaded[today]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Library, "load", staticmethod(load_bundled_once))
        yield
