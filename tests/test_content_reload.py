"""The content reloader: debounced polling, atomic swap, last good content kept."""

from __future__ import annotations

from pathlib import Path

from bot.core.content_reload import ContentReloader, content_fingerprint
from bot.core.library import Library, LibraryHolder
from tests.conftest import TODAY

KEYWORDS = "cs/residence/address-change-reporting.yaml"


def reloader_for(content_dir: Path) -> ContentReloader:
    loaded = content_fingerprint(content_dir)
    holder = LibraryHolder(Library.load(content_dir, TODAY))
    return ContentReloader(holder, content_dir, loaded, today=lambda: TODAY)


def append(content_dir: Path, line: str) -> None:
    path = content_dir / KEYWORDS
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


async def test_nothing_changed_means_no_reload(content_dir: Path) -> None:
    reloader = reloader_for(content_dir)
    assert await reloader.poll() is None
    assert await reloader.poll() is None
    assert reloader.last is None


async def test_a_change_is_loaded_once_it_holds_still(content_dir: Path) -> None:
    reloader = reloader_for(content_dir)
    served = reloader.holder.current
    append(content_dir, "  - stěhování\n")
    assert await reloader.poll() is None  # just changed: perhaps still being written
    append(content_dir, "  - přestěhování\n")
    assert await reloader.poll() is None  # changed again: wait once more
    result = await reloader.poll()
    assert result is not None
    assert result.ok
    assert result.articles == 3
    assert reloader.holder.current is not served
    keywords = reloader.holder.current.knowledge.articles["address-change-reporting"]
    assert keywords.text("cs").keywords[-2:] == ("stěhování", "přestěhování")
    assert await reloader.poll() is None  # loaded: nothing new


async def test_errors_keep_the_last_good_library(content_dir: Path) -> None:
    reloader = reloader_for(content_dir)
    served = reloader.holder.current
    append(content_dir, "oops: [\n")
    result = await reloader.reload()
    assert not result.ok
    assert [str(p) for p in result.errors] == [
        "content/cs/residence/address-change-reporting.yaml:13: YAML syntax: "
        "expected the node content, but found '<stream end>'"
    ]
    assert result.articles == 3
    assert reloader.holder.current is served
    assert reloader.last is result
    assert await reloader.poll() is None  # the broken state was read: no retry until it changes


def test_fingerprint_ignores_files_that_are_not_yaml(content_dir: Path) -> None:
    before = content_fingerprint(content_dir)
    (content_dir / "cs" / "residence" / ".address-change-reporting.yaml.swp").write_text("x")
    assert content_fingerprint(content_dir) == before
