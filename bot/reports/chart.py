"""The usage chart: questions per day by language, and the share handed to a person.

matplotlib is an optional extra (`pip install -e ".[charts]"`): the bot and the other
reports run without it. The figure is drawn without pyplot, so it holds no global
state and can be drawn in a worker thread while the bot keeps answering.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from bot.knowledge.model import LANGUAGES
from bot.reports.usage import UsageReport

MISSING = 'charts need matplotlib: pip install -e ".[charts]"'
LANGUAGE_COLOURS = {"cs": "#1f77b4", "uk": "#f2b705", "en": "#2ca02c"}


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed."""


def charts_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def usage_chart_png(report: UsageReport) -> bytes:
    """The chart as PNG bytes; raises ChartsUnavailable without matplotlib."""
    if not charts_available():
        raise ChartsUnavailable(MISSING)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [day.day for day in report.days]
    seen = {lang for day in report.days for lang in day.questions}
    languages = [lang for lang in LANGUAGES if lang in seen] + sorted(seen - set(LANGUAGES))
    figure = Figure(figsize=(10, 6), dpi=100, layout="constrained")
    questions, handoffs = figure.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    bottom = [0] * len(days)
    for lang in languages:
        counts = [day.questions.get(lang, 0) for day in report.days]
        questions.bar(
            days, counts, bottom=bottom, label=lang, color=LANGUAGE_COLOURS.get(lang), width=0.8
        )
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    questions.set_title(f"Questions per day by language, {report.period.label()}")
    questions.set_ylabel("questions")
    questions.legend(loc="upper left")
    questions.grid(axis="y", alpha=0.3)
    questions.yaxis.set_major_locator(MaxNLocator(integer=True))
    rates = [100 * day.handoff_rate if day.total else float("nan") for day in report.days]
    handoffs.plot(days, rates, marker="o", color="#d62728")
    handoffs.set_ylabel("handed to a person, %")
    handoffs.set_ylim(0, 100)
    handoffs.grid(alpha=0.3)
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def save_usage_chart(report: UsageReport, path: Path) -> None:
    path.write_bytes(usage_chart_png(report))
