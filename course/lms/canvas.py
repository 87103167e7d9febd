"""Canvas: fill the assignment's column of an exported gradebook, and name comment files for re-upload.

What Canvas's importers accept (from Canvas's own code; the tests cite it):

* **Gradebook import** (``app/models/gradebook_importer.rb``): ``,`` or ``;``
  between cells; a header whose first cell contains "Student" and second "ID",
  then "SIS User ID" / "SIS Login ID" (and optionally "Integration ID", "Root
  Account"), then "Section" (or "LastName", "FirstName", "ID", ..., where the
  account allows separate names: ``allow_student_last_first_names?``, the
  name then read as "FirstName LastName"); every further column is an assignment, found by
  the number in parentheses at the end of its title ("Lesson 03 (4711)") or
  else by its exact title; a row whose first cell contains "Points Possible"
  gives the maximum; a student is found by the ID column (Canvas's user id),
  then SIS User ID, then SIS Login ID, then name. Columns such as "Current
  Score" are read-only and ignored. A blank or unchanged cell changes nothing.
  An anonymously graded assignment whose grades are not posted shows ``N/A``
  and cannot be imported at all (``gradeable?`` refuses it) until they are posted.
* **Re-Upload Submissions** (``app/models/assignment.rb``,
  ``infer_comment_context_from_filename``): a file's name is split at ``_``; the
  first two parts made only of digits are the user id and the id of the file
  the student submitted; files whose names start with ``._`` are ignored. Canvas
  names its downloads ``<name>[_LATE]_<user id>_<file id>_<file>``
  (``lib/content_zipper.rb``), so a comment file named like that reaches the
  student's submission.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BankError, CourseError, Problem
from ..grading.assignments import assignment_title
from ..intake.roster import Roster, name_key, roster_from_table, squeeze, squeeze_reversed
from ..intake.tables import Table, number, read_table, write_edits
from ..messages import Message
from ..model.bank import find_bank
from ..model.vocabulary import LESSON, MODES
from ..results.gradebook import GRADED_STATUSES, Gradebook, plain_number
from ..results.gradebook import number as cell_number
from ..safety import csv_cell
from . import Outcome, number_text, scaled, zip_bytes

FIX = "give the file Canvas made: Grades > Export > Export Entire Gradebook"
ASSIGNMENT_ID = re.compile(r"^(?P<title>.*?)\s*\((?P<id>\d+)\)\s*$")
STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")
QUIZ = re.compile(r"quiz|kuis", re.IGNORECASE)
READ_ONLY = re.compile(
    r"Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status"
)


@dataclass
class CanvasBook:
    """A gradebook exported from Canvas, with its student columns located."""

    table: Table
    user_id: int
    sis_user: int | None
    sis_login: int | None
    first_assignment: int
    last_first: bool = False  # "LastName", "FirstName" in place of "Student"

    def name(self, row: list[str]) -> str:
        """The student's name in a row, as Canvas's importer reads it ("FirstName LastName" where the two are apart)."""
        cell = lambda at: row[at].strip() if at < len(row) else ""  # noqa: E731
        return f"{cell(1)} {cell(0)}".strip() if self.last_first else cell(0)

    @property
    def header(self) -> list[str]:
        return self.table.rows[0]

    def assignments(self) -> list[int]:
        return [i for i in range(self.first_assignment, len(self.header)) if not READ_ONLY.search(self.header[i])]


def read_canvas_gradebook(path: Path) -> CanvasBook:
    """The Canvas export in ``path``, checked as Canvas's importer checks it."""
    table = read_table(path, "a Canvas gradebook export", FIX)
    header = [h.lstrip("\ufeff") for h in table.rows[0]]
    table.rows[0] = header
    last_first = len(header) > 4 and header[0] == "LastName" and header[1] == "FirstName" and "ID" in header[2]
    if not last_first and (len(header) < 4 or "Student" not in header[0] or "ID" not in header[1]):
        raise CourseError(
            Problem(
                str(path),
                "is not a Canvas gradebook export: its first row does not start with 'Student', 'ID' (or 'LastName', 'FirstName', 'ID')",
                FIX,
            )
        )
    at = {name: header.index(name) for name in STUDENT_COLUMNS if name in header}
    if "Section" not in at:
        raise CourseError(Problem(str(path), "is not a Canvas gradebook export: it has no 'Section' column", FIX))
    user_id = 2 if last_first else at.get("ID", 1)
    return CanvasBook(table, user_id, at.get("SIS User ID"), at.get("SIS Login ID"), at["Section"] + 1, last_first)


def canvas_roster(book: CanvasBook) -> Roster:
    return roster_from_table(book.table)


