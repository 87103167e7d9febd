"""Google Classroom: a grade list to type or paste from, and the feedback pages named by student.

Classroom has no file import for grades of an uploaded assignment, so the
list is meant for people: UTF-8 with a byte-order mark (Excel and Google
Sheets show Indonesian names intact), sorted by name, one row per student with
email where the roster has it, the points on the assignment's scale, and a
blank where the file could not be graded; the ``comment`` column says what a
student handed in that was not a notebook, and that it was not graded.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from ..messages import has, say
from ..safety import csv_cell
from . import Outcome, number_text, run_language, scaled

COLUMNS = ["name", "email", "points", "out_of", "status", "late", "feedback_file", "comment"]


def page_file_name(outcome: Outcome, lesson: str) -> str:
    """``<Name> - feedback <label>.html`` (``NN`` or ``NN-quiz``), safe on every file system."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", outcome.name or outcome.student).strip(" .") or "student"
    return f"{name[:80]} - feedback {lesson}.html"


def _status(status: str, lang: str) -> str:
    return say(f"status_{status}", lang) if has(f"status_{status}") else status


def grade_list(outcomes: list[Outcome], possible: float | None, lesson: str) -> bytes:
    """The grade list, headings and statuses in the run's language; points as plain numbers to paste into Classroom."""
    lang = run_language(outcomes)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([say(f"classroom_{column}", lang) for column in COLUMNS])
    for outcome in sorted(outcomes, key=lambda o: (o.name.casefold(), o.student)):
        points = scaled(outcome, possible)
        writer.writerow(
            [
                csv_cell(outcome.name or outcome.student),
                csv_cell(outcome.email),
                "" if points is None else number_text(points),
                number_text(possible or outcome.max_points),
                csv_cell(_status(outcome.status, lang)),
                say("yes", lang) if outcome.late else "",
                csv_cell(page_file_name(outcome, lesson)) if outcome.page and outcome.graded else "",
                csv_cell(outcome.note) if not outcome.graded else "",
            ]
        )
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
