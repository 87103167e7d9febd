"""The gradebook CSV: read whatever a spreadsheet made of it, merge a new run in, write it back safely.

``gradebook.csv`` has one row per student, lesson and mode (practice or
assessment: the practice set and the quiz of a lesson are two assignments,
see :mod:`course.grading.assignments`). A lecturer opens it in
Excel or LibreOffice and may save it again; the next ``grade`` run must still
read it, so :meth:`Gradebook.read` accepts what spreadsheets write:

* UTF-8 with or without a byte-order mark, Windows-1252 (Excel's "CSV" on
  Windows), UTF-16 (Excel's "Unicode text");
* ``,`` ``;`` or tab between cells (Excel in an Indonesian locale writes ``;``
  and decimal commas such as ``8,5``, which are read back as numbers);
* lesson numbers that lost their leading zero (``3`` for ``03``);
* gradebooks written before the ``mode`` column existed: each old row gets
  the mode :func:`course.grading.assignments.legacy_mode` reads from it (the exercise
  columns it filled, else its maximum); a row whose mode cannot be told keeps
  a blank mode and is never replaced by a row of either mode, so no old row
  is ever lost.

A file that cannot be read stops the run with a one-line message before
anything is written, and it is never overwritten. The merged gradebook is
written as UTF-8 with a byte-order mark (so Excel shows names such as
"Ni Luh Putu Ayu" or "Dewi Sartika Ŝ" intact), with ``,`` between cells, and
every text cell neutralised against formulas (:func:`course.safety.csv_cell_exact`,
undone on reading, so an id such as ``-1`` or ``=cmd|x`` stays one row).

Values and columns the lecturer changed survive every re-grade
(:mod:`course.results.edits` tells them from the grader's own values).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CourseError, Problem
from ..grading.assignments import assignment_label, legacy_mode
from ..intake.tables import decode, sniff_delimiter
from ..messages import Message
from ..model.vocabulary import LESSON_EXERCISE
from ..safety import csv_cell_exact, csv_cell_text, one_line
from .edits import Edits, kept_notes, settle

BASE_COLUMNS = ["student", "name", "lesson", "mode", "points", "max_points", "percent", "answered", "answered_%"]
TAIL_COLUMNS = ["status", "late", "needs_review", "email", "canvas_user_id", "file", "release"]
NUMBER_COLUMNS = {"points", "max_points", "percent", "answered", "answered_%"}
RENAMED = {"answered_percent": "answered_%"}  # an earlier name of a column, as gradebooks written before it was renamed have it
EXERCISE_COLUMN = LESSON_EXERCISE  # a column named like an exercise id (NN-...)
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
GRADED_STATUSES = ("graded", "graded with notes")
NO_SUBMISSION = "no submission"


@dataclass
class Gradebook:
    """Rows keyed by (student, lesson, mode), with the columns in their order."""

    path: Path
    columns: list[str] = field(default_factory=lambda: BASE_COLUMNS + TAIL_COLUMNS)
    rows: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    source: str = ""
    edits: Edits = field(default_factory=Edits)

    @classmethod
    def read(cls, path: Path) -> Gradebook:
        """The gradebook at ``path`` (empty if there is none); raises :class:`CourseError` if it cannot be read."""
        book = cls(path)
        if not path.exists():
            return book
        if not path.is_file():
            raise CourseError(Problem(str(path), "is not a file", "move it away, or choose another --out folder"))
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CourseError(Problem(str(path), f"could not be read ({error.strerror or error})", "check its permissions")) from None
        text, book.source = _decode(raw, path)
        book._load(text)
        book.edits = Edits.read(path.parent)
        book.edits.find(book.rows, book.columns)
        return book

    def _load(self, text: str) -> None:
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            return
        delimiter = sniff_delimiter(lines[0])
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [csv_cell_text(cell.strip().lstrip("\ufeff").strip()) for cell in next(reader)]
            records = list(reader)
        except csv.Error as error:
            raise self._unreadable(f"it is not CSV ({error})") from None
        lower = [h.lower() for h in header]
        missing = [c for c in ("student", "lesson") if c not in lower]
        if missing:
            raise self._unreadable(f"its first row has no column {' or '.join(repr(m) for m in missing)}")
        canonical = [_column(h) for h in header]
        if len(set(canonical)) != len(canonical):
            raise self._unreadable("two columns have the same name")
        self.columns = canonical
        for number, cells in enumerate(records, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise self._unreadable(f"row {number} has more cells than the first row has column names")
            row = {column: _value(column, cells[n] if n < len(cells) else "") for n, column in enumerate(canonical)}
            row["lesson"] = _lesson(str(row.get("lesson", "")))
            self._put_read_row(row)

    def _put_read_row(self, row: dict[str, Any]) -> None:
        """Key a row as read; a row without a mode gets the one it shows, unless that key is taken (then it stays blank)."""
        student, lesson = str(row.get("student", "")), row["lesson"]
        row["mode"] = str(row.get("mode", "") or "").strip().lower()
        if not row["mode"]:
            inferred = legacy_mode(row)
            if inferred and (student, lesson, inferred) not in self.rows:
                row["mode"] = inferred
        self.rows[(student, lesson, row["mode"])] = row

    def _unreadable(self, why: str) -> CourseError:
        return CourseError(
            Problem(
                str(self.path),
                f"cannot be read as a gradebook: {why}",
                "nothing was written. Restore the file (or move it away to start a new gradebook) and run grade again",
            )
        )

    def merge(self, rows: list[dict[str, Any]], exercise_ids: list[str]) -> list[Message]:
        """Put this run's rows in; earlier rows of other students stay. Returns notes for the report.

        A row of this run replaces the earlier row of the same student,
        lesson and mode (never a row of the other mode, nor an old row whose
        mode is blank), except that a file that could not be read or graded
        never replaces an earlier grade: the earlier row stays and a note says so.
        The lecturer's cells and columns of the earlier row are kept
        (:mod:`course.results.edits`); the notes list each kept cell.
        """
        notes = self._state_notes()
        graded: set[tuple[str, str, str]] = set()
        for row in rows:
            key = (row["student"], row["lesson"], row["mode"])
            earlier = self.rows.get(key)
            if earlier and row["status"] not in GRADED_STATUSES and str(earlier.get("status", "")) in GRADED_STATUSES:
                kept = Message(
                    "kept_earlier",
                    student=row["student"],
                    label=assignment_label(row["lesson"], row["mode"]),
                    points=plain_number(earlier.get("points")),
                    earlier=one_line(earlier.get("file", "")),
                )
                notes.append(Message("file_note", file=one_line(row["file"]), note=kept))
                continue
            exercises = [e for e in exercise_ids if e in row]
            auto = {c: row.get(c, "") for c in ["points", *exercises]}
            lecturer = self.edits.lecturer_cells(key, earlier, auto)
            for column, value in (earlier or {}).items():
                row.setdefault(column, value)  # the lecturer's own columns, and cells this run does not write
            settle(row, lecturer, exercises)
            self.rows[key] = row
            self.edits.remember(key, auto, row, lecturer)
            graded.add(key)
            if key in self.edits.deleted:
                notes.append(Message("row_back", student=key[0], label=assignment_label(key[1], key[2]), gradebook=self.path.name))
        for key, row in self.rows.items():
            if key not in graded:
                self.edits.carry(key, row)
        self._add_columns(exercise_ids)
        assignments = {(row["lesson"], row["mode"]) for row in rows}
        return notes + kept_notes(self.edits, assignment_label, assignments, self.path.name)

    def _state_notes(self) -> list[Message]:
        """A note when the gradebook has rows but no readable record of what the grader wrote."""
        if not self.rows or self.edits.status == "read":
            return []
        return [Message("state_new" if self.edits.status == "new" else "state_unreadable", gradebook=self.path.name)]

    def _add_columns(self, exercise_ids: list[str]) -> None:
        exercises = [c for c in self.columns if EXERCISE_COLUMN.match(c)]
        exercises += [e for e in exercise_ids if e not in exercises]
        exercises.sort(key=lambda e: e[:2])  # stable: keeps each lesson's own order
        extra = [c for c in self.columns if c not in BASE_COLUMNS + TAIL_COLUMNS and c not in exercises]
        self.columns = BASE_COLUMNS + exercises + TAIL_COLUMNS + extra

    def lesson_rows(self, lesson: str, mode: str | None = None) -> list[dict[str, Any]]:
        """The rows of one lesson (of one mode, when ``mode`` is given), by student."""
        return [row for (_, row_lesson, row_mode), row in sorted(self.rows.items()) if row_lesson == lesson and mode in (None, row_mode)]

    def to_csv(self) -> bytes:
        """The gradebook as UTF-8 CSV with a byte-order mark, formulas neutralised."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([csv_cell_exact(c) for c in self.columns])
        for key in sorted(self.rows, key=lambda k: (k[1], k[2], k[0])):
            row = self.rows[key]
            writer.writerow([csv_cell_exact(plain_number(row.get(c, ""))) for c in self.columns])
        return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    fix = "nothing was written. Save it from your spreadsheet as 'CSV UTF-8', or move it away, and run grade again"
    text, fmt = decode(raw, path, "a gradebook", fix)
    return text, fmt.label.split(",")[0]


def _value(column: str, cell: str) -> Any:
    """A cell as read: numbers in number and exercise columns (``8,5`` too, as Excel writes it in Indonesia), text elsewhere."""
    text = cell.strip()
    if text and (column in NUMBER_COLUMNS or EXERCISE_COLUMN.match(column)):
        try:
            return float(text.replace(",", ".") if DECIMAL_COMMA.match(text) else text)
        except ValueError:
            pass
    return csv_cell_text(text)


def _column(heading: str) -> str:
    """A heading as the gradebook names it: its own columns in lower case (an earlier name renamed), any other as written."""
    name = RENAMED.get(heading.lower(), heading.lower())
    return name if name in BASE_COLUMNS + TAIL_COLUMNS else heading


def _lesson(text: str) -> str:
    text = text.strip()
    return text.zfill(2) if text.isdigit() and len(text) < 2 else text


def plain_number(value: Any) -> Any:
    """Numbers as a person writes them (8 rather than 8.0); anything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def number(value: Any) -> float | None:
    """A cell as a number, or None when it holds none."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None
