"""The class summary of one assignment: item statistics, test figures, option counts and charts.

``grade`` writes it as ``summary-<label>.csv`` (one row per item), ``options-<label>.csv``
(one row per option of each choice item), ``test-<label>.csv`` (the test-level
figures) and the summary page ``summary-<label>.html`` with its charts. The grading
notebook (or any Python) gets the same from :func:`class_summary`::

    summary = class_summary(book.lesson_rows("03", "assessment"), bank, run.graded, lang="id")
    summary.items        # list of dicts, one per item, hardest first (the CSV's columns)
    summary.overall      # list of {"figure": ..., "value": ...}
    summary.options      # list of dicts, one per option of each choice item
    summary.flagged      # the items to check, with their reasons in ``lang``
    summary.charts       # Chart objects: .svg, .alt, .data_url(); Jupyter shows them as pictures
    summary.page(title, report_lines)   # the summary page as HTML

Item scores and totals come from the merged gradebook rows (the lecturer's
changed cells count; an unanswered item is 0), over the students whose status is
graded; the figures are defined in :mod:`course.results.statistics`. Option counts come
from the notebooks graded in this run (the gradebook keeps points, not choices).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n import LANGUAGES, pick
from ..messages import say
from ..model.bank import Bank
from ..model.exercises.truefalse import parse_truefalse
from ..model.texts import label
from ..model.types import UNANSWERED, Exercise
from ..safety import csv_cell
from .charts import Chart, histogram, options_chart, scatter
from .gradebook import GRADED_STATUSES, number, plain_number
from .statistics import ItemFigures, OptionCount, OverallFigures, ScoreTable, flag_reasons, item_figures, overall_figures
from .statistics import preferred_wrong_options as preferred

SUMMARY_COLUMNS = [
    "exercise",
    "type",
    "points",
    "answered_by_%",
    "facility_%",
    "sd_%",
    "discrimination",
    "discriminative_efficiency_%",
    "fully_correct_%",
    "check",
]
PLAIN_COLUMNS = ["exercise", "type", "points", "answered_by_%", "facility_%", "fully_correct_%"]  # without statistics
OPTION_COLUMNS = ["exercise", "option", "text", "correct", "students", "students_%"]
TEST_COLUMNS = ["figure", "value"]
CHOICE_KINDS = ("single", "multiple", "truefalse")


@dataclass(frozen=True)
class Flagged:
    """An item to check: its id, the reasons in the summary's language, and its option counts (choice items)."""

    exercise: str
    reasons: list[str]
    options: list[OptionCount]


@dataclass
class ClassSummary:
    """Everything the summary shows, in ``lang``; see the module's docstring."""

    lang: str
    items: list[dict[str, Any]]
    distribution: list[dict[str, Any]]
    overall: list[dict[str, Any]] = field(default_factory=list)
    options: list[dict[str, Any]] = field(default_factory=list)
    flagged: list[Flagged] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    def items_csv(self) -> str:
        return table_csv(self.items, SUMMARY_COLUMNS if self.overall else PLAIN_COLUMNS)

    def options_csv(self) -> str:
        return table_csv(self.options, OPTION_COLUMNS)

    def overall_csv(self) -> str:
        return table_csv(self.overall, TEST_COLUMNS)

    def chart(self, name: str) -> Chart | None:
        return next((c for c in self.charts if c.name == name), None)

    def page(self, title: str, report: Iterable[str]) -> str:
        """The summary page (HTML) with this summary's tables and charts, the report's lines below."""
        from .feedback import summary_page

        return summary_page(title, self.lang, self.items, self.distribution, list(report), self)


def class_summary(
    rows: Sequence[dict[str, Any]], bank: Bank, graded: Iterable[Any] = (), lang: str = "en", statistics: bool = True
) -> ClassSummary:
    """The summary of one assignment from its gradebook rows and (for option counts) this run's :class:`Graded` list.

    With ``statistics=False`` only the plain table (answered, facility, fully correct) and the distribution are made:
    no test figures, option counts or charts (and matplotlib is never imported).
    """
    scored = [r for r in rows if str(r.get("status", "")) in GRADED_STATUSES]
    exercises = list(bank.exercises)
    table = ScoreTable([e.id for e in exercises], [float(e.points) for e in exercises])
    table.scores = [[number(r.get(e.id)) or 0.0 for e in exercises] for r in scored]
    figures = [item_figures(table, i) for i in range(len(exercises))]
    counts = option_counts(graded, exercises) if statistics else {}
    items, flagged = [], []
    for index, exercise in enumerate(exercises):
        cells = [r.get(exercise.id) for r in scored]
        row = _plain_row(exercise, cells)
        if statistics:
            answered = sum(1 for cell in cells if number(cell) is not None)  # a blank cell: the student left the item unanswered
            reasons = flag_reasons(figures[index], counts.get(exercise.id, []), answered)
            row.update(_statistics_cells(figures[index]))
            row["check"] = "; ".join(say(f"flag_short_{reason}", lang) for reason in reasons)
            if reasons:
                flagged.append(
                    Flagged(exercise.id, [_reason_text(r, counts.get(exercise.id, []), lang) for r in reasons], counts.get(exercise.id, []))
                )
        items.append(row)
    items.sort(key=lambda d: (d["facility_%"] if d["facility_%"] != "" else 101, d["exercise"]))
    totals = [100 * t / sum(table.maxima) if sum(table.maxima) else 0.0 for t in table.totals()]
    summary = ClassSummary(lang, items, _distribution(totals))
    if not statistics:
        return summary
    summary.overall = _overall_rows(overall_figures(table))
    summary.options = [_option_row(o, len(_graded(graded)), lang) for exercise in exercises for o in counts.get(exercise.id, [])]
    order = {row["exercise"]: n for n, row in enumerate(items)}
    summary.flagged = sorted(flagged, key=lambda f: order[f.exercise])
    summary.charts = _charts(table, figures, summary.flagged, totals, lang)
    return summary


