"""Moodle: fill the assignment's grading worksheet, and zip the feedback pages for its feedback-file upload.

What Moodle's importers accept (from Moodle's own code; the tests cite it):

* **Upload grading worksheet** (``mod/assign/feedback/offline/importgradeslib.php``
  and ``locallib.php``): the columns are found by their header text, in the
  language of the lecturer's Moodle ("Identifier", "Grade", "Last modified
  (grade)", and one column per feedback plugin such as "Feedback comments");
  a row's student is the number after "Participant " in Identifier; a grade is
  read with the site's decimal separator, and skipped when it is blank, below
  0, above the assignment's maximum, or unchanged. A row whose grade in Moodle
  changed after the worksheet's "Last modified (grade)" is skipped too, so
  that column is copied unchanged. The upload form asks for the file's
  encoding and separator; the filled copy keeps those of the downloaded file.
* **Upload multiple feedback files in a zip** (``mod/assign/feedback/file/importziplib.php``):
  each file is attached to the participant whose number is the second
  ``_``-separated part of a folder or file name, followed by a plugin type
  and name: ``<Full Name>_<participant>_assignfeedback_file/<file>``. Names
  starting with ``.`` or ``~`` are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError, Problem
from ..intake.roster import PARTICIPANT, Person, Roster, name_key
from ..intake.tables import Table, header_index, number, read_table, write_table
from ..messages import Message
from . import Outcome, comment_text, number_text, scaled, zip_bytes

EMAIL_HEADERS = ("Email address", "Alamat surel", "Alamat email", "Email", "Surel")
FIX = "give the worksheet Moodle made: the assignment > View all submissions > Grading action > Download grading worksheet"
LATE = re.compile(r"\blate\b|terlambat", re.IGNORECASE)


@dataclass
class Worksheet:
    """A Moodle grading worksheet and where its columns are."""

    table: Table
    identifier: int
    grade: int
    modified: int | None
    feedback: int | None
    maximum: int | None
    name: int | None
    status: int | None
    email: int | None = None

    def participant(self, row: list[str]) -> str:
        found = PARTICIPANT.match(row[self.identifier].strip()) if self.identifier < len(row) else None
        return found.group(1) if found else ""

    def cell(self, row: list[str], at: int | None) -> str:
        return row[at].strip() if at is not None and at < len(row) else ""


def read_worksheet(path: Path) -> Worksheet:
    """The worksheet in ``path``, or a one-line error naming what is missing."""
    table = read_table(path, "a Moodle grading worksheet", FIX)
    header = table.rows[0]
    identifier = header_index(
        header, "Identifier", "ID", "Pengenal"
    )  # Moodle's 'recordid' string: "Identifier" in English, "ID" in Indonesian
    if identifier is None:  # another language: the column whose cells read "<word> <number>"
        identifier = next(
            (i for i in range(len(header)) if table.rows[1:] and all(PARTICIPANT.match(r[i]) for r in table.rows[1:] if i < len(r))), None
        )
    grade = header_index(header, "Grade", "Nilai")
    missing = [name for name, at in (("Identifier", identifier), ("Grade", grade)) if at is None]
    if missing:
        raise CourseError(
            Problem(str(path), f"is not a Moodle grading worksheet: it has no {' or '.join(repr(m) for m in missing)} column", FIX)
        )
    return Worksheet(
        table,
        identifier,
        grade,
        modified=header_index(header, "Last modified (grade)", "Terakhir diubah (nilai)"),
        feedback=header_index(header, "Feedback comments", "Komentar umpan balik"),
        maximum=header_index(header, "Maximum Grade", "Nilai maksimum"),
        name=header_index(header, "Full name", "Nama lengkap", "Nama lengkap pengguna"),
        email=header_index(header, *EMAIL_HEADERS),
        status=header_index(header, "Status"),
    )


def worksheet_roster(sheet: Worksheet) -> Roster:
    """The worksheet's participants as a class list, keyed by email where Moodle shows it."""
    roster = Roster(sheet.table.path)
    for row in sheet.table.rows[1:]:
        participant = sheet.participant(row)
        if not participant:
            continue
        email, name = sheet.cell(row, sheet.email), sheet.cell(row, sheet.name)
        key = email or row[sheet.identifier].strip()
        roster.people.append(Person(key, name, email, {key, row[sheet.identifier].strip()}, participant))
    return roster


