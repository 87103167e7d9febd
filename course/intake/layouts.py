"""Who handed in a file: the student, read from how an LMS or a hub names what it hands the lecturer.

The names follow each system's own code (the tests in ``tests/lms/test_lms.py``
cite the lines):

* **Moodle** (``mod/assign/classes/downloader.php``): with "Download submissions
  in folders" on, ``<Full Name>_<participant>_assignsubmission_file/<file>``
  (Moodle before 4.1 ended the folder with ``_``); with it off, the same prefix
  joined to the file name, ``<Full Name>_<participant>_assignsubmission_file_<file>``.
  Under blind marking the name is ``Participant``. Online-text folders
  (``..._assignsubmission_onlinetext``) hold no notebook and are passed over.
  The number is the assignment's participant number ("Participant 1234567" in
  the grading worksheet), not the user id.
* **Canvas** (``lib/content_zipper.rb``): ``<sortablename>[_LATE]_<user id>_<attachment id>_<file>``,
  with ``anon_<id>`` in place of the user id under anonymous grading. A
  resubmitted file keeps Canvas's ``-1`` suffix in ``<file>``.
* **Google Classroom / Drive**: ``<Full Name> - <file>``; a second copy of the
  same name gets `` (1)``.
* **JupyterHub** home folders: ``<user>/<release folder>/notebooks/<lang>/<file>``,
  where the release folder holds ``release.json``; The Littlest JupyterHub's
  ``jupyter-<user>`` home names give ``<user>``.
* Otherwise one folder per student (``<student>/<file>``) or one file per
  student (``<student-id>_<file>``, else the file name).

Extraction tools add folders above the student level (Windows "Extract All"
makes ``<zip name>/``); :func:`identify_all` strips the folders that every
submission shares before reading the student level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..model.vocabulary import LESSON_EXERCISE

MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assign(?:submission|feedback)_(?P<plugin>[a-z]+)_?$")
MOODLE_FILE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_file_(?P<file>.+)$")
CANVAS_FILE = re.compile(r"^(?:(?P<name>.*?)_)??(?P<late>LATE_)?(?P<id>\d+|anon_[A-Za-z0-9]+)_(?P<attachment>\d+)_(?P<file>.+)$")
CLASSROOM_FILE = re.compile(r"^(?P<name>.+?) - (?P<file>.+)$")
GENERIC_FILE = re.compile(r"^(?P<id>[^_]+)_.+$")
COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")
NOTEBOOK_NAME = LESSON_EXERCISE  # a notebook named for its lesson: NN-topic, NN-quiz, NN-quiz-2
HUB_PREFIX = "jupyter-"
BLIND_NAMES = ("Participant", "Peserta")  # Moodle's 'participant' string, English and Indonesian


@dataclass(frozen=True)
class Identity:
    """The student a file belongs to, and what the LMS needs to send grades and feedback back."""

    student: str
    name: str
    source: str = "file"  # moodle, canvas, classroom, jupyterhub, folder or file
    late: bool = False
    participant: str = ""  # Moodle's participant number
    moodle_prefix: str = ""  # "<Full Name>_<participant>", as Moodle's feedback zip import expects
    canvas_user: str = ""
    canvas_attachment: str = ""
    canvas_slug: str = ""
    anonymous: bool = False


def stem_of(name: str) -> str:
    """A notebook's file name without ``.ipynb`` (any case)."""
    return name[: -len(".ipynb")] if name.lower().endswith(".ipynb") else PurePath(name).stem


def from_moodle_folder(folder: str) -> Identity | None:
    match = MOODLE_FOLDER.match(folder)
    if not match:
        return None
    name, number = match["name"], match["id"]
    blind = name in BLIND_NAMES
    return Identity(
        student=f"Participant {number}",
        name="" if blind else name,
        source="moodle",
        participant=number,
        moodle_prefix=f"{name}_{number}",
        anonymous=blind,
    )