def _plain_row(exercise: Exercise, cells: list[Any]) -> dict[str, Any]:
    n = len(cells) or 1
    scores = [number(c) for c in cells]
    answered = [s for s in scores if s is not None]
    return {
        "exercise": exercise.id,
        "type": exercise.kind,
        "points": plain_number(exercise.points),
        "answered_by_%": round(100 * len(answered) / n, 1),
        "facility_%": round(100 * sum(answered) / exercise.points / n, 1) if exercise.points and cells else "",
        "fully_correct_%": round(100 * sum(1 for s in answered if s >= exercise.points) / n, 1),
    }


def _rounded(value: float | None, places: int) -> Any:
    return "" if value is None else round(value, places)


def _statistics_cells(figures: ItemFigures) -> dict[str, Any]:
    return {
        "sd_%": _rounded(figures.sd, 1),
        "discrimination": _rounded(figures.discrimination, 3),
        "discriminative_efficiency_%": _rounded(figures.efficiency, 1),
    }


def _overall_rows(figures: OverallFigures) -> list[dict[str, Any]]:
    maximum = figures.max_points

    def percent(value: float | None) -> Any:
        return "" if value is None or not maximum else round(100 * value / maximum, 1)

    values = {
        "students": figures.students,
        "items": figures.items,
        "max_points": plain_number(float(maximum)),
        "mean": _rounded(figures.mean, 2),
        "mean_%": percent(figures.mean),
        "median": _rounded(figures.median, 2),
        "median_%": percent(figures.median),
        "sd": _rounded(figures.sd, 2),
        "sd_%": percent(figures.sd),
        "alpha": _rounded(figures.alpha, 3),
        "error_ratio_%": _rounded(figures.error_ratio, 1),
        "sem": _rounded(figures.sem, 2),
    }
    return [{"figure": name, "value": value} for name, value in values.items()]


def _graded(graded: Iterable[Any]) -> list[Any]:
    return [g for g in graded if getattr(g, "status", "") == "graded"]


def option_counts(graded: Iterable[Any], exercises: Sequence[Exercise]) -> dict[str, list[OptionCount]]:
    """Per choice item, how many of this run's graded students chose each option (true and false for a true/false item)."""
    chosen: dict[str, dict[str, int]] = {e.id: {} for e in exercises if e.kind in CHOICE_KINDS}
    for g in _graded(graded):
        for exercise, answer, result, _points in g.rows:
            if exercise.id not in chosen or result.status == UNANSWERED:
                continue
            for key in _chosen_keys(exercise, answer):
                chosen[exercise.id][key] = chosen[exercise.id].get(key, 0) + 1
    found: dict[str, list[OptionCount]] = {}
    for exercise in exercises:
        if exercise.id in chosen:
            found[exercise.id] = [
                OptionCount(exercise.id, key, text, correct, chosen[exercise.id].get(key, 0)) for key, text, correct in _options(exercise)
            ]
    return found


def _options(exercise: Any) -> list[tuple[str, Any, bool]]:
    """(key, text, right?) of each option, in the bank's order."""
    if exercise.kind == "truefalse":
        return [(word, {lang: label(word, lang) for lang in LANGUAGES}, exercise.answer is (word == "true")) for word in ("true", "false")]
    return [(o.key, o.text, bool(o.correct)) for o in exercise.options]


def _chosen_keys(exercise: Any, answer: Any) -> list[str]:
    if exercise.kind == "truefalse":
        given = parse_truefalse(answer)
        return [] if given is None else ["true" if given else "false"]
    keys = {o.key for o in exercise.options}
    chosen = answer if isinstance(answer, list) else [answer]
    return sorted({c for c in chosen if isinstance(c, str) and c in keys})


def _option_row(option: OptionCount, students: int, lang: str) -> dict[str, Any]:
    return {
        "exercise": option.exercise,
        "option": option.option,
        "text": str(pick(option.text, lang)),
        "correct": "yes" if option.correct else "",
        "students": option.students,
        "students_%": round(100 * option.students / students, 1) if students else "",
    }


def _reason_text(reason: str, options: Sequence[OptionCount], lang: str) -> str:
    wrong = sorted(preferred(options), key=lambda o: -o.students)
    option = str(pick(wrong[0].text, lang)) if wrong else ""
    return say(f"flag_{reason}", lang, option=option) if reason == "wrong_option_preferred" else say(f"flag_{reason}", lang)


def _distribution(percents: list[float]) -> list[dict[str, Any]]:
    counts = [0] * 10
    for p in percents:
        counts[min(max(int(p // 10), 0), 9)] += 1
    bins = [f"{low}-{low + 9}%" if low < 90 else "90-100%" for low in range(0, 100, 10)]
    return [{"range": name, "students": counts[i]} for i, name in enumerate(bins)]


def _charts(table: ScoreTable, figures: list[ItemFigures], flagged: list[Flagged], totals: list[float], lang: str) -> list[Chart]:
    marked = {f.exercise for f in flagged}
    points = [
        (item, f.facility, f.discrimination, item in marked)
        for item, f in zip(table.items, figures, strict=True)
        if f.facility is not None and f.discrimination is not None
    ]
    charts = [histogram(totals, lang), scatter(points, lang)]
    charts += [options_chart(f.exercise, f.options, lang) for f in flagged if any(o.students for o in f.options)]
    return charts


def table_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A table as CSV with the given columns, cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()