def late_participants(sheet: Worksheet) -> set[str]:
    """Participants whose status in the worksheet says they handed in late."""
    return {sheet.participant(r) for r in sheet.table.rows[1:] if LATE.search(sheet.cell(r, sheet.status))}


def resolve_participants(sheet: Worksheet, outcomes: list[Outcome]) -> None:
    """Give students found without a Moodle download (a roster, a hub) their participant number, by email or name."""
    email_at = sheet.email
    by_email, by_name = {}, {}
    for row in sheet.table.rows[1:]:
        participant = sheet.participant(row)
        if sheet.cell(row, email_at):
            by_email[sheet.cell(row, email_at).casefold()] = participant
        if sheet.cell(row, sheet.name):
            by_name[name_key(sheet.cell(row, sheet.name))] = participant
    for outcome in outcomes:
        if not outcome.participant:
            outcome.participant = by_email.get(outcome.email.casefold(), "") if outcome.email else ""
            outcome.participant = (
                outcome.participant or by_name.get(name_key(outcome.name), "") or by_email.get(outcome.student.casefold(), "")
            )


def fill_worksheet(sheet: Worksheet, outcomes: list[Outcome], possible: float | None, page_name: str) -> tuple[bytes, list[Message]]:
    """A copy of the worksheet with Grade and Feedback comments filled; rows, columns and format kept.

    Outcomes are matched by participant number (see :func:`resolve_participants`).
    """
    notes: list[Message] = []
    by_participant = {o.participant: o for o in outcomes if o.participant}
    rows = [list(r) for r in sheet.table.rows]
    seen = set()
    for row in rows[1:]:
        participant = sheet.participant(row)
        outcome = by_participant.get(participant)
        if outcome is None:
            continue
        seen.add(participant)
        maximum = possible or number(sheet.cell(row, sheet.maximum))
        points = scaled(outcome, maximum)
        if points is None:  # not gradable: the grade stays as Moodle had it, for the lecturer to follow up
            if outcome.note and sheet.feedback is not None:
                _put(row, sheet.feedback, outcome.note)  # the student learns what she handed in, and that it was not graded
            continue
        decimal_comma = "," in sheet.cell(row, sheet.maximum) and "." not in sheet.cell(row, sheet.maximum)
        _put(row, sheet.grade, number_text(points, decimal_comma))
        if sheet.feedback is not None:
            _put(row, sheet.feedback, comment_text(outcome, maximum, page_name))
    for outcome in outcomes:
        if outcome.graded and outcome.participant not in seen:
            where = Message("moodle_participant", number=outcome.participant) if outcome.participant else Message("moodle_no_participant")
            notes.append(Message("moodle_not_in_sheet", student=outcome.student, where=where, sheet=sheet.table.path.name))
    if sheet.feedback is None:
        notes.append(Message("moodle_no_comments"))
    return write_table(rows, sheet.table.format), notes


def _put(row: list[str], at: int, value: str) -> None:
    while len(row) <= at:
        row.append("")
    row[at] = value


def feedback_zip(outcomes: list[Outcome], sheet: Worksheet | None, page_name: str) -> tuple[bytes | None, list[Message]]:
    """The feedback pages named for Moodle's "Upload multiple feedback files in a zip"."""
    names = {}
    if sheet is not None:
        for row in sheet.table.rows[1:]:
            names[sheet.participant(row)] = sheet.cell(row, sheet.name)
    files: dict[str, bytes] = {}
    notes: list[Message] = []
    for outcome in outcomes:
        if outcome.page is None or not outcome.graded:
            continue
        prefix = outcome.identity.moodle_prefix if outcome.identity and outcome.identity.moodle_prefix else ""
        if not prefix and outcome.participant:
            full = (names.get(outcome.participant) or outcome.name or "Participant").replace("_", " ").replace("/", " ")
            prefix = f"{full}_{outcome.participant}"
        if not prefix:
            notes.append(Message("moodle_no_number", student=outcome.student))
            continue
        files[f"{prefix}_assignfeedback_file/{page_name}"] = outcome.page
    return (zip_bytes(files) if files else None), notes
