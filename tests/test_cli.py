"""The command line, run as residents and tools run it: in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CONTENT, REPO


def run_bot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CONTENT_DIR": str(BUNDLED_CONTENT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=timeout,
        check=False,
    )


def test_ask_json_lines_contract() -> None:
    lines = [
        {"text": "номер швидкої?", "lang": "uk"},
        {"text": "хочу поговорити з людиною", "lang": "uk"},
        {"text": "pobyt", "lang": "cs"},
        {"text": "", "lang": "en"},
    ]
    result = run_bot("ask", "--json", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(lines)
    for answer in answers:
        assert set(answer) == {"action", "article", "candidates", "score", "urgent"}
        assert answer["action"] in ("answer", "suggest", "handoff")
        assert 0 <= answer["score"] <= 100
        assert len(answer["candidates"]) <= 5
        assert isinstance(answer["urgent"], bool)
        if answer["action"] != "answer":
            assert answer["article"] is None
    assert answers[0]["action"] == "answer"
    assert answers[0]["article"] == "emergency-numbers"
    assert answers[1]["action"] == "handoff"
    assert answers[2]["action"] == "suggest"
    assert answers[3]["action"] == "handoff"


def test_ask_json_survives_malformed_lines() -> None:
    result = run_bot("ask", "--json", stdin='not json\n{"lang": "cs"}\n{"text": "112"}\n')
    assert result.returncode == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in answers[0]
    assert "error" in answers[1]
    assert answers[2]["article"] == "emergency-numbers"


def test_ask_one_question_prints_the_article() -> None:
    result = run_bot("ask", "--lang", "en", "ambulance", "number")
    assert result.returncode == 0
    assert result.stdout.startswith("answer")
    assert "155" in result.stdout


def test_content_check_passes_on_bundled_content() -> None:
    result = run_bot("content", "check")
    assert result.returncode == 0, result.stdout
    assert "content OK" in result.stdout


def test_content_check_lists_errors_and_exits_1(content_dir: Path) -> None:
    (content_dir / "offices" / "oamp-plzen.yaml").write_text("id: [broken\n", encoding="utf-8")
    result = run_bot("content", "check", env={"CONTENT_DIR": str(content_dir)})
    assert result.returncode == 1
    assert "content/offices/oamp-plzen.yaml:2: YAML syntax" in result.stdout


def test_content_dump_is_json_with_every_language() -> None:
    result = run_bot("content", "dump")
    assert result.returncode == 0
    articles = json.loads(result.stdout)["articles"]
    emergency = next(a for a in articles if a["id"] == "emergency-numbers")
    assert emergency["area"] == "safety"
    assert set(emergency["translations"]) == {"cs", "uk", "en"}
    assert {"title", "summary", "body", "keywords"} <= set(emergency["translations"]["uk"])


def test_malformed_setting_is_one_clear_line() -> None:
    result = run_bot("ask", "x", env={"ASSISTANT_HOURS": "whenever"})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("configuration error: ASSISTANT_HOURS")
    assert "Traceback" not in result.stderr


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "chat.sqlite3"


def test_chat_browse_ask_and_request_a_person(database: Path) -> None:
    script = "\n".join(
        [
            "2",  # Українська
            "1",  # first area of the main menu
            "/menu",
            "номер швидкої?",
            "як зварити борщ",
            "1",  # "Yes, ask a person"
            "/quit",
        ]
    )
    result = run_bot("chat", stdin=script + "\n", env={"DATABASE_PATH": str(database)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Оберіть тему:" in out
    assert "Перебування і документи" in out
    assert "155" in out
    assert "відповіді немає" in out
    assert "Я записав ваш запит" in out
    assert "Асистенти працюють пн–пт 8:00–16:00" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    with sqlite3.connect(database) as db:
        requests = db.execute("SELECT language, question FROM handoff_requests").fetchall()
        queries = db.execute("SELECT action FROM queries ORDER BY id").fetchall()
    assert requests == [("uk", "як зварити борщ")]
    assert [q[0] for q in queries] == ["answer", "handoff"]


def test_chat_with_language_option_and_end_of_input(database: Path) -> None:
    result = run_bot(
        "chat", "--lang", "en", stdin="operator\n", env={"DATABASE_PATH": str(database)}
    )
    assert result.returncode == 0
    assert "I have recorded your request for a person." in result.stdout


def test_chat_stale_button_number(database: Path) -> None:
    result = run_bot(
        "chat", "--lang", "cs", stdin="99\n/quit\n", env={"DATABASE_PATH": str(database)}
    )
    assert "Toto tlačítko už neplatí" in result.stdout


def test_chat_finds_a_police_district_and_nearest_offices(tmp_path: Path) -> None:
    from tests.citykit import write_city_content

    content = write_city_content(tmp_path / "city")
    script = "\n".join(
        ["3", "/district", "Pelrová 3", "/location 49.7201 13.3601", "1", "/subscribe", "/quit"]
    )
    result = run_bot(
        "chat",
        stdin=script + "\n",
        env={"DATABASE_PATH": str(tmp_path / "chat.sqlite3"), "CONTENT_DIR": str(content)},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Perlová 3 belongs to the police district District 1." in out
    assert "You are in the police district District 12." in out
    assert "📍 South station, Zkušební 2, Plzeň (map: 49.72000, 13.36000)" in out
    assert "▫️ 🚨 Safety" in out
