"""Editors' reports on a database filled with known questions, feedback and tickets."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from bot.core.library import Library
from bot.handoff.hours import parse_working_hours
from bot.reports import feedback, unanswered, usage
from bot.reports.period import Period, parse_since
from bot.reports.summary import stats_summary
from bot.reports.tables import duration, redact, render
from bot.storage.database import connect
from tests import reportdata
from tests.reportdata import NOW, RESIDENTS

PRAGUE = ZoneInfo("Europe/Prague")
HOURS = parse_working_hours("Mon-Fri 08:00-16:00")
PERIOD = parse_since("30d", NOW, PRAGUE)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    await reportdata.fill(tmp_path / "bot.sqlite3")
    connection = await connect(tmp_path / "bot.sqlite3")
    try:
        yield connection
    finally:
        await connection.close()


# -- unanswered -----------------------------------------------------------------------------


async def test_unanswered_groups_similar_questions_biggest_first(
    db: aiosqlite.Connection, bundled_library: Library
) -> None:
    report = await unanswered.unanswered_report(db, PERIOD, bundled_library.matcher)
    assert report.total == 10
    assert report.without_text == 1
    assert report.not_questions == 1  # "хочу поговорити з людиною"
    bus, school, fishing = report.clusters
    assert (bus.count, bus.handoffs, bus.declined) == (4, 3, 1)
    assert bus.languages == (("uk", 3), ("en", 1))
    assert bus.examples == (
        "де купити квиток на автобус",  # twice: once with a capital and a question mark
        "de kupyty kvytok na avtobus",
        "як купити квиток в автобусі",
    )
    assert (bus.closest_article, bus.closest_score) == ("public-transport", 100)
    assert (school.count, school.handoffs, school.declined) == (3, 2, 1)
    assert school.languages == (("cs", 2), ("uk", 1))
    assert school.examples == (
        "як записати дитину в школу",
        "записати дитину до школи",
        "zapis ditini v shkolu",
    )
    assert school.closest_article == "school-enrollment"
    assert (fishing.count, fishing.languages) == (1, (("uk", 1),))
    assert fishing.examples == ("рибалка дозвіл, мій номер [number]",)
    assert fishing.closest_score < unanswered.CLOSE_ARTICLE_MIN  # nothing about fishing
    assert unanswered.hint(bus) == "add these words to public-transport"
    assert "write" in unanswered.hint(fishing)  # whether or not some article is distantly close


async def test_unanswered_works_without_content_and_without_texts(
    db: aiosqlite.Connection,
) -> None:
    await db.execute("UPDATE queries SET text = NULL")  # the retention period has passed
    report = await unanswered.unanswered_report(db, PERIOD, None)
    assert report.total == 10
    assert report.without_text == 10
    assert report.clusters == ()
    assert "Counted but not grouped: 10 past the retention period" in render(
        unanswered.document(report), "markdown"
    )


def test_unanswered_names_the_out_of_scope_topic_a_group_fits(bundled_library: Library) -> None:
    asked = [
        unanswered.UnansweredQuestion("де обміняти гривні", "uk", "handoff"),
        unanswered.UnansweredQuestion("de obminiaty hryvni", "uk", "handoff"),
        unanswered.UnansweredQuestion("jak zapsat dítě do školy", "cs", "handoff"),
    ]
    report = unanswered.summarise(asked, PERIOD, bundled_library.matcher)
    money, school = report.clusters
    assert money.out_of_scope == "money-and-banking"
    assert unanswered.hint(money).startswith("out of scope by design (money-and-banking)")
    assert school.out_of_scope is None
    assert unanswered.hint(school) == "add these words to school-enrollment"


def test_different_topics_stay_apart_and_variants_join() -> None:
    keys = [
        unanswered.topic_key(text)
        for text in (
            "де купити квиток на автобус",
            "kde koupit jízdenku na autobus",
            "як записати дитину в школу",
            "как записать ребенка в школу",
            "де купити квиток на тролейбус",
        )
    ]
    groups = unanswered.cluster_keys(keys)
    assert groups[keys[0]] == groups[keys[4]]  # bus and trolleybus tickets
    assert groups[keys[2]] == groups[keys[3]]  # Ukrainian and Russian
    assert len({groups[keys[0]], groups[keys[1]], groups[keys[2]]}) == 3


# -- feedback -------------------------------------------------------------------------------


async def test_feedback_per_article_and_language_with_comments(db: aiosqlite.Connection) -> None:
    report = await feedback.feedback_report(db, PERIOD)
    assert [(a.article, a.language, a.helpful, a.unhelpful) for a in report.articles] == [
        ("public-transport", "cs", 0, 1),
        ("public-transport", "en", 0, 1),
        ("emergency-numbers", "uk", 2, 1),
    ]
    assert [(c.article, c.language, c.day, c.text) for c in report.comments] == [
        ("public-transport", "en", dt.date(2026, 11, 25), "Prices | zones?"),
        ("emergency-numbers", "uk", dt.date(2026, 11, 24), "Немає номера для дітей, мій тел. [number]"),
    ]  # fmt: skip
    markdown = render(feedback.document(report), "markdown")
    assert "| emergency-numbers | uk | 2 | 1 | 67% |" in markdown
    assert "Prices \\| zones?" in markdown  # a pipe cannot break the table


# -- usage ----------------------------------------------------------------------------------


async def test_usage_counts_questions_rates_articles_and_tickets(
    db: aiosqlite.Connection,
) -> None:
    report = await usage.usage_report(db, PERIOD, HOURS)
    assert report.questions == 14
    assert report.actions == {
        "cs": {"answer": 1, "suggest": 1, "handoff": 1},
        "uk": {"answer": 0, "suggest": 2, "handoff": 6},
        "en": {"answer": 1, "suggest": 1, "handoff": 1},
    }
    assert len(report.days) == 31  # every day of the period, quiet ones included
    busy = {day.day: day for day in report.days if day.total}
    assert sorted(busy) == [dt.date(2026, 11, 23), dt.date(2026, 11, 24), dt.date(2026, 11, 25)]
    # 23:30 UTC on the 23rd is 00:30 on the 24th in Prague.
    assert busy[dt.date(2026, 11, 23)].questions == {"cs": 0, "en": 0, "uk": 2}
    assert busy[dt.date(2026, 11, 24)].questions == {"cs": 3, "en": 1, "uk": 2}
    assert busy[dt.date(2026, 11, 25)].questions == {"cs": 0, "en": 2, "uk": 4}
    assert [busy[d].handoff_rate for d in sorted(busy)] == [1.0, 0.5, 0.5]
    assert [(a.article, a.answers, a.opened) for a in report.articles] == [
        ("emergency-numbers", 2, 1),
        ("public-transport", 0, 3),
    ]
    tickets = report.tickets
    assert (tickets.opened, tickets.replied, tickets.closed) == (4, 3, 3)
    # Working time only: 30 min, 45 min (Friday 16:00 to Monday 08:45), 1 h.
    assert tickets.median_first_reply == dt.timedelta(minutes=45)
    assert tickets.median_to_close == dt.timedelta(hours=4)
    assert tickets.ratings == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert tickets.average_rating == 4.0
    assert tickets.recorded_requests == 1


async def test_usage_markdown_and_csv(db: aiosqlite.Connection) -> None:
    document = usage.document(await usage.usage_report(db, PERIOD, HOURS))
    markdown = render(document, "markdown")
    assert markdown.startswith("# Usage, 2026-10-26 – 2026-11-25\n")
    assert "14 questions: 14% answered, 29% got suggestions, 57% handed to a person" in markdown
    assert "median time to the first assistant reply 45 min, to close 4 h 00 min" in markdown
    assert "| 2026-11-24 | 3 | 1 | 2 | 6 | 50% |" in markdown
    csv = render(document, "csv")
    assert "day,cs,en,uk,total,handoff rate\n2026-11-23,0,0,2,2,100%\n" in csv
    assert "2026-11-24,3,1,2,6,50%\n" in csv


async def test_reports_never_show_who_asked(
    db: aiosqlite.Connection, bundled_library: Library
) -> None:
    documents = [
        unanswered.document(
            await unanswered.unanswered_report(db, PERIOD, bundled_library.matcher)
        ),
        feedback.document(await feedback.feedback_report(db, PERIOD)),
        usage.document(await usage.usage_report(db, PERIOD, HOURS)),
    ]
    for document in documents:
        for fmt in ("markdown", "csv"):
            text = render(document, fmt)
            assert not any(str(resident) in text for resident in RESIDENTS.values())
            assert "777 123 456" not in text


def test_usage_chart_is_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from bot.reports.chart import save_usage_chart

    days = [dt.date(2026, 11, 1) + dt.timedelta(days=n) for n in range(14)]
    report = usage.UsageReport(
        period=Period(dt.datetime(2026, 11, 1, tzinfo=PRAGUE), dt.datetime(2026, 11, 15, tzinfo=PRAGUE), PRAGUE),
        days=tuple(usage.Day(d, {"cs": n % 3, "uk": 5 + n, "en": 1}, n % 4) for n, d in enumerate(days)),
        actions={"cs": {"answer": 1, "suggest": 0, "handoff": 0}},
        urgent=0,
        articles=(),
        tickets=usage.Tickets(0, 0, 0, None, None, {}, 0),
    )  # fmt: skip
    path = tmp_path / "usage.png"
    save_usage_chart(report, path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000  # two plots with bars, a line and labels, not an empty canvas


# -- shared pieces --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("30d", dt.datetime(2026, 10, 26, 12, tzinfo=dt.UTC)),
        ("2w", dt.datetime(2026, 11, 11, 12, tzinfo=dt.UTC)),
        ("2026-11-01", dt.datetime(2026, 11, 1, tzinfo=PRAGUE)),
    ],
)
def test_since_accepts_days_weeks_and_dates(text: str, start: dt.datetime) -> None:
    assert parse_since(text, NOW, PRAGUE).start == start


@pytest.mark.parametrize("text", ["0d", "yesterday", "2027-01-01", "30"])
def test_since_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="--since"):
        parse_since(text, NOW, PRAGUE)


def test_redact_hides_contacts_and_keeps_one_line() -> None:
    assert redact("call me\n+420 777 123 456 or a.b@example.cz") == "call me [number] or [e-mail]"
    assert redact("x" * 300).endswith("…")
    assert len(redact("x" * 300)) == 160


def test_durations_read_naturally() -> None:
    assert duration(dt.timedelta(minutes=45)) == "45 min"
    assert duration(dt.timedelta(hours=26, minutes=5)) == "26 h 05 min"
    assert duration(None) == "–"


async def test_stats_summary_in_ukrainian(db: aiosqlite.Connection) -> None:
    lines = stats_summary(await usage.usage_report(db, PERIOD, HOURS), "uk").split("\n")
    assert lines == [
        "📊 **Статистика за 2026-10-26 – 2026-11-25**",
        "Запитання: 14 (cs 3, en 3, uk 8)",
        "Відповіли одразу: 14%, запропонували статті: 29%, передали людині: 57%",
        "Звернення до асистентів: відкрито 4, закрито 3",
        "Медіанний час до першої відповіді: 45 хв, до закриття: 4 год 00 хв (у робочий час)",
        "Середня оцінка: 4 з 5 (2 оцінки)",
        "Найчастіше читають: emergency-numbers, public-transport",
    ]