def choose_column(book: CanvasBook, wanted: str | None, lesson: str, titles: list[str], quiz: bool | None = None) -> int:
    """The assignment column to fill: the one named by ``--canvas-assignment``, else the one that names the lesson.

    Where both the practice set and the quiz of the lesson have a column,
    ``quiz`` picks the one whose title says quiz (or not).
    """
    columns = book.assignments()
    header = book.header
    if wanted:
        wanted_match = ASSIGNMENT_ID.match(wanted)
        for i in columns:
            found = ASSIGNMENT_ID.match(header[i])
            if (
                header[i] == wanted
                or (wanted_match and found and found["id"] == wanted_match["id"])
                or (found and found["title"] == wanted)
            ):
                return i
        raise CourseError(
            Problem(
                str(book.table.path),
                f"has no assignment column {wanted!r}",
                'copy the column title exactly as in the file, e.g. --canvas-assignment "Lesson 03 (4711)"' + _listing(book),
            )
        )
    lesson_word = re.compile(rf"(?<!\d){lesson}(?!\d)")
    keys = {name_key(t) for t in titles}
    candidates = [
        i
        for i in columns
        if lesson_word.search(ASSIGNMENT_ID.sub(r"\g<title>", header[i])) or name_key(ASSIGNMENT_ID.sub(r"\g<title>", header[i])) in keys
    ]
    if len(candidates) > 1 and quiz is not None:
        candidates = [i for i in candidates if bool(QUIZ.search(header[i])) == quiz] or candidates
    if len(candidates) == 1:
        return candidates[0]
    why = "no assignment column names lesson " + lesson if not candidates else "several assignment columns could be lesson " + lesson
    raise CourseError(Problem(str(book.table.path), why, 'say which with --canvas-assignment "Title (id)"' + _listing(book)))


def _listing(book: CanvasBook) -> str:
    titles = [book.header[i] for i in book.assignments()][:8]
    return f"; its assignment columns: {', '.join(repr(t) for t in titles)}" if titles else ""


class _Lookup:
    """The outcomes by Canvas user id, by student id and by name, built once for all the export's rows.

    Where several outcomes fit a row, the first in the run's order wins, as a scan
    of the outcomes in order would give.
    """

    def __init__(self, outcomes: list[Outcome]) -> None:
        self.users: dict[str, int] = {}
        self.students: dict[str, int] = {}
        self.names: dict[tuple[str, str], int] = {}
        for n, outcome in enumerate(outcomes):
            if outcome.identity and outcome.identity.canvas_user:
                self.users.setdefault(outcome.identity.canvas_user, n)
            self.students.setdefault(outcome.student, n)
            for key in (("key", name_key(outcome.name)), ("squeezed", squeeze(outcome.name)), ("squeezed", squeeze_reversed(outcome.name))):
                self.names.setdefault(key, n)
        self.outcomes = outcomes

    def row(self, book: CanvasBook, row: list[str]) -> Outcome | None:
        cell = lambda at: row[at].strip() if at is not None and at < len(row) else ""  # noqa: E731
        user, name = cell(book.user_id), book.name(row)
        if user in self.users:
            return self.outcomes[self.users[user]]
        found = [self.students[k] for k in (user, cell(book.sis_user), cell(book.sis_login)) if k and k in self.students]
        if not found and name:
            found = [self.names[k] for k in (("key", name_key(name)), ("squeezed", squeeze(name))) if k in self.names]
        return self.outcomes[min(found)] if found else None


def fill_gradebook(
    book: CanvasBook, column: int, outcomes: list[Outcome], possible: float | None, keep: bool = False
) -> tuple[bytes, list[Message], float | None]:
    """A copy of the export with the assignment's column filled; every other cell written back byte for byte.

    A grade already in the column that this run would change is listed
    (student, old, new), and kept with ``keep``. An anonymous assignment whose
    grades are not posted (``N/A``) is left as it is, with one line saying why.
    """
    rows = book.table.rows
    maximum = possible
    points_row = next((r for r in rows[1:] if r and "Points Possible" in r[0]), None)
    if maximum is None and points_row is not None and column < len(points_row):
        maximum = number(points_row[column]) or None
    matched: set[int] = set()
    notes: list[Message] = []
    edits: dict[tuple[int, int], str] = {}
    lookup = _Lookup(outcomes)
    students = [(at, row) for at, row in enumerate(rows[1:], start=1) if not _not_student(row)]
    if any(column < len(row) and row[column] == "N/A" for _, row in students):
        notes.append(Message("canvas_unposted", column=book.header[column]))
        return write_edits(book.table, {}), notes, maximum
    for at, row in students:
        outcome = lookup.row(book, row)
        if outcome is None:
            continue
        matched.add(id(outcome))
        points = scaled(outcome, maximum)
        if points is None:
            continue  # left as Canvas had it: the lecturer follows up on the file
        new, old = number_text(points), row[column] if column < len(row) else ""
        if old in ("", "-") or _same_points(old, new):
            if old != new and not _same_points(old, new):
                edits[(at, column)] = new
            continue
        notes.append(
            Message("canvas_kept" if keep else "canvas_replaced", student=book.name(row), column=book.header[column], old=old, new=new)
        )
        if not keep:
            edits[(at, column)] = new
    for outcome in outcomes:
        if outcome.graded and id(outcome) not in matched:
            notes.append(Message("canvas_not_in_export", student=outcome.student, export=book.table.path.name))
    return write_edits(book.table, edits), notes, maximum


