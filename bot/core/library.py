"""The content currently served: a knowledge base with its matcher, swapped as one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.core.districts import DistrictDirectory
from bot.knowledge.loader import load_or_raise
from bot.knowledge.model import KnowledgeBase
from bot.search.matcher import Matcher


@dataclass(frozen=True)
class Library:
    knowledge: KnowledgeBase
    matcher: Matcher
    districts: DistrictDirectory

    @classmethod
    def build(cls, knowledge: KnowledgeBase) -> Library:
        return cls(knowledge, Matcher(knowledge), DistrictDirectory(knowledge))

    @classmethod
    def load(cls, root: Path, today: dt.date | None = None) -> Library:
        """Load, check and index; raises ContentError listing every problem."""
        return cls.build(load_or_raise(root, today))


class LibraryHolder:
    """Holds the library in use. Replacing it is one assignment, so a request that
    started on the old content finishes on the old content: never a half-loaded state."""

    def __init__(self, library: Library) -> None:
        self._library = library

    @property
    def current(self) -> Library:
        return self._library

    def replace(self, library: Library) -> None:
        self._library = library
