"""The lecturer's review sheet: people grade prose in an assessment.

In an assessment run no short text (:attr:`Exercise.graded_by_people`) earns
automatic points. ``grade`` writes ``review-<label>.csv`` into the output
folder, one row per student and text item: ``student``, ``name``,
``exercise``, ``answer``, ``words``, ``model_answer``, ``rubric_hits`` (the
rubric's points the answer's words mention: a hint for the reader, no
judgement), ``max_points``, an empty ``points`` and ``answer_digest``. The
lecturer fills ``points`` in any spreadsheet and saves it as it likes (``;``
and decimal commas, Windows-1252, UTF-8 with a byte-order mark, ...); the
next run into the same folder reads it (:meth:`ReviewSheet.read`) and counts
those points (:meth:`ReviewSheet.points`), so they reach the gradebook, the
LMS files and the feedback pages.

The decisions:

* A blank ``points`` cell keeps the item waiting: status ``review``, 0 points,
  named in the gradebook's ``needs_review`` column.
* A cell that is not a number from 0 to the item's maximum is one report line
  naming the row, and is not used; it stays in the sheet for the lecturer to mend.
* ``answer_digest`` is a hash of the answer the sheet shows. When the student's
  answer is no longer that one (a late resubmission), the points are not used,
  the report says so and names them, and the row is written again with the new
  answer and a blank ``points`` cell. A row without a digest is not trusted.
* Rows of students not graded in this run, and columns the lecturer added,
  are kept as they are.
* Every text cell the grader writes is guarded against formulas
  (:func:`course.safety.csv_cell`) and the guard is taken off on reading
  (:func:`course.safety.from_csv_cell`); line breaks in an answer are written
  as `` ¶ `` so one answer stays one line of the sheet.
* The sheet is written as UTF-8 with a byte-order mark, with the separator the
  lecturer's last save used (``;`` in an Indonesian Excel), numbers with decimal
  commas when that separator is ``;``.
* A sheet that cannot be read stops the run before anything is written, as an
  unreadable gradebook does: writing over it would lose the lecturer's points.

:mod:`course.results.review_pages` renders the same rows as HTML, one page per item.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CourseError, Problem
from ..grading.scoring import GRADED, Graded
from ..i18n import pick
from ..intake.tables import header_index, read_table
from ..messages import Message, number_text
from ..model.bank import Bank
from ..model.types import Exercise
from ..model.vocabulary import LANGUAGES
from ..safety import csv_cell, from_csv_cell, one_line

COLUMNS = ["student", "name", "exercise", "answer", "words", "model_answer", "rubric_hits", "max_points", "points", "answer_digest"]
REQUIRED = ("student", "exercise", "points", "answer_digest")
DIGEST_PREFIX = "sha256:"  # a letter first: a spreadsheet never reads the digest as a number and never rounds it
NUMBER = re.compile(r"^[+]?(\d+([.,]\d*)?|[.,]\d+)$")
FIX = "nothing was written. Save it from your spreadsheet as CSV (any separator), or move it away to start a new sheet, and run grade again"


def answer_digest(answer: str) -> str:
    """The digest the sheet keeps of an answer: the points in a row count only for this very text."""
    return DIGEST_PREFIX + hashlib.sha256(answer.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def points_value(text: str) -> float | None:
    """A points cell as a number (``1.5``, ``1,5``, `` 2 ``), or None when it is no plain non-negative number."""
    text = text.strip().replace("\u00a0", "")
    if not NUMBER.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def loose_id(student: str) -> str:
    """A student id as a spreadsheet may have left it: its formula guard, case, spaces and leading zeros do not count."""
    return from_csv_cell(student.strip()).strip().casefold().lstrip("0")


@dataclass
class SheetRow:
    """One row of the sheet as read (the formula guard taken off), with its place in the file."""

    number: int
    cells: dict[str, str]
    points: float | None = None  # a usable number of points, or None (blank or refused)


@dataclass
class ReviewSheet:
    """The review sheet of one assignment: the rows read from the lecturer's file, and what the run noted about them."""

    path: Path
    bank: Bank
    rows: dict[tuple[str, str], SheetRow] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    delimiter: str = ","
    notes: list[Message] = field(default_factory=list)
    used: int = 0
    changed: set[tuple[str, str]] = field(default_factory=set)
    _loose: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, bank: Bank) -> ReviewSheet:
        """The sheet at ``path`` (empty if there is none); raises a one-line :class:`CourseError` if it cannot be read."""
        sheet = cls(Path(path), bank)
        if not sheet.path.exists():
            return sheet
        table = read_table(sheet.path, "a review sheet", FIX)
        header = [from_csv_cell(cell).lstrip("\ufeff").strip() for cell in table.rows[0]]
        place = {name: header_index(header, name) for name in COLUMNS}
        missing = [name for name in REQUIRED if place[name] is None]
        if missing:
            raise CourseError(Problem(str(sheet.path), f"cannot be read as a review sheet: it has no column {', '.join(missing)}", FIX))
        sheet.delimiter = table.format.delimiter
        known = {i for i in place.values() if i is not None}
        sheet.extra_columns = [name for i, name in enumerate(header) if i not in known and name]
        for number, cells in enumerate(table.rows[1:], start=2):
            values = {name: from_csv_cell(cells[i]) if i is not None and i < len(cells) else "" for name, i in place.items()}
            values.update(
                {name: from_csv_cell(cells[i]) for i, name in enumerate(header) if name in sheet.extra_columns and i < len(cells)}
            )
            sheet._add(SheetRow(number, values))
        return sheet

    def _add(self, row: SheetRow) -> None:
        student, exercise = row.cells["student"], row.cells["exercise"]
        if not student or not exercise:
            return
        key = (student, exercise)
        if key in self.rows:
            first = self.rows[key].number
            self.notes.append(
                Message(
                    "review_duplicate_row",
                    sheet=self.path.name,
                    row=row.number,
                    student=one_line(student),
                    exercise=one_line(exercise),
                    first=first,
                )
            )
            return
        row.points = self._checked_points(row)
        self.rows[key] = row
        self._loose.setdefault((loose_id(student), exercise), []).append(key)

    def _checked_points(self, row: SheetRow) -> float | None:
        """The row's points if they are a number from 0 to the item's maximum; else None, and a report line if the cell was filled."""
        text = row.cells["points"].strip()
        if not text:
            return None
        maximum = next((e.points for e in self.bank.exercises if e.id == row.cells["exercise"] and e.graded_by_people), None)
        value = points_value(text)
        if maximum is not None and value is not None and value <= maximum:
            return value
        self.notes.append(
            Message(
                "review_points_refused" if maximum is not None else "review_unknown_item",
                sheet=self.path.name,
                row=row.number,
                student=one_line(row.cells["student"]),
                exercise=one_line(row.cells["exercise"]),
                value=one_line(text[:40]),
                maximum=maximum if maximum is not None else "",
            )
        )
        return None

    def row_for(self, student: str, exercise_id: str) -> SheetRow | None:
        """The sheet's row of ``student`` and ``exercise_id``; an id read back without its formula guard,
        or whose leading zeros a spreadsheet dropped, is found too."""
        row = self.rows.get((student, exercise_id)) or self.rows.get((from_csv_cell(student), exercise_id))
        if row is None:
            keys = self._loose.get((loose_id(student), exercise_id), [])
            row = self.rows[keys[0]] if len(keys) == 1 else None
        return row

    def points(self, student: str, exercise: Exercise, answer: str) -> float | None:
        """The points the lecturer gave this very answer, or None (not given yet, refused, or given to another answer)."""
        row = self.row_for(student, exercise.id)
        if row is None or row.points is None:
            return None
        if row.cells["answer_digest"].strip() != answer_digest(answer):
            self.changed.add((student, exercise.id))
            self.notes.append(
                Message(
                    "review_answer_changed" if row.cells["answer_digest"].strip() else "review_no_digest",
                    sheet=self.path.name,
                    row=row.number,
                    student=one_line(student),
                    exercise=exercise.id,
                    points=row.points,
                )
            )
            return None
        self.used += 1
        return row.points

    # writing

    def new_rows(self, graded: list[Graded], language: str) -> list[dict[str, Any]]:
        """The sheet's rows after this run: one per graded student and answered text item, then the earlier rows kept."""
        order = {e.id: n for n, e in enumerate(self.bank.exercises)}
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for g in graded:
            if not g.rows or g.status != GRADED:
                continue
            sub = g.submission
            lang = sub.language if sub.language in LANGUAGES else language
            for exercise, answer, _result, _points in g.rows:
                if not exercise.graded_by_people or not isinstance(answer, str) or not answer.strip():
                    continue
                earlier = self.row_for(sub.student, exercise.id)
                same = earlier is not None and (sub.student, exercise.id) not in self.changed
                same = same and earlier.cells["answer_digest"].strip() == answer_digest(answer)
                row = {
                    "student": sub.student,
                    "name": sub.name,
                    "exercise": exercise.id,
                    "answer": answer,
                    "words": len(answer.split()),
                    "model_answer": pick(getattr(exercise, "model_answer", {}), lang),
                    "rubric_hits": "; ".join(pick(c.label, lang) for c in exercise.mentioned(answer)),
                    "max_points": exercise.points,
                    "points": (earlier.points if earlier.points is not None else earlier.cells["points"]) if same and earlier else "",
                    "answer_digest": answer_digest(answer),
                    "changed": earlier is not None and not same and bool(earlier.cells["points"].strip()),
                }
                row.update({name: earlier.cells.get(name, "") for name in self.extra_columns} if earlier else {})
                rows[(sub.student, exercise.id)] = row
        written = {(r["student"], r["exercise"]) for r in rows.values()}
        matched = {(loose_id(s), e) for s, e in written}
        for key, row in self.rows.items():
            if key not in written and (loose_id(key[0]), key[1]) not in matched:
                rows[key] = {**row.cells, "points": row.points if row.points is not None else row.cells["points"], "changed": False}
        return sorted(rows.values(), key=lambda r: (order.get(str(r["exercise"]), len(order)), str(r["exercise"]), str(r["student"])))

    def to_csv(self, rows: list[dict[str, Any]]) -> bytes:
        """``rows`` as the sheet's CSV: UTF-8 with a byte-order mark, the lecturer's separator, every text cell guarded."""
        decimal_comma = self.delimiter == ";"
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        columns = COLUMNS + self.extra_columns
        writer.writerow([csv_cell(c) for c in columns])
        for row in rows:
            writer.writerow([_cell(row.get(c, ""), decimal_comma) for c in columns])
        return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8", "surrogatepass")

    def summary(self, rows: list[dict[str, Any]], sheet: str, pages: str) -> list[Message]:
        """The report's lines on the sheet: its refused rows and changed answers, then what counted and what waits."""
        lines = list(self.notes)
        if self.used:
            lines.append(Message("review_used", count=self.used, sheet=sheet))
        waiting = [r for r in rows if r.get("points") in ("", None) or points_value(str(r.get("points"))) is None]
        if waiting:
            students = len({r["student"] for r in waiting})
            lines.append(Message("review_waiting", count=len(waiting), students=students, sheet=sheet, pages=pages))
        return lines


def _cell(value: Any, decimal_comma: bool) -> Any:
    """One cell as written: numbers as a person writes them, text in one line and never a formula."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        text = number_text(value, "en")
        return text.replace(".", ",") if decimal_comma else text
    return csv_cell(re.sub(r"\s*(\r\n|\r|\n)\s*", " ¶ ", str(value)))
