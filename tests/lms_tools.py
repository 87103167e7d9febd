"""Moodle as the tests see it: download paths, a grading worksheet, and what Moodle's worksheet import would take.

Used by test_lms and test_assignments.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

LESSON = "03-bureaucratic-reform.ipynb"


def moodle_prefix(full_name: str, participant: int, blind: bool = False) -> str:
    name = "Participant" if blind else full_name
    return f"{name.replace('_', ' ')}_{participant}"


def moodle_path(
    full_name: str, participant: int, file_name: str, folders: bool = True, before_41: bool = False, blind: bool = False
) -> str:
    prefix = moodle_prefix(full_name, participant, blind)
    if folders:
        return f"{prefix}_assignsubmission_file{'_' if before_41 else ''}/{file_name}"
    return f"{prefix}_assignsubmission_file_{file_name}"


def moodle_worksheet_import(
    data: bytes, encoding: str, separator: str, participants: set[str], maximum: float
) -> dict[str, tuple[float, str, str]]:
    """Moodle's offline-grading import: participant -> (grade, feedback comment, last modified) that it would take."""
    text = data.decode(encoding)
    text = text[1:] if text.startswith("\ufeff") else text  # csv_import_reader strips a UTF-8 BOM
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter={"comma": ",", "semicolon": ";"}[separator]))
    header = rows[0]
    index = {name: header.index(name) for name in ("Identifier", "Grade", "Last modified (grade)") if name in header}
    assert len(index) == 3, f"Moodle's init() returns false without these columns: {header}"
    feedback = header.index("Feedback comments") if "Feedback comments" in header else None
    taken = {}
    for record in rows[1:]:
        participant = record[index["Identifier"]][len("Participant ") :]
        if participant not in participants:
            continue
        raw = record[index["Grade"]].strip()
        if not re.fullmatch(r"-?\d+(?:[.,]\d+)?", raw):
            continue  # blank or not a number: skipped
        value = float(raw.replace(",", "."))
        if value < 0 or value > maximum:
            continue
        taken[participant] = (value, record[feedback] if feedback is not None else "", record[index["Last modified (grade)"]])
    return taken


MOODLE_CLASS = [  # full name, participant, file, which notebook, email
    ("Ani Lestari", 1234567, LESSON, "right", "ani@univ.ac.id"),
    ("Budi_Santoso", 1234568, LESSON, "partial", "budi@univ.ac.id"),
    ("Ni Luh Putu Ayu", 1234569, "03-bureaucratic-reform (1).ipynb", "right", "ayu@univ.ac.id"),
    ("Dewi Sartika", 1234570, LESSON, "unreadable", "dewi@univ.ac.id"),
]


def moodle_worksheet(path: Path, bom: bool = False, separator: str = ",", decimal: str = ".") -> Path:
    header = [
        "Identifier",
        "Full name",
        "Email address",
        "Status",
        "Grade",
        "Maximum Grade",
        "Grade can be changed",
        "Last modified (submission)",
        "Last modified (grade)",
        "Feedback comments",
    ]
    rows = [header]
    for name, participant, _, _, email in [*MOODLE_CLASS, ("Eko Prasetyo", 1234571, "", "", "eko@univ.ac.id")]:
        status = "No submission" if name == "Eko Prasetyo" else "Submitted for grading"
        if name == "Budi_Santoso":
            status += " - 1 day 2 hours late"
        rows.append(
            [
                f"Participant {participant}",
                name.replace("_", " "),
                email,
                status,
                "",
                f"100{decimal}00",
                "Yes",
                "Monday, 23 November 2026, 9:15 AM",
                "-",
                "",
            ]
        )
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(rows)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


# --- Moodle's worksheet import in any language, with the dates it can and cannot read ----------------------

ENGLISH_STRINGS = {"recordid": "Identifier", "grade": "Grade", "lastmodifiedgrade": "Last modified (grade)", "hiddenuser": "Participant "}
# Moodle's Indonesian pack (lang/id/assign.php and moodle.php, 5.1): recordid 'ID', gradenoun and marker both 'Nilai',
# lastmodifiedgrade 'Terakhir diubah (nilai)', hiddenuser 'Peserta'.
INDONESIAN_STRINGS = {"recordid": "ID", "grade": "Nilai", "lastmodifiedgrade": "Terakhir diubah (nilai)", "hiddenuser": "Peserta"}


def php_strtotime(text: str) -> int | None:
    """What PHP's strtotime makes of a date Moodle wrote: English day and month names only, else false (None)."""
    from datetime import datetime

    for pattern in ("%A, %d %B %Y, %I:%M %p", "%A, %d %B %Y, %H:%M"):
        try:
            return int(datetime.strptime(text.strip(), pattern).timestamp())
        except ValueError:
            continue
    return None


def moodle_import(
    data: bytes,
    strings: dict[str, str],
    feedback_header: str,
    existing: dict[str, tuple[float, int]],
    maximum: float,
    ignoremodified: bool = False,
) -> dict[str, tuple[float | None, str | None]]:
    """Moodle's offline grading import, step by step as its code takes it.

    ``importgradeslib.php`` ``init()``: each column whose header equals a string
    sets that column's index, so a name given twice means the last column.
    ``next()``: the participant is Identifier minus the 'hiddenuser' string;
    the date goes through ``strtotime`` (false when unreadable, i.e. 0).
    ``locallib.php`` ``process_import_grades()``: a grade is skipped when it
    equals the grade already there, is blank or negative, when Moodle's grade is
    newer than the date + 60 s (unless "allow updating" is ticked), or out of
    range; the comment is taken only when the date is not stale.
    ``existing``: participant -> (grade in Moodle, its time). Returns
    participant -> (grade imported or None, comment imported or None).
    """
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    index = {}
    for at, column in enumerate(rows[0]):
        for key in ("recordid", "grade", "lastmodifiedgrade"):
            if column == strings[key]:
                index[key] = at
        if column == feedback_header:
            index["feedback"] = at
    assert {"recordid", "grade", "lastmodifiedgrade"} <= set(index), f"init() returns false: {rows[0]}"
    taken: dict[str, tuple[float | None, str | None]] = {}
    for record in rows[1:]:
        participant = record[index["recordid"]][len(strings["hiddenuser"]) :]
        modified = php_strtotime(record[index["lastmodifiedgrade"]]) or 0
        old = existing.get(participant)
        stale = old is not None and old[1] > modified + 60
        raw = record[index["grade"]].strip()
        grade = float(raw.replace(",", ".")) if re.fullmatch(r"-?\d+(?:[.,]\d+)?", raw) else None
        skip = (old is not None and grade == old[0]) or grade is None or grade < 0 or (not ignoremodified and stale) or grade > maximum
        comment = record[index["feedback"]] if "feedback" in index and (ignoremodified or not stale) else None
        taken[participant] = (None if skip else grade, comment)
    return taken
