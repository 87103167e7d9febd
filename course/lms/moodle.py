"""Moodle: fill the assignment's grading worksheet, and zip the feedback pages for its feedback-file upload.

What Moodle's importers accept (from Moodle's own code; the tests cite it):

* **Upload grading worksheet** (``mod/assign/feedback/offline/importgradeslib.php``
  and ``locallib.php``): the columns are found by their header text, in the
  language of the lecturer's Moodle ("Identifier", "Grade", "Last modified
  (grade)", and one column per feedback plugin such as "Feedback comments");
  a column named twice counts as the last of the two (``init()`` keeps the
  last match: with marker allocation, an Indonesian worksheet has two "Nilai"
  columns, the marker's name and then the grade, so the grade goes in the
  second and the marker's name is never touched);
  a row's student is the number after "Participant " in Identifier; a grade is
  read with the site's decimal separator, and skipped when it is blank, below
  0, above the assignment's maximum, or unchanged. A row whose grade in Moodle
  changed after the worksheet's "Last modified (grade)" is skipped too, so
  that column is copied unchanged; that date is read with PHP's ``strtotime``,
  which reads English dates only, so a worksheet from a Moodle in another
  language needs the "allow updating" box ticked (:func:`date_warning`). The upload form asks for the file's
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
from ..intake.tables import Table, number, read_table, write_edits
from ..messages import Message
from . import Outcome, comment_text, number_text, scaled, zip_bytes

EMAIL_HEADERS = ("Email address", "Alamat surel", "Alamat email", "Email", "Surel")
FIX = "give the worksheet Moodle made: the assignment > View all submissions > Grading action > Download grading worksheet"
LATE = re.compile(r"\blate\b|terlambat", re.IGNORECASE)
TEAM_HEADERS = ("Group", "Team", "Grup", "Kelompok")  # Moodle's 'submissionteam': "Group" (older "Team"), Indonesian "Grup"
ENGLISH_DATE_WORDS = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$"
    r"|^(?:am|pm|at|of|utc|gmt)$",
    re.IGNORECASE,
)


def last_index(header: list[str], *names: str) -> int | None:
    """The position of the last column named one of ``names`` (case and spaces ignored), as Moodle's importer finds it."""
    wanted = {" ".join(n.lower().split()) for n in names}
    found = [i for i, h in enumerate(header) if " ".join(h.lstrip("\ufeff").lower().split()) in wanted]
    return found[-1] if found else None


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
    team: int | None = None

    def participant(self, row: list[str]) -> str:
        found = PARTICIPANT.match(row[self.identifier].strip()) if self.identifier < len(row) else None
        return found.group(1) if found else ""

    def cell(self, row: list[str], at: int | None) -> str:
        return row[at].strip() if at is not None and at < len(row) else ""


def read_worksheet(path: Path) -> Worksheet:
    """The worksheet in ``path``, or a one-line error naming what is missing."""
    table = read_table(path, "a Moodle grading worksheet", FIX)
    header = table.rows[0]
    identifier = last_index(header, "Identifier", "ID", "Pengenal")  # Moodle's 'recordid': "Identifier" in English, "ID" in Indonesian
    if identifier is None:  # another language: the column whose cells read "<word> <number>"
        identifier = next(
            (i for i in range(len(header)) if table.rows[1:] and all(PARTICIPANT.match(r[i]) for r in table.rows[1:] if i < len(r))), None
        )
    grade = last_index(header, "Grade", "Nilai")  # after the marker's column where both are "Nilai"
    missing = [name for name, at in (("Identifier", identifier), ("Grade", grade)) if at is None]
    if missing:
        raise CourseError(
            Problem(str(path), f"is not a Moodle grading worksheet: it has no {' or '.join(repr(m) for m in missing)} column", FIX)
        )
    return Worksheet(
        table,
        identifier,
        grade,
        modified=last_index(header, "Last modified (grade)", "Terakhir diubah (nilai)"),
        feedback=last_index(header, "Feedback comments", "Komentar umpan balik"),
        maximum=last_index(header, "Maximum Grade", "Nilai maksimum"),
        name=last_index(header, "Full name", "Nama lengkap", "Nama lengkap pengguna"),
        email=last_index(header, *EMAIL_HEADERS),
        status=last_index(header, "Status"),
        team=last_index(header, *TEAM_HEADERS),
    )


