"""Grades and feedback back into the LMS: Moodle, Canvas and Google Classroom.

Each writer takes the run's :class:`Outcome` per student and produces the
files the LMS's own importer reads, in the exact format it expects
(:mod:`course.lms.moodle`, :mod:`course.lms.canvas`,
:mod:`course.lms.classroom`). Rules shared by all of them:

* points are scaled to the LMS assignment's maximum (:func:`scaled`);
* a student whose file could not be read or graded gets no grade at all
  (the cell stays as the LMS had it, normally blank), never a silent 0: the
  status in ``gradebook.csv`` and the report tell the lecturer to follow up;
* a student who handed in nothing gets no grade either;
* a student who handed in a file that is not a notebook (a PDF, an image)
  gets no grade, and the comment the LMS shows her where the grade would be
  says what she handed in and that it was not graded (``Outcome.note``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..intake.layouts import Identity
from ..messages import run_language as pick_language
from ..messages import say
from ..results.gradebook import GRADED_STATUSES

ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass
class Outcome:
    """What one student gets from this run, ready for an LMS."""

    student: str
    name: str
    status: str
    points: float | None
    max_points: float
    email: str = ""
    late: bool = False
    identity: Identity | None = None
    page: bytes | None = None
    language: str = "en"
    participant: str = ""  # Moodle's participant number, from the download or the worksheet
    note: str = ""  # for the student when there is no grade: what was handed in, and that it was not graded

    @property
    def graded(self) -> bool:
        return self.status in GRADED_STATUSES and self.points is not None


def scaled(outcome: Outcome, possible: float | None) -> float | None:
    """The student's points on the LMS assignment's scale (None when there is no grade to send)."""
    if not outcome.graded or outcome.points is None:
        return None
    if not possible or not outcome.max_points:
        return round(outcome.points, 2)
    return round(outcome.points / outcome.max_points * possible, 2)


def number_text(value: float, decimal_comma: bool = False) -> str:
    """A grade as an LMS reads it: ``8``, ``8.5`` (or ``8,5`` where the file uses decimal commas)."""
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def comment_text(outcome: Outcome, possible: float | None, page_name: str) -> str:
    """A short feedback comment in the student's language, numbers as they read them, pointing to the attached page."""
    points = scaled(outcome, possible)
    if points is None:
        return ""
    return say("lms_comment", outcome.language, points=points, maximum=possible or outcome.max_points, page=page_name)


def run_language(outcomes: list[Outcome]) -> str:
    """The language most of the run's pages are in (every one of them with ``--lang``): for files the lecturer reads."""
    return pick_language(None, (o.language for o in outcomes))


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A ZIP of ``files`` (name -> content), with fixed dates so the same run gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return buffer.getvalue()