def _not_student(row: list[str]) -> bool:
    """The Points Possible row, and the rows Canvas's importer passes over (muted or manual-posting markers)."""
    return not row or "Points Possible" in row[0] or all(re.match(r"^\s*(Muted|Manual Posting.*)?\s*$", c, re.I) for c in row)


def _same_points(old: str, new: str) -> bool:
    """Whether two grades are the same to two decimals, as Canvas's importer compares them (``no_change_to_value?``)."""
    a, b = number(old), number(new)
    return a is not None and b is not None and round(a, 2) == round(b, 2)


def standalone_gradebook(outcomes: list[Outcome], title: str, possible: float | None) -> bytes:
    """A gradebook file for Canvas's import with one assignment column, when no export was given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
    writer.writerow(["Points Possible", "", "", "", "", number_text(possible) if possible else ""])
    for outcome in sorted(outcomes, key=lambda o: (o.name.casefold(), o.student)):
        user = outcome.identity.canvas_user if outcome.identity and outcome.identity.canvas_user else ""
        points = scaled(outcome, possible)
        writer.writerow(
            [
                csv_cell(outcome.name or outcome.student),
                user,
                "" if user else csv_cell(outcome.student),
                "",
                "",
                "" if points is None else number_text(points),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def comment_zip(outcomes: list[Outcome], page_name: str) -> tuple[bytes | None, list[Message]]:
    """Feedback pages named ``<name>_<user id>_<file id>_<page>`` for Canvas's "Re-Upload Submissions"."""
    files: dict[str, bytes] = {}
    notes: list[Message] = []
    anonymous = [o for o in outcomes if o.page and o.graded and o.identity and o.identity.anonymous and o.identity.source == "canvas"]
    if anonymous:
        notes.append(Message("canvas_anonymous", count=len(anonymous)))
    for outcome in outcomes:
        identity = outcome.identity
        if not identity or not identity.canvas_user or not identity.canvas_attachment:
            continue
        slug = identity.canvas_slug if identity.canvas_slug and not identity.canvas_slug.isdigit() else "student"
        if outcome.note and not outcome.graded:  # a PDF, an image: a comment saying what was handed in, and that it was not graded
            files[f"{slug}_{identity.canvas_user}_{identity.canvas_attachment}_{page_name.rsplit('.', 1)[0]}.txt"] = outcome.note.encode(
                "utf-8"
            )
        elif outcome.page is not None and outcome.graded:
            files[f"{slug}_{identity.canvas_user}_{identity.canvas_attachment}_{page_name}"] = outcome.page
    return (zip_bytes(files) if files else None), notes


def _titles(assignments: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each (lesson, mode)'s column title; rows of an old gradebook whose mode is unknown get a column of their own."""
    titles = {}
    for lesson, mode in assignments:
        try:
            titles[(lesson, mode)] = assignment_title(find_bank(lesson), mode, "en")
        except (BankError, OSError):
            titles[(lesson, mode)] = f"Lesson {lesson}" + (" · quiz" if mode == "assessment" else "")
        if mode not in MODES:
            titles[(lesson, mode)] += " (earlier runs)"
    return titles


def gradebook_csv(book: Gradebook) -> str:
    """Every lesson and mode of the gradebook in Canvas's gradebook layout; files that were not graded stay blank."""
    lessons = sorted(
        {(lesson, mode) for _, lesson, mode in book.rows if LESSON.fullmatch(lesson)}, key=lambda k: (k[0], k[1] != "practice", k[1])
    )
    titles = _titles(lessons)
    students: dict[str, dict[str, Any]] = {}
    maxima: dict[tuple[str, str], Any] = {}
    for (student, *assignment), row in sorted(book.rows.items()):
        lesson = (assignment[0], assignment[1])
        if lesson not in titles:
            continue
        entry = students.setdefault(student, {"name": row.get("name") or student})
        entry["canvas_user_id"] = entry.get("canvas_user_id") or str(row.get("canvas_user_id") or "")
        graded = str(row.get("status", "")) in GRADED_STATUSES
        entry[lesson] = plain_number(row.get("points")) if graded and cell_number(row.get("points")) is not None else ""
        maxima.setdefault(lesson, plain_number(row.get("max_points")))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *(titles[lesson] for lesson in lessons)])
    writer.writerow(["Points Possible", "", "", "", "", *(maxima.get(lesson, "") for lesson in lessons)])
    for student, entry in sorted(students.items(), key=lambda item: (str(item[1]["name"]), item[0])):
        user_id = entry.get("canvas_user_id", "")  # Canvas's own user id, known only from a Canvas download
        writer.writerow(
            [
                csv_cell(entry["name"]),
                csv_cell(user_id),
                "" if user_id else csv_cell(student),
                "",
                "",
                *(entry.get(lesson, "") for lesson in lessons),
            ]
        )
    return buffer.getvalue()
