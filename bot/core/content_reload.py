"""Reloading the content while the bot runs: validate in full, then swap in one step.

Why polling file times and not inotify (watchfiles and the like): the content tree is a
few hundred small files, so listing and stat()ing them every two seconds costs about
5 ms (234 files), in a worker thread; it works the same on bind mounts, network shares and in containers, where
file events are often lost; and it needs no new dependency. A change is acted on only
when the tree has looked the same on two polls in a row, so an editor's burst of saves
or a `git pull` of many files becomes one reload, not many half-finished ones.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.library import Library, LibraryHolder
from bot.knowledge.loader import load
from bot.knowledge.problems import Problem

log = logging.getLogger(__name__)

# (path relative to the root, modification time in ns, size): changes when any file does.
Fingerprint = tuple[tuple[str, int, int], ...]


def content_fingerprint(root: Path) -> Fingerprint:
    """The state of every YAML file under root (editors' swap and backup files ignored)."""
    entries = []
    for path in root.rglob("*.yaml"):
        try:
            stat = path.stat()
        except OSError:  # deleted between listing and stat: the next poll sees it gone
            continue
        entries.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    articles: int  # in the content served now (the old content's count after a failure)


@dataclass(frozen=True)
class _Built:
    library: Library | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


class ContentReloader:
    """Owns the switch from one content version to the next for a LibraryHolder."""

    def __init__(
        self,
        holder: LibraryHolder,
        root: Path,
        loaded: Fingerprint,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.holder = holder
        self.root = root
        self.today = today
        self._seen = loaded  # the files' state the last load attempt read
        self._pending: Fingerprint | None = None  # a change waiting to settle
        self._lock = asyncio.Lock()
        self.last: ReloadResult | None = None  # the latest attempt, for alerts

    async def reload(self) -> ReloadResult:
        """Load and index everything in a worker thread; swap only if there is no error.

        Residents keep being answered from the current library meanwhile, and any
        request sees either the old or the new library, never a mixture.
        """
        async with self._lock:
            seen = await asyncio.to_thread(content_fingerprint, self.root)
            built = await asyncio.to_thread(self._build)
            self._seen, self._pending = seen, None
            if built.library is None:
                for problem in built.errors:
                    log.error("content reload refused: %s", problem)
                articles = len(self.holder.current.knowledge.articles)
                self.last = ReloadResult(False, built.errors, built.warnings, articles)
                return self.last
            self.holder.replace(built.library)
            articles = len(built.library.knowledge.articles)
            log.info(
                "content reloaded",
                extra={"articles": articles, "warnings": len(built.warnings)},
            )
            self.last = ReloadResult(True, (), built.warnings, articles)
            return self.last

    async def poll(self) -> ReloadResult | None:
        """Called on a timer: reload once the files changed and then held still."""
        now = await asyncio.to_thread(content_fingerprint, self.root)
        if now == self._seen:
            self._pending = None
            return None
        if now != self._pending:
            self._pending = now  # still being written, perhaps: look again next time
            return None
        return await self.reload()

    def _build(self) -> _Built:
        result = load(self.root, self.today())
        warnings = tuple(result.warnings)
        if result.knowledge is None:
            return _Built(None, tuple(result.errors), warnings)
        return _Built(Library.build(result.knowledge), (), warnings)
