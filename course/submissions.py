"""Reading submitted notebooks without running them: who submitted, which lesson, which answers.

A submission is read as JSON, never executed. Whatever is wrong with a file
(empty, truncated, not a notebook, edited records, duplicated or deleted
cells) becomes a one-line problem on the :class:`Submission`; reading never
raises for a bad file.

Accepted layouts (see the README, "Collecting and grading"):

* one folder per student: ``SUBMISSIONS/<student>/<anything>.ipynb``; a Moodle
  folder name ``Full Name_12345_assignsubmission_file_`` gives id ``12345``;
* Canvas file names ``name_12345_67890_<file>.ipynb`` (also with ``_late_``)
  give id ``12345``;
* Google Classroom / Drive names ``Full Name - <file>.ipynb`` give the name;
* otherwise ``<student-id>_<file>.ipynb``, and failing that the file name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model.record import MIME, is_authentic

MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_\w*$")
CANVAS = re.compile(r"^(?P<name>[^_]+)_(?:late_)?(?P<id>\d+)_\d+_.+$", re.IGNORECASE)
CLASSROOM = re.compile(r"^(?P<name>.+?) - .+$")
GENERIC = re.compile(r"^(?P<id>[^_]+)_.+$")
SIGNATURES = {b"%PDF": "a PDF document", b"PK\x03\x04": "a zip file (an .ipynb inside a .zip?)", b"<": "an HTML or XML page"}
SHOWN = re.compile(r"""(?:show|check)\(\s*["']([a-z0-9][a-z0-9-]*)["']""")


@dataclass
class Submission:
    """One submitted file, as far as it could be read."""

    path: Path
    student: str
    name: str = ""
    lesson: str | None = None
    language: str | None = None
    mode: str | None = None
    readable: bool = False
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    tampered: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    mtime: float = 0.0
    size: int = 0

    @property
    def attempts(self) -> int:
        return sum(int(r.get("attempts") or 0) for r in self.records.values())


def identify(path: Path, root: Path) -> tuple[str, str]:
    """(student id, display name) from where the file sits and how it is named."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        folder = relative.parts[0]
        match = MOODLE.match(folder)
        return (match["id"], match["name"]) if match else (folder, folder)
    stem = path.name[: -len(".ipynb")] if path.name.lower().endswith(".ipynb") else path.stem
    for pattern in (CANVAS, CLASSROOM, GENERIC):
        match = pattern.match(stem)
        if match:
            groups = match.groupdict()
            return groups.get("id") or groups["name"], groups.get("name") or groups.get("id") or ""
    return stem, stem


def safe_name(student: str) -> str:
    """A file-name-safe version of a student id (no path separators, no odd characters)."""
    cleaned = re.sub(r"[^A-Za-z0-9@._-]+", "_", student).strip("._")
    return cleaned[:80] or "student"


def find_submissions(root: Path) -> list[Path]:
    """Every ``.ipynb`` under ``root`` (any depth), in a stable order; checkpoints are skipped."""
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(".ipynb") and ".ipynb_checkpoints" not in p.parts
    )


def read_submission(path: Path, root: Path) -> Submission:
    """Read one submission; every problem becomes a line in ``problems``."""
    student, name = identify(path, root)
    sub = Submission(path=path, student=student, name=name)
    try:
        stat = path.stat()
        sub.mtime, sub.size = stat.st_mtime, stat.st_size
        raw = path.read_bytes()
    except OSError as error:
        sub.problems.append(f"could not be opened ({error.strerror})")
        return sub
    notebook = _parse(raw, sub)
    if notebook is None:
        return sub
    sub.readable = True
    stamp = notebook.get("metadata", {}).get("course", {}) if isinstance(notebook.get("metadata"), dict) else {}
    if isinstance(stamp, dict):
        sub.lesson, sub.language, sub.mode = stamp.get("lesson"), stamp.get("language"), stamp.get("mode")
    _collect_records(notebook, sub)
    if sub.lesson is None:
        lessons = {str(r.get("lesson")) for r in sub.records.values()}
        if len(lessons) == 1:
            sub.lesson = lessons.pop()
            sub.problems.append(f"has no lesson stamp (a new notebook?); its answer records are of lesson {sub.lesson}")
    return sub


def _parse(raw: bytes, sub: Submission) -> dict[str, Any] | None:
    if not raw.strip():
        sub.problems.append("is empty (0 bytes)")
        return None
    for signature, kind in SIGNATURES.items():
        if raw.lstrip().startswith(signature):
            sub.problems.append(f"is not a notebook but {kind} with an .ipynb name")
            return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        sub.problems.append("is not a notebook: it is not UTF-8 text")
        return None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if not raw.rstrip().endswith(b"}"):
            sub.problems.append(f"is cut off: the notebook ends abruptly (an interrupted upload?); the JSON breaks at {where}")
        else:
            sub.problems.append(f"is not valid JSON ({error.msg} at {where}); was it edited by hand?")
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or "nbformat" not in data:
        sub.problems.append("is JSON but not a Jupyter notebook (no cells)")
        return None
    return data


def _collect_records(notebook: dict[str, Any], sub: Submission) -> None:
    candidates: dict[str, list[dict[str, Any]]] = {}
    tampered: set[str] = set()
    for cell in notebook["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        sub.shown.update(SHOWN.findall("".join(source) if isinstance(source, list) else str(source)))
        for output in cell.get("outputs") or []:
            data = output.get("data") if isinstance(output, dict) else None
            record = data.get(MIME) if isinstance(data, dict) else None
            if not isinstance(record, dict) or not isinstance(record.get("exercise"), str):
                continue
            if is_authentic(record):
                candidates.setdefault(record["exercise"], []).append(record)
            else:
                tampered.add(record["exercise"])
    sub.tampered = tampered - set(candidates)
    for exercise_id in sorted(tampered):
        if exercise_id in candidates:
            sub.problems.append(f"{exercise_id}: one copy of the answer record was edited outside the notebook; the intact copy was graded")
        else:
            sub.problems.append(f"{exercise_id}: the answer record was edited outside the notebook (it fails its check): 0 points")
    for exercise_id, found in candidates.items():
        best = max(found, key=lambda r: int(r.get("attempts") or 0))
        rivals = {json.dumps(r.get("answer"), sort_keys=True) for r in found if r.get("attempts") == best.get("attempts")}
        if len(rivals) > 1:
            sub.problems.append(f"{exercise_id}: two different answer records with the same attempt count (a duplicated cell?); the first one was graded")
        sub.records[exercise_id] = best
