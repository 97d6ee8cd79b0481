"""Shared report output: a document of tables, written as Markdown or CSV.

Reports return data; turning it into a Document is each report's job, and how a
Document looks on screen or in a spreadsheet is decided only here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

Cell = str | int | float | None

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}")
# Phone numbers, document and account numbers: seven or more digits, spaces allowed.
_LONG_NUMBER = re.compile(r"\+?\d[\d \-/]{5,}\d")
EXAMPLE_MAX_CHARS = 160


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Document:
    title: str
    notes: tuple[str, ...] = ()
    tables: tuple[Table, ...] = field(default_factory=tuple)


def redact(text: str, limit: int = EXAMPLE_MAX_CHARS) -> str:
    """A resident's words as reports may show them: one line, no e-mail or long numbers.

    Reports never name who asked; this keeps residents from naming themselves.
    """
    text = _LONG_NUMBER.sub("[number]", _EMAIL.sub("[e-mail]", " ".join(text.split())))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 question", "3 questions": editors' reports are in English."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def duration(value: dt.timedelta | None) -> str:
    """ "2 h 05 min", "45 min"; "–" when there is nothing to measure."""
    if value is None:
        return "–"
    minutes = round(value.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def to_markdown(document: Document) -> str:
    lines = [f"# {document.title}", ""]
    for note in document.notes:
        lines += [note, ""]
    for table in document.tables:
        lines += [f"## {table.title}", ""]
        if not table.rows:
            lines += ["(none)", ""]
            continue
        lines.append("| " + " | ".join(_md(c) for c in table.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in table.columns) + "|")
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table.rows]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(document: Document) -> str:
    """Each table as a block: its title alone on a row, the header, the rows, a blank row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, table in enumerate(document.tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows(["" if cell is None else cell for cell in row] for row in table.rows)
    return buffer.getvalue()


def render(document: Document, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(document)
    if fmt == "markdown":
        return to_markdown(document)
    raise ValueError(f"unknown format {fmt!r}")


def _md(cell: Cell) -> str:
    if cell is None:
        return ""
    return str(cell).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
