"""Item and test statistics of one assignment, defined as Moodle's quiz statistics report defines them.

The figures follow Moodle's own code, read in moodle/moodle:
``question/classes/statistics/questions/calculator.php`` (per question) and
``mod/quiz/report/statistics/classes/calculator.php`` (per quiz), documented at
https://docs.moodle.org/dev/Quiz_statistics_calculations. Nothing of that code is
copied; the definitions, with ``s`` the number of graded students, ``x`` an item's
points, ``m`` its maximum and ``T`` a student's total over the items:

* facility index = mean(x) / m, written as a percentage;
* standard deviation of an item = sample SD of x (divisor s - 1), written, as
  Moodle's report shows it, as a percentage of m;
* discrimination index = Pearson correlation of x with the rest of the test
  (T - x); blank when either varies not at all (Moodle writes it x 100 as a
  percentage; we keep the correlation, between -1 and 1);
* discriminative efficiency = cov(x, T - x) / cov(sorted x, sorted T - x), the
  discrimination as a share of the largest it could be with these scores, x 100;
* the test: mean, median and sample SD of T; the coefficient of internal
  consistency, Cronbach's alpha = p / (p - 1) * (1 - sum of item variances / var(T))
  with p items (Moodle computes it only for three or more students, and writes it
  x 100); the error ratio sqrt(1 - alpha), x 100; and the standard error of
  measurement SD(T) * sqrt(1 - alpha).

An item a student left unanswered counts 0 points, as in the gradebook's total.
An item is flagged "check this item" when its discrimination is negative, its
facility is over 95% or under 10%, or a wrong option was chosen by more students
than a right one (:func:`flag_reasons`). An item that no graded student answered
(every one left it blank) is flagged for that alone: its 0% facility says nothing
about how hard it is.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TOO_EASY, TOO_HARD = 95.0, 10.0
"""Facility (%) over which an item is too easy, and under which it is too hard, to tell students apart."""


@dataclass(frozen=True)
class ItemFigures:
    """One item's statistics; None where a figure cannot be computed (see the module's definitions)."""

    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None


@dataclass(frozen=True)
class OverallFigures:
    """The whole test's statistics over the graded students' totals (points)."""

    students: int
    items: int
    max_points: float
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    alpha: float | None = None
    error_ratio: float | None = None
    sem: float | None = None


@dataclass(frozen=True)
class OptionCount:
    """How many students chose one option of a choice item."""

    exercise: str
    option: str
    text: Any  # the option's text, {"en": ..., "id": ...}
    correct: bool
    students: int


@dataclass
class ScoreTable:
    """The graded students' points per item: ``scores[student][item]``, with each item's maximum."""

    items: list[str]
    maxima: list[float]
    scores: list[list[float]] = field(default_factory=list)

    def totals(self) -> list[float]:
        return [sum(row) for row in self.scores]

    def column(self, index: int) -> list[float]:
        return [row[index] for row in self.scores]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _covariance(first: Sequence[float], second: Sequence[float]) -> float:
    """Sample covariance (divisor n - 1) of two equally long lists of at least two values."""
    a, b = _mean(first), _mean(second)
    return sum((x - a) * (y - b) for x, y in zip(first, second, strict=True)) / (len(first) - 1)


def _varies(values: Sequence[float]) -> bool:
    """Whether the values differ by more than float rounding (equal scores summed in another order may not be equal)."""
    return max(values) - min(values) > 1e-9 * (1 + max(abs(v) for v in values))


def item_figures(table: ScoreTable, index: int) -> ItemFigures:
    """Facility, SD, discrimination and discriminative efficiency of item ``index`` (definitions above)."""
    scores, maximum = table.column(index), table.maxima[index]
    if not scores or maximum <= 0:
        return ItemFigures(None, None, None, None)
    facility = 100 * _mean(scores) / maximum
    if len(scores) < 2:
        return ItemFigures(facility, None, None, None)
    rest = [total - own for total, own in zip(table.totals(), scores, strict=True)]
    variance, rest_variance = _covariance(scores, scores), _covariance(rest, rest)
    covariance = _covariance(scores, rest)
    both_vary = _varies(scores) and _varies(rest)
    discrimination = max(-1.0, min(1.0, covariance / math.sqrt(variance * rest_variance))) if both_vary else None
    largest = _covariance(sorted(scores), sorted(rest))
    efficiency = 100 * covariance / largest if both_vary and largest > 0 else None
    return ItemFigures(facility, 100 * math.sqrt(variance) / maximum, discrimination, efficiency)


def overall_figures(table: ScoreTable) -> OverallFigures:
    """Number of students, mean, median, SD, Cronbach's alpha, error ratio and SEM of the totals (definitions above)."""
    totals, count = table.totals(), len(table.scores)
    base = OverallFigures(count, len(table.items), sum(table.maxima))
    if not count:
        return base
    mean, median = _mean(totals), statistics.median(totals)
    if count < 2:
        return OverallFigures(count, len(table.items), base.max_points, mean, median)
    variance = _covariance(totals, totals)
    sd = math.sqrt(variance)
    alpha = error_ratio = sem = None
    items = len(table.items)
    if count > 2 and items > 1 and _varies(totals):  # Moodle: three or more attempts, two or more questions
        item_variances = sum(_covariance(table.column(i), table.column(i)) for i in range(items))
        alpha = items / (items - 1) * (1 - item_variances / variance)
        error_ratio = 100 * math.sqrt(max(0.0, 1 - alpha))  # alpha is at most 1; rounding may pass it by 1e-16
        sem = sd * math.sqrt(max(0.0, 1 - alpha))
    return OverallFigures(count, items, base.max_points, mean, median, sd, alpha, error_ratio, sem)


def flag_reasons(figures: ItemFigures, options: Sequence[OptionCount] = (), answered: int | None = None) -> list[str]:
    """Why an item needs checking: ``negative_discrimination``, ``too_easy``, ``too_hard``, ``wrong_option_preferred``.

    ``answered`` is how many graded students answered the item (None: not known). When there were
    students and none answered, the one reason is ``nobody_answered``: the other figures are those of
    a column of zeros, not of the item.
    """
    if answered == 0 and figures.facility is not None:
        return ["nobody_answered"]
    reasons = []
    if figures.discrimination is not None and figures.discrimination < 0:
        reasons.append("negative_discrimination")
    if figures.facility is not None and figures.facility > TOO_EASY:
        reasons.append("too_easy")
    if figures.facility is not None and figures.facility < TOO_HARD:
        reasons.append("too_hard")
    if preferred_wrong_options(options):
        reasons.append("wrong_option_preferred")
    return reasons


def preferred_wrong_options(options: Sequence[OptionCount]) -> list[OptionCount]:
    """The wrong options more students chose than chose the least chosen right option of the same item."""
    right = [o.students for o in options if o.correct]
    if not right:
        return []
    return [o for o in options if not o.correct and o.students > min(right)]
