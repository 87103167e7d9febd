"""Reading submitted notebooks without running them: who submitted, which lesson, which answers.

A submission is read as JSON, never executed, and everything read from it
goes through the schemas of :mod:`course.model.schema` before use: the
notebook's cells and outputs, the course stamp in its metadata, and each
answer record. Whatever is wrong with a file (empty, truncated, not a
notebook, too large, edited records, duplicated or deleted cells, values of
the wrong shape) becomes a one-line problem on the :class:`Submission`, and
what cannot be trusted costs only the exercise it belongs to. Reading never
raises for a bad file.

Finding the files (:func:`find_submissions`) never follows a link out of the
submissions folder and never opens a pipe or a device; folders named like
notebooks, zip files and other non-notebooks each get a line.

Who handed in each file is read from the LMS's or the hub's naming by
:mod:`course.intake.layouts` (Moodle, Canvas, Google Classroom, JupyterHub homes,
one folder or one file per student, under any wrapper folders).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Message
from ..model import schema
from ..model.record import MIME, is_authentic
from ..model.vocabulary import EXERCISE_ID, EXERCISE_ID_CHARACTERS
from ..safety import one_line
from .layouts import Identity, identify_all

MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024
RELEASE_FILE = "release.json"
HEAD_BYTES = 64
SIGNATURES = {b"%PDF": "kind_pdf", b"PK\x03\x04": "kind_zip", b"<": "kind_html"}  # what the file is, as a catalogue key
SHOWN = re.compile(rf"""(?:show|check|answer)\(\s*["']({EXERCISE_ID_CHARACTERS})["']""")


@dataclass
class Submission:
    """One submitted file, as far as it could be read."""

    path: Path
    student: str
    display: str = ""
    name: str = ""
    lesson: str | None = None
    language: str | None = None
    mode: str | None = None
    release: str | None = None
    readable: bool = False
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    tampered: set[str] = field(default_factory=set)
    problems: list[Message] = field(default_factory=list)  # report lines about the file, written in the reader's language
    mtime: float = 0.0
    size: int = 0
    cells_checked: bool = False
    identity: Identity | None = None
    email: str = ""
    participant: str = ""
    late: bool = False
    handed_in: str = ""  # what the file is when it is not a notebook (course.intake.uploads's statuses), else ""
    head: bytes | None = None  # the first bytes read, to name a file that is not a notebook
    review: list[str] = field(default_factory=list)  # why the gradebook's needs_review names this row besides text answers

    @classmethod
    def of(cls, path: Path, identity: Identity, display: str, **fields: Any) -> Submission:
        """A submission of ``path`` by whoever ``identity`` (the LMS's or the hub's naming) says handed it in."""
        return cls(
            path=path,
            student=one_line(identity.student),
            display=display,
            name=one_line(identity.name),
            identity=identity,
            participant=identity.participant,
            late=identity.late,
            **fields,
        )

    @property
    def attempts(self) -> int:
        return sum(int(r["attempts"]) for r in self.records.values())

    @property
    def answered(self) -> int:
        return sum(1 for r in self.records.values() if r.get("answer") is not None)


@dataclass
class Inventory:
    """What a submissions folder holds: notebooks to read, other files, and entries skipped with a reason."""

    files: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # regular files that are not notebooks (a PDF, a .docx, a zip)
    skipped: list[tuple[Path, Message]] = field(default_factory=list)
    release_roots: set[Path] = field(default_factory=set)

    def identities(self, root: Path) -> dict[Path, Identity | None]:
        """Who handed in each notebook and other file (see :mod:`course.intake.layouts`); None: no one (in hub homes)."""
        return identify_all(self.files + self.others, root, self.release_roots)

    def owned(self, root: Path) -> dict[Path, Identity]:
        """Who handed in each notebook; a notebook in hub homes that no home owns moves to ``skipped`` with a line."""
        identities = self.identities(root)
        owned = {path: identity for path in self.files if (identity := identities.get(path)) is not None}
        self.skipped += [(path, Message("not_in_a_home_release")) for path in self.files if path not in owned]
        self.skipped.sort(key=lambda item: str(item[0]))
        self.files = [path for path in self.files if path in owned]
        return owned


def safe_name(student: str) -> str:
    """A file-name-safe version of a student id (no path separators, no odd characters)."""
    cleaned = re.sub(r"[^A-Za-z0-9@._-]+", "_", student).strip("._")
    return cleaned[:80] or "student"


def find_submissions(root: Path) -> Inventory:
    """Every notebook under ``root`` (any depth, stable order), and a reason for each entry skipped.

    Checkpoint and hidden folders are passed over. Links are followed only to
    regular files inside ``root``; folders named ``*.ipynb``, pipes and
    devices, zip files and macOS resource files (``._name``) are reported.
    """
    inventory = Inventory()
    inside = root.resolve()
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            inventory.skipped.append((folder, Message("not_listed", reason=error.strerror or str(error))))
            continue
        for entry in entries:
            _sort_entry(entry, inside, inventory, folders)
    inventory.files.sort()
    inventory.others.sort()
    inventory.skipped.sort(key=lambda item: str(item[0]))
    return inventory


def _sort_entry(entry: os.DirEntry, inside: Path, inventory: Inventory, folders: list[Path]) -> None:
    path, lower = Path(entry.path), entry.name.lower()
    notebook = lower.endswith(".ipynb")
    if entry.is_symlink():
        if notebook or entry.is_dir():
            inventory_link(path, inside, notebook, inventory)
        return
    if entry.is_dir(follow_symlinks=False):
        if entry.name in (".ipynb_checkpoints", "__MACOSX") or entry.name.startswith("."):
            return
        if notebook:
            inventory.skipped.append((path, Message("folder_named_notebook")))
        folders.append(path)
    elif notebook and entry.name.startswith("._"):
        inventory.skipped.append((path, Message("macos_file")))
    elif notebook and entry.is_file(follow_symlinks=False):
        inventory.files.append(path)
    elif entry.name == RELEASE_FILE and entry.is_file(follow_symlinks=False):
        inventory.release_roots.add(path.parent)
    elif notebook:
        inventory.skipped.append((path, Message("special_file")))
    elif lower.endswith(".zip"):
        inventory.skipped.append((path, Message("zip_in_folder")))
        inventory.others.append(path)
    elif entry.is_file(follow_symlinks=False):
        inventory.others.append(path)


def inventory_link(path: Path, inside: Path, notebook: bool, inventory: Inventory) -> None:
    """A link is followed only to a regular file inside the submissions folder."""
    try:
        target = path.resolve(strict=True)
        regular = stat.S_ISREG(target.stat().st_mode)
    except (OSError, RuntimeError):
        inventory.skipped.append((path, Message("broken_link")))
        return
    if not notebook:
        inventory.skipped.append((path, Message("folder_link")))
    elif target != inside and inside not in target.parents:
        inventory.skipped.append((path, Message("outside_link")))
    elif not regular:
        inventory.skipped.append((path, Message("special_link")))
    else:
        inventory.files.append(path)


ReadBytes = Callable[[Path, "Submission"], "bytes | None"]
"""How a notebook's bytes are read: from the disk (:func:`read_file_bytes`) or straight from a ZIP (course.intake.archive)."""


def read_submission(path: Path, root: Path, identity: Identity | None = None, read: ReadBytes | None = None) -> Submission:
    """Read one submission; every problem becomes a line in ``problems``. Never raises."""
    try:
        identity = identity or identify_all([path], root)[path] or Identity(path.name, path.name)
        display = one_line(path.relative_to(root))
    except ValueError:
        identity, display = Identity(path.name, path.name), one_line(path.name)
    sub = Submission.of(path, identity, display)
    try:
        raw = (read or read_file_bytes)(path, sub)
        sub.head = raw[:HEAD_BYTES] if raw is not None else None
        notebook = _parse(raw, sub) if raw is not None else None
        if notebook is not None:
            sub.readable = True
            _read_stamp(notebook, sub)
            _collect_records(notebook, sub)
            _lesson_from_records(sub)
    except Exception as error:
        sub.readable = False
        sub.problems.append(Message("read_failed", error=type(error).__name__))
    return sub


def read_file_bytes(path: Path, sub: Submission) -> bytes | None:
    """A notebook's bytes from the disk (None, with a problem, when it is not a regular file or too large)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        sub.problems.append(Message("open_failed", reason=error.strerror or str(error)))
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        sub.mtime, sub.size = info.st_mtime, info.st_size
        if not stat.S_ISREG(info.st_mode):
            sub.problems.append(Message("not_regular"))
            return None
        if info.st_size > MAX_NOTEBOOK_BYTES:
            sub.problems.append(Message("too_large", size=round(info.st_size / 2**20), limit=MAX_NOTEBOOK_BYTES // 2**20))
            return None
        raw = stream.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        sub.problems.append(Message("too_large_read", limit=MAX_NOTEBOOK_BYTES // 2**20))
        return None
    return raw


def _parse(raw: bytes, sub: Submission) -> dict[str, Any] | None:
    """The notebook, or None (with a problem) when it is not a notebook the course can read."""
    notebook = _decode(raw, sub)
    if notebook is None:
        return None
    problem = schema.notebook_problem({k: v for k, v in notebook.items() if k in ("cells", "nbformat")})
    if problem and not problem.startswith("the notebook at 'cells["):
        sub.problems.append(Message("not_course_notebook", problem=problem))
        return None
    sub.cells_checked = problem is None  # every cell is well formed: no need to check them one by one
    return notebook


def _decode(raw: bytes, sub: Submission) -> dict[str, Any] | None:
    if not raw.strip():
        sub.problems.append(Message("empty"))
        return None
    for signature, kind in SIGNATURES.items():
        if raw.lstrip().startswith(signature):
            sub.problems.append(Message("disguised", kind=Message(kind)))
            return None
    try:
        data = schema.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        sub.problems.append(Message("not_utf8"))
        return None
    except json.JSONDecodeError as error:
        if not raw.rstrip().endswith(b"}"):
            sub.problems.append(Message("cut_off", line=error.lineno, column=error.colno))
        else:
            sub.problems.append(Message("bad_json", error=error.msg, line=error.lineno, column=error.colno))
        return None
    except RecursionError:
        sub.problems.append(Message("too_deep"))
        return None
    except ValueError as error:
        sub.problems.append(Message("bad_json_other", error=one_line(str(error))[:120]))
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or "nbformat" not in data:
        sub.problems.append(Message("no_cells"))
        return None
    return data


def _read_stamp(notebook: dict[str, Any], sub: Submission) -> None:
    metadata = notebook.get("metadata")
    stamp = metadata.get("course") if isinstance(metadata, dict) else None
    if stamp is None:
        return
    problem = schema.stamp_problem(stamp)
    if problem:
        sub.problems.append(Message("stamp_damaged", problem=problem))
        return
    sub.lesson, sub.language, sub.mode, sub.release = (stamp.get(k) for k in ("lesson", "language", "mode", "release"))


def _lesson_from_records(sub: Submission) -> None:
    if sub.lesson is not None:
        return
    lessons = {str(r["lesson"]) for r in sub.records.values()}
    if len(lessons) == 1:
        sub.lesson = lessons.pop()
        sub.problems.append(Message("no_stamp", lesson=sub.lesson))


def _collect_records(notebook: dict[str, Any], sub: Submission) -> None:
    candidates: dict[str, list[dict[str, Any]]] = {}
    tampered: set[str] = set()
    for number, cell in enumerate(notebook["cells"], start=1):
        problem = None if sub.cells_checked else schema.cell_problem(cell)
        if problem:
            sub.problems.append(Message("cell_skipped", cell=number, problem=problem))
            continue
        if cell["cell_type"] != "code":
            continue
        source = cell.get("source", "")
        sub.shown.update(SHOWN.findall("".join(source) if isinstance(source, list) else source))
        for output in cell.get("outputs") or []:
            data = output.get("data")
            if not isinstance(data, dict) or MIME not in data:
                continue
            _take_record(data[MIME], number, sub, candidates, tampered)
    _choose_records(sub, candidates, tampered)


def _take_record(record: Any, cell: int, sub: Submission, candidates: dict[str, list[dict[str, Any]]], tampered: set[str]) -> None:
    problem = schema.record_problem(record)
    exercise = record.get("exercise") if isinstance(record, dict) else None
    exercise = exercise if isinstance(exercise, str) and EXERCISE_ID.match(exercise) else None
    if problem:
        if exercise:
            sub.invalid.setdefault(exercise, problem)
        else:
            sub.problems.append(Message("cell_record_damaged", cell=cell, problem=problem))
    elif is_authentic(record):
        candidates.setdefault(record["exercise"], []).append(record)
    else:
        tampered.add(record["exercise"])


def _choose_records(sub: Submission, candidates: dict[str, list[dict[str, Any]]], tampered: set[str]) -> None:
    sub.tampered = tampered - set(candidates)
    for exercise_id in sorted(tampered):
        if exercise_id in candidates:
            sub.problems.append(Message("copy_edited", exercise=exercise_id))
        else:
            sub.problems.append(Message("record_edited", exercise=exercise_id))
    for exercise_id in sorted(set(sub.invalid) & set(candidates)):
        sub.problems.append(Message("copy_damaged", exercise=exercise_id, problem=sub.invalid.pop(exercise_id)))
    for exercise_id, found in candidates.items():
        best = max(found, key=lambda r: r["attempts"])
        rivals = {json.dumps(r["answer"], sort_keys=True) for r in found if r["attempts"] == best["attempts"]}
        if len(rivals) > 1:
            sub.problems.append(Message("duplicate_records", exercise=exercise_id))
        sub.records[exercise_id] = best
