"""A database filled with known questions, feedback, reads and tickets, for the reports.

Times are UTC; Prague is UTC+1 in November. "Now" is Wednesday 25 November 2026, 12:00.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.storage.database import connect

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
# Resident ids no report may print.
RESIDENTS = {1: 987654301, 2: 987654302, 3: 987654303, 4: 987654304, 5: 987654305}

# (resident, language, text, action, article, candidates, outcome, created_at UTC)
QUERIES: list[tuple[int, str, str | None, str, str | None, str | None, str | None, str]] = [
    # Bus tickets: four unanswered questions, two wordings the same once folded.
    (1, "uk", "де купити квиток на автобус", "handoff", None, None, None, "2026-11-23T08:00:00+00:00"),
    (2, "uk", "Де купити квиток на автобус?", "handoff", None, None, None, "2026-11-23T09:00:00+00:00"),
    (3, "en", "de kupyty kvytok na avtobus", "handoff", None, None, None, "2026-11-24T10:00:00+00:00"),
    (4, "uk", "як купити квиток в автобусі", "suggest", None, "public-transport dog-rules", "declined", "2026-11-24T11:00:00+00:00"),
    # School: three, one of them suggestions left for another question.
    (1, "uk", "як записати дитину в школу", "handoff", None, None, None, "2026-11-23T23:30:00+00:00"),
    (2, "cs", "записати дитину до школи", "handoff", None, None, None, "2026-11-24T12:00:00+00:00"),
    (5, "cs", "zapis ditini v shkolu", "suggest", None, "school-enrollment finding-a-doctor", None, "2026-11-24T13:00:00+00:00"),
    (5, "cs", "číslo na záchranku", "answer", "emergency-numbers", None, None, "2026-11-24T13:05:00+00:00"),
    # Fishing: nothing in the content is close. The phone number must not be shown.
    (3, "uk", "рибалка дозвіл, мій номер +420 777 123 456", "handoff", None, None, None, "2026-11-25T07:00:00+00:00"),
    # Left out: a bare request for a person, a chosen suggestion, an open one, old and
    # text-less (past retention) questions, answers.
    (4, "uk", "хочу поговорити з людиною", "handoff", None, None, None, "2026-11-25T08:00:00+00:00"),
    (2, "uk", "pobyt", "suggest", None, "address-change-reporting employee-card", "chosen", "2026-11-25T09:00:00+00:00"),
    (1, "en", "residence", "suggest", None, "address-change-reporting employee-card", None, "2026-11-25T10:00:00+00:00"),
    (3, "uk", None, "handoff", None, None, None, "2026-11-25T11:00:00+00:00"),
    (2, "uk", "де купити квиток на автобус", "handoff", None, None, None, "2026-10-01T08:00:00+00:00"),
    (4, "en", "emergency number", "answer", "emergency-numbers", None, None, "2026-11-25T11:30:00+00:00"),
]  # fmt: skip

# (resident, article, language, helpful, comment, created_at)
FEEDBACK = [
    (1, "emergency-numbers", "uk", 1, None, "2026-11-23T08:10:00+00:00"),
    (2, "emergency-numbers", "uk", 1, None, "2026-11-23T09:10:00+00:00"),
    (3, "emergency-numbers", "uk", 0, "Немає номера для дітей, мій тел. +420 777 123 456", "2026-11-24T10:10:00+00:00"),
    (4, "public-transport", "cs", 0, None, "2026-11-24T11:10:00+00:00"),
    (5, "public-transport", "en", 0, "Prices | zones?", "2026-11-25T08:10:00+00:00"),
]  # fmt: skip

READS = [
    ("emergency-numbers", "uk", "2026-11-23T08:05:00+00:00"),
    ("public-transport", "cs", "2026-11-24T11:05:00+00:00"),
    ("public-transport", "uk", "2026-11-24T11:06:00+00:00"),
    ("public-transport", "en", "2026-11-25T08:05:00+00:00"),
]

# Working hours Mon-Fri 08:00-16:00 Prague (07:00-15:00 UTC).
# (resident, language, state, opened, first reply, closed, rating)
TICKETS = [
    # Monday 08:00 -> reply 08:30 (30 min), closed 10:00 (2 h), rated 5.
    (1, "uk", "closed", "2026-11-23T07:00:00+00:00", "2026-11-23T07:30:00+00:00", "2026-11-23T09:00:00+00:00", 5),
    # Friday 16:00 (after hours) -> Monday 08:45 (45 min), closed Monday 12:00 (4 h), rated 3.
    (2, "uk", "closed", "2026-11-20T15:00:00+00:00", "2026-11-23T07:45:00+00:00", "2026-11-23T11:00:00+00:00", 3),
    # Saturday, still waiting.
    (3, "cs", "waiting", "2026-11-21T10:00:00+00:00", None, None, None),
    # Tuesday 08:00 -> 09:00 (1 h), closed 14:00 (6 h), not rated.
    (4, "en", "closed", "2026-11-24T07:00:00+00:00", "2026-11-24T08:00:00+00:00", "2026-11-24T13:00:00+00:00", None),
    # Opened before the period: not counted.
    (5, "uk", "closed", "2026-10-01T07:00:00+00:00", "2026-10-01T07:10:00+00:00", "2026-10-01T07:20:00+00:00", 1),
]  # fmt: skip


async def fill(path: Path) -> None:
    db = await connect(path)
    try:
        for number, resident in RESIDENTS.items():
            language = "cs" if number == 5 else "uk"
            await db.execute(
                "INSERT INTO residents (id, language, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (resident, language, "2026-10-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00"),
            )
        for who, lang, text, action, article, candidates, outcome, at in QUERIES:
            await db.execute(
                "INSERT INTO queries (resident_id, language, text, action, article, score, urgent,"
                " created_at, candidates, outcome) VALUES (?, ?, ?, ?, ?, 50, 0, ?, ?, ?)",
                (RESIDENTS[who], lang, text, action, article, at, candidates, outcome),
            )
        for who, article, lang, helpful, comment, at in FEEDBACK:
            await db.execute(
                "INSERT INTO feedback (resident_id, article, language, helpful, comment,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (RESIDENTS[who], article, lang, helpful, comment, at),
            )
        for article, lang, at in READS:
            await db.execute(
                "INSERT INTO article_reads (article, language, created_at) VALUES (?, ?, ?)",
                (article, lang, at),
            )
        for who, lang, state, opened, replied, closed, rating in TICKETS:
            await db.execute(
                "INSERT INTO tickets (resident_id, language, state, question, opened_at,"
                " first_reply_at, closed_at, rating) VALUES (?, ?, ?, 'q', ?, ?, ?, ?)",
                (RESIDENTS[who], lang, state, opened, replied, closed, rating),
            )
        await db.execute(
            "INSERT INTO handoff_requests (resident_id, language, question, created_at)"
            " VALUES (?, 'uk', 'q', '2026-11-24T09:00:00+00:00')",
            (RESIDENTS[1],),
        )
    finally:
        await db.close()
