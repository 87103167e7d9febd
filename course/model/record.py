"""The answer record: how a student's answer travels inside the submitted ``.ipynb``.

Each exercise cell keeps one output with the MIME type :data:`MIME` (plus a
``text/plain`` and ``text/html`` twin a person can read). The kernel refreshes
it by ``display_id`` whenever the student answers, and JupyterLab saves it with
the notebook, so the grader reads every answer from the notebook's JSON
without running any code.

Format 2 binds a record to its release: it carries the lesson, the mode the
notebook ran in and the release id (``null`` for the masters), and the
``digest`` covers all of them with the answer and the attempt count. The
digest makes hand edits of the JSON visible: it detects a record edited in a
text editor; it does not stop a determined student who recomputes it from the
course's code (the guide says so). Format 1 records (no release) are still read.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from ..words import word

MIME = "application/vnd.course.answer+json"
FORMAT = 2
_SALT = "good-governance-course/answer-record/v1"


def display_id(exercise_id: str) -> str:
    return f"course-answer-{exercise_id}"


def digest(
    lesson: str, exercise_id: str, answer: Any, attempts: int, mode: str | None = None, release: str | None = None, format: int = FORMAT
) -> str:
    """The tamper-evidence hash of one record (format 1 covered lesson, exercise, answer and attempts only)."""
    fields = [lesson, exercise_id, answer, attempts] + ([mode, release] if format >= 2 else [])
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((_SALT + canonical).encode("utf-8")).hexdigest()[:24]


def make_record(
    lesson: str, exercise_id: str, kind: str, mode: str, answer: Any, attempts: int, release: str | None = None
) -> dict[str, Any]:
    """The JSON payload saved in the notebook for one exercise."""
    return {
        "format": FORMAT,
        "lesson": lesson,
        "exercise": exercise_id,
        "type": kind,
        "mode": mode,
        "release": release,
        "answer": answer,
        "attempts": attempts,
        "digest": digest(lesson, exercise_id, answer, attempts, mode, release),
    }


def _digest_of(record: dict[str, Any], default_format: int) -> str:
    """The digest of a record's content; ``default_format`` for a record that names no format."""
    return digest(
        record["lesson"],
        record["exercise"],
        record["answer"],
        record["attempts"],
        record.get("mode"),
        record.get("release"),
        record.get("format", default_format),
    )


def sign(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with its digest computed again (tests use it to forge records as a student could)."""
    record["digest"] = _digest_of(record, FORMAT)
    return record


def is_authentic(record: dict[str, Any]) -> bool:
    """True if the record's digest matches its content (it was not edited by hand); a record naming no format is format 1."""
    try:
        expected = _digest_of(record, 1)
    except (KeyError, TypeError):
        return False
    return record.get("digest") == expected


def bundle(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """The MIME bundle of a record: the JSON for the grader, text and HTML for people."""
    answered = record["answer"] is not None
    status = word("record.saved" if answered else "record.unanswered", lang, n=record["attempts"])
    label = word("record.label", lang)
    text = f"[{label}] {record['exercise']}: {status}"
    style = "color: var(--jp-ui-font-color2); font-size: var(--jp-ui-font-size0); margin: 2px 0 6px 0;"
    return {
        MIME: record,
        "text/plain": text,
        "text/html": f'<div class="course-answer-record" style="{style}">&#9998; {html.escape(text)}</div>',
    }
