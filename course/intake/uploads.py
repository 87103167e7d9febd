"""What was handed in, when it is not a notebook: a PDF, a Word file, an image, an empty or other file.

An LMS shows a student who uploaded a PDF as "submitted"; the grader must
not call her someone who handed in nothing. A file is named by its content
first (a PDF renamed ``.ipynb`` is still a PDF), then by its extension
(:func:`kind_of`). Notebooks that cannot be read as notebooks get the same
test (:func:`name_unreadable`); other files become submissions of their own
(:func:`other_submissions`) when the LMS's naming (Moodle, Canvas, Google
Classroom) ties them to a student. Such a submission is never graded: its
status says what it is, its grade stays blank in every LMS file, and the
student reads why in the LMS comment (:func:`student_note`).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ..messages import Message, say
from ..safety import one_line
from .layouts import MOODLE_FOLDER
from .submissions import Inventory, Submission

PDF, WORD, IMAGE, EMPTY, OTHER = (
    "PDF, not a notebook",
    "Word file, not a notebook",
    "image, not a notebook",
    "empty file",
    "other file, not a notebook",
)
NOT_NOTEBOOK = (PDF, WORD, IMAGE, EMPTY, OTHER)
WHAT = {PDF: "what_pdf", WORD: "what_word", IMAGE: "what_image", EMPTY: "what_empty", OTHER: "what_other"}
LMS_SOURCES = ("moodle", "canvas", "classroom")
HEAD_BYTES = 64
EXTENSIONS = {".pdf": PDF, ".doc": WORD, ".docx": WORD, **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".heic", ".webp"), IMAGE)}
SIGNATURES = (
    (b"%PDF", PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", WORD),  # Word 97-2003 (.doc) is an OLE compound file
    (b"\x89PNG\r\n\x1a\n", IMAGE),
    (b"\xff\xd8\xff", IMAGE),
    (b"GIF87a", IMAGE),
    (b"GIF89a", IMAGE),
)
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1")


def _head(path: Path) -> tuple[bytes, int] | None:
    """The first bytes and the size of a regular file, or None when it cannot be opened (never a pipe or device)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        return stream.read(HEAD_BYTES), info.st_size


def _by_content(path: Path, head: bytes) -> str | None:
    """What the first bytes say the file is (None when they name no known kind)."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return IMAGE
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return IMAGE
    if head.startswith(b"PK\x03\x04"):
        return WORD if _zip_is_word(path) else OTHER
    return None


def _zip_is_word(path: Path) -> bool:
    """A .docx is a zip whose parts sit under ``word/``."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def kind_of(path: Path, notebook: bool = False, found: tuple[bytes, int] | None = None) -> str | None:
    """The status of a handed-in file that is not a notebook, or None for a notebook (or a file that cannot be opened).

    Content first, then the extension; ``notebook`` says the file is named
    ``.ipynb``: without a known signature it is then left to be read as a notebook.
    ``found`` is the first bytes and the size when they were read already (from a ZIP).
    """
    found = found or _head(path)
    if found is None:
        return None
    head, size = found
    if size == 0 or (len(head) == size and not head.strip()):
        return EMPTY
    by_content = _by_content(path, head)
    if by_content or notebook:
        return by_content
    return EXTENSIONS.get(path.suffix.lower(), OTHER)


def name_unreadable(sub: Submission) -> None:
    """Give a notebook that could not be read as one the status of what it really is (a PDF, an empty file)."""
    if sub.readable or sub.handed_in:
        return
    sub.handed_in = kind_of(sub.path, notebook=True, found=(sub.head, sub.size) if sub.head is not None else None) or ""
    if sub.handed_in:
        sub.problems.clear()  # the status and the report line say it; "not a notebook but a PDF" would say it twice


def _tied_to_student(path: Path, root: Path, source: str) -> bool:
    """An LMS's file upload, not its online-text page or feedback, nor a hidden or lock file."""
    if source not in LMS_SOURCES or path.name.startswith((".", "~$")):
        return False
    try:
        folders = path.relative_to(root).parts[:-1]
    except ValueError:
        return False
    plugins = [match["plugin"] for match in map(MOODLE_FOLDER.match, folders) if match]
    return all(plugin == "file" for plugin in plugins) and not any("assignfeedback" in folder for folder in folders)


def other_submissions(inventory: Inventory, root: Path) -> list[Submission]:
    """A submission for every non-notebook file an LMS's naming ties to a student, its status saying what it is."""
    identities = inventory.identities(root)
    found = []
    for path in inventory.others:
        identity = identities.get(path)
        if identity is None or not _tied_to_student(path, root, identity.source):
            continue
        kind = kind_of(path)
        if kind is None:
            continue
        try:
            display, mtime = one_line(path.relative_to(root)), path.stat().st_mtime
        except (ValueError, OSError):
            display, mtime = one_line(path.name), 0.0
        found.append(Submission.of(path, identity, display, mtime=mtime, handed_in=kind))
    return found


def report_note(sub: Submission) -> Message:
    """The report line's text for a file that is not a notebook (the file's name goes before it)."""
    return Message("not_notebook_report", what=Message(WHAT[sub.handed_in]))


def student_note(status: str, lang: str) -> str:
    """What the student reads in the LMS where a grade would be: what was handed in, and that it was not graded."""
    return say("not_notebook_comment", lang, what=say(WHAT[status], lang)) if status in WHAT else ""
