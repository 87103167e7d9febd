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
import hashlib
import io
import re

from ..messages import has, say
from ..safety import csv_cell
from . import Outcome, number_text, run_language, scaled

PATH_ROOM = 200  # characters of path below the output folder
MAX_NAME_BYTES = 230  # 255 (ext4, NTFS, APFS) less room for the temporary copy ".<name>.XXXXXXXX.tmp" of an atomic write
COLUMNS = ["name", "email", "points", "out_of", "status", "late", "feedback_file", "comment"]


def page_file_name(outcome: Outcome, lesson: str) -> str:
    """``<Name> - feedback <label>.html`` (``NN`` or ``NN-quiz``), safe on every file system.

    The whole path below the output folder, ``classroom/feedback-<label>/<name>``,
    stays within :data:`PATH_ROOM` characters (Windows's 260-character limit
    leaves room for the output folder itself) and the name within 255 bytes:
    a longer name is cut, with a short digest of the full name so that two
    long names never become one file.
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", outcome.name or outcome.student).strip(" .") or "student"
    tail = f" - feedback {lesson}.html"
    room = min(80, PATH_ROOM - len(f"classroom/feedback-{lesson}/") - len(tail))
    return fitted(name, room, MAX_NAME_BYTES - len(tail.encode("utf-8"))) + tail


def fitted(name: str, room: int, byte_room: int) -> str:
    """``name`` when it fits in ``room`` characters and ``byte_room`` UTF-8 bytes; else cut, with a digest of the whole name."""
    if len(name) <= room and len(name.encode("utf-8", "surrogatepass")) <= byte_room:
        return name
    digest = "~" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    cut = name[: room - len(digest)]
    while len(cut.encode("utf-8", "surrogatepass")) > byte_room - len(digest):
        cut = cut[:-1]
    return cut.rstrip(" .") + digest


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