def from_file_name(file_name: str) -> Identity | None:
    """The identity an LMS put into a file's own name with numbers (Moodle without folders, Canvas)."""
    stem = stem_of(file_name)
    match = MOODLE_FILE.match(stem)
    if match:
        name, number = match["name"], match["id"]
        blind = name in BLIND_NAMES
        return Identity(
            f"Participant {number}", "" if blind else name, "moodle", participant=number, moodle_prefix=f"{name}_{number}", anonymous=blind
        )
    match = CANVAS_FILE.match(stem)
    if match:
        anonymous = match["id"].startswith("anon_")
        slug = match["name"] or ""
        return Identity(
            match["id"],
            slug or match["id"],
            "canvas",
            late=bool(match["late"]),
            canvas_user="" if anonymous else match["id"],
            canvas_attachment=match["attachment"],
            canvas_slug=slug,
            anonymous=anonymous,
        )
    return None


def _plain_file(stem: str) -> Identity:
    """A file on its own: Classroom's ``Name - file``, else ``<id>_file``, else the file name."""
    stem = COPY_SUFFIX.sub("", stem)
    match = CLASSROOM_FILE.match(stem)
    if match:
        name = match["name"].strip()
        return Identity(name, name, "classroom")
    match = GENERIC_FILE.match(stem)
    student = match["id"] if match else stem
    return Identity(student, student, "file")


def identify_all(files: list[Path], root: Path, release_roots: set[Path] = frozenset()) -> dict[Path, Identity]:
    """The identity of every file under ``root``, from the LMS naming wherever it sits in the path."""
    identities: dict[Path, Identity] = {}
    plain: list[tuple[Path, tuple[str, ...]]] = []
    homes: list[tuple[Path, tuple[str, ...], int]] = []
    for path in files:
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            parts = (path.name,)
        found = _from_lms_names(parts)
        depth = None if found else _release_depth(parts, root, release_roots)
        if found:
            identities[path] = found
        elif depth is not None and depth >= 2:
            homes.append((path, parts, depth))
        else:
            plain.append((path, parts))
    if homes:  # every user's home is at the same level: a release folder nested deeper cannot name another user
        level = min(depth for _, _, depth in homes) - 2
        for path, parts, _ in homes:
            user = parts[level]
            user = user[len(HUB_PREFIX) :] if user.startswith(HUB_PREFIX) and len(user) > len(HUB_PREFIX) else user
            identities[path] = Identity(user, user, "jupyterhub")
    common = _common_folders([parts[:-1] for _, parts in plain])
    for path, parts in plain:
        identities[path] = _from_folders(parts, common)
    return identities


def _from_lms_names(parts: tuple[str, ...]) -> Identity | None:
    for folder in parts[:-1]:
        found = from_moodle_folder(folder)
        if found:
            return found
    return from_file_name(parts[-1])


def _release_depth(parts: tuple[str, ...], root: Path, release_roots: set[Path]) -> int | None:
    """How many folders down the file's release folder (the one holding ``release.json``) is, if any."""
    for depth in range(1, len(parts)):
        if root.joinpath(*parts[:depth]) in release_roots:
            return depth
    return None


def _common_folders(folder_lists: list[tuple[str, ...]]) -> int:
    """How many leading folders all the files share (wrapper folders added by extraction)."""
    if not folder_lists:
        return 0
    shortest = min(len(f) for f in folder_lists)
    count = 0
    while count < shortest and len({f[count] for f in folder_lists}) == 1:
        count += 1
    return count


def _from_folders(parts: tuple[str, ...], common: int) -> Identity:
    """Below the shared wrapper folders: the first folder is the student, or the file name is."""
    rest = parts[common:]
    if len(rest) > 1:
        return Identity(rest[0], rest[0], "folder")
    stem = stem_of(parts[-1])
    if common and NOTEBOOK_NAME.match(COPY_SUFFIX.sub("", stem)):
        folder = parts[common - 1]  # one student's folder, with the lesson's own file name inside
        return Identity(folder, folder, "folder")
    return _plain_file(stem)
