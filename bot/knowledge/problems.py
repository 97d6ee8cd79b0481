"""Problems found in the content, each pointing at a file and line an editor can open."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def display_path(path: Path, root: Path) -> str:
    """The path as an editor would type it: relative to the content root's parent."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
