"""`db backup`: a copy taken while the bot writes restores every ticket."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage.database import connect
from bot.storage.residents import Residents
from bot.storage.tickets import Tickets

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


async def test_backup_of_a_live_database_restores_every_ticket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live_path = tmp_path / "live" / "bot.sqlite3"
    live = await connect(live_path)
    try:
        for resident in range(1, 31):
            await Residents(live).ensure(resident, "uk", NOW)
            await Tickets(live).open(resident, "uk", f"питання {resident}", False, NOW)
        # The bot still has the database open, its latest writes only in the WAL file.
        monkeypatch.setenv("DATABASE_PATH", str(live_path))
        assert main(["db", "backup", str(tmp_path / "copies" / "backup.sqlite3")]) == 0
    finally:
        await live.close()
    assert "(30 tickets)" in capsys.readouterr().out

    # Restoring: the copy becomes the database the bot opens.
    restored = await connect(tmp_path / "copies" / "backup.sqlite3")
    try:
        tickets = Tickets(restored)
        found = [await tickets.latest(resident) for resident in range(1, 31)]
        assert [t.question for t in found if t] == [f"питання {n}" for n in range(1, 31)]
    finally:
        await restored.close()


def test_backup_without_a_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "missing.sqlite3"))
    assert main(["db", "backup", str(tmp_path / "b.sqlite3")]) == 1
    assert "no database at" in capsys.readouterr().err
