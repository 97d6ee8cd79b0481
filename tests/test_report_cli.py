"""`python -m bot report ...` as editors run it."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pytest

from bot.commands import report
from bot.config import Settings
from bot.core.conversation import utc_now
from bot.storage.database import connect
from tests.test_cli import run_bot


async def _database_with_one_question(path: Path) -> None:
    db = await connect(path)
    try:
        now = utc_now()
        await db.execute(
            "INSERT INTO residents (id, language, created_at, updated_at) VALUES (77, 'uk', ?, ?)",
            (now.isoformat(), now.isoformat()),
        )
        await db.execute(
            "INSERT INTO queries (resident_id, language, text, action, score, urgent, created_at)"
            " VALUES (77, 'uk', 'де порибалити в Пльзені', 'handoff', 0, 0, ?)",
            ((now - dt.timedelta(hours=1)).isoformat(),),
        )
    finally:
        await db.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    asyncio.run(_database_with_one_question(path))
    return path


def test_report_unanswered_in_markdown_and_csv(database: Path) -> None:
    env = {"DATABASE_PATH": str(database)}
    markdown = run_bot("report", "unanswered", "--since", "7d", env=env)
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# Unanswered questions, ")
    assert "| 1 | 1 | 1 | 0 | uk 1 | де порибалити в Пльзені |" in markdown.stdout
    csv = run_bot("report", "unanswered", "--format", "csv", env=env)
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.splitlines()[2].startswith("1,1,1,0,uk 1,де порибалити в Пльзені,")


def test_report_usage_draws_the_chart(database: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "usage.png"
    result = run_bot(
        "report", "usage", "--chart", str(chart), env={"DATABASE_PATH": str(database)}
    )
    assert result.returncode == 0, result.stderr
    assert "1 question: 0% answered, 0% got suggestions, 100% handed to a person" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_chart_without_matplotlib_is_one_clear_line(
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(report, "charts_available", lambda: False)
    settings = Settings.from_env({"DATABASE_PATH": str(database)})
    code = report.run(settings, "usage", chart=tmp_path / "usage.png", out=io.StringIO())
    assert code == 2
    assert capsys.readouterr().err == 'charts need matplotlib: pip install -e ".[charts]"\n'
    assert not (tmp_path / "usage.png").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("usage", "--since", "soon"), "--since 'soon'"),
        (("feedback", "--chart", "x.png"), "--chart belongs to `report usage`"),
    ],
)
def test_report_refuses_bad_options(database: Path, args: tuple[str, ...], message: str) -> None:
    result = run_bot("report", *args, env={"DATABASE_PATH": str(database)})
    assert result.returncode == 2
    assert message in result.stderr


def test_report_without_a_database_says_so(tmp_path: Path) -> None:
    result = run_bot("report", "usage", env={"DATABASE_PATH": str(tmp_path / "none.sqlite3")})
    assert result.returncode == 1
    assert "no database at" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()
