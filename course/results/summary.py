"""The class summary of one assignment, from the merged gradebook: exercises by difficulty and the score distribution.

``grade`` writes it as ``summary-<label>.csv`` (:func:`table_csv`) and as the
summary page (:func:`course.results.feedback.summary_page`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from ..model.bank import Bank
from ..safety import csv_cell
from .gradebook import GRADED_STATUSES, number, plain_number

SUMMARY_COLUMNS = ["exercise", "type", "points", "answered_%", "mean_score_%", "fully_correct_%"]


def summarise(rows: list[dict[str, Any]], bank: Bank) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Exercises by difficulty and the score distribution, from the gradebook rows of one lesson."""
    scored = [r for r in rows if str(r.get("status", "")) in GRADED_STATUSES]
    n = len(scored) or 1
    difficulty = []
    for exercise in bank.exercises:
        cells = [number(r.get(exercise.id)) for r in scored]
        answered = [c for c in cells if c is not None]
        difficulty.append(
            {
                "exercise": exercise.id,
                "type": exercise.kind,
                "points": plain_number(exercise.points),
                "answered_%": round(100 * len(answered) / n, 1),
                "mean_score_%": round(100 * sum(answered) / exercise.points / n, 1),
                "fully_correct_%": round(100 * sum(1 for c in answered if c >= exercise.points) / n, 1),
            }
        )
    difficulty.sort(key=lambda d: (d["mean_score_%"], d["exercise"]))
    percents = [number(r.get("percent")) for r in rows]
    counts = Counter(min(int(p // 10), 9) for p in percents if p is not None)
    bins = [f"{low}-{low + 9}%" if low < 90 else "90-100%" for low in range(0, 100, 10)]
    distribution = [{"range": label, "students": counts.get(i, 0)} for i, label in enumerate(bins)]
    return difficulty, distribution


def table_csv(rows: list[dict[str, Any]]) -> str:
    """The difficulty table as CSV, cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS)
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()