def date_warning(sheet: Worksheet) -> Message | None:
    """A line telling the lecturer to tick "allow updating" when Moodle's importer cannot read the worksheet's dates.

    Moodle reads "Last modified (grade)" with PHP's ``strtotime``, which knows
    English day and month names only. A date it cannot read counts as 1970, so
    every student who already has a grade in Moodle is skipped (grade and
    comment) unless the box is ticked for the upload.
    """
    if sheet.modified is None:
        return None
    for row in sheet.table.rows[1:]:
        cell = sheet.cell(row, sheet.modified)
        words = re.findall(r"[^\W\d_]+", cell)
        if cell not in ("", "-") and words and not all(ENGLISH_DATE_WORDS.match(w) for w in words):
            return Message("moodle_dates", column=sheet.table.rows[0][sheet.modified], example=cell, sheet=sheet.table.path.name)
    return None


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


def fill_worksheet(
    sheet: Worksheet, outcomes: list[Outcome], possible: float | None, page_name: str, keep: bool = False
) -> tuple[bytes, list[Message]]:
    """A copy of the worksheet with Grade and Feedback comments filled; every other cell written back byte for byte.

    Outcomes are matched by participant number (see :func:`resolve_participants`).
    A grade or comment already in the worksheet that this run would change is
    listed (student, old, new); with ``keep`` it stays as it was.
    """
    notes: list[Message] = []
    by_participant = {o.participant: o for o in outcomes if o.participant}
    edits: dict[tuple[int, int], str] = {}
    seen = set()
    for at, row in enumerate(sheet.table.rows[1:], start=1):
        participant = sheet.participant(row)
        outcome = by_participant.get(participant)
        if outcome is None:
            continue
        seen.add(participant)
        maximum = possible or number(sheet.cell(row, sheet.maximum))
        points = scaled(outcome, maximum)
        if points is None:  # not gradable: the grade stays as Moodle had it, for the lecturer to follow up
            if outcome.note and sheet.feedback is not None:  # the student learns what she handed in, and that it was not graded
                _edit(sheet, at, sheet.feedback, outcome.note, edits, notes, keep)
            continue
        decimal_comma = "," in sheet.cell(row, sheet.maximum) and "." not in sheet.cell(row, sheet.maximum)
        _edit(sheet, at, sheet.grade, number_text(points, decimal_comma), edits, notes, keep, numeric=True)
        if sheet.feedback is not None:
            _edit(sheet, at, sheet.feedback, comment_text(outcome, maximum, page_name), edits, notes, keep)
    for outcome in outcomes:
        if outcome.graded and outcome.participant not in seen:
            where = Message("moodle_participant", number=outcome.participant) if outcome.participant else Message("moodle_no_participant")
            notes.append(Message("moodle_not_in_sheet", student=outcome.student, where=where, sheet=sheet.table.path.name))
    if sheet.feedback is None:
        notes.append(Message("moodle_no_comments"))
    warning = date_warning(sheet)
    if warning:
        notes.append(warning)
    return write_edits(sheet.table, edits), notes


def _edit(
    sheet: Worksheet,
    at: int,
    column: int,
    new: str,
    edits: dict[tuple[int, int], str],
    notes: list[Message],
    keep: bool,
    numeric: bool = False,
) -> None:
    """Put ``new`` in a cell; a different value already there is listed, and kept with ``keep``."""
    row = sheet.table.rows[at]
    old = sheet.cell(row, column)
    same = old == new or (numeric and number(old) is not None and number(old) == number(new))
    if old and not same:
        what = "moodle_kept" if keep else "moodle_replaced"
        notes.append(Message(what, student=row[sheet.identifier], column=sheet.table.rows[0][column], old=_short(old), new=_short(new)))
        if keep:
            return
    if not same:
        edits[(at, column)] = new


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


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
