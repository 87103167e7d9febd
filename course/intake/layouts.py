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

Only the LMS or the hub says who a file belongs to, never a name a student
chose inside what she owns:

* In hub home folders a file counts only for the user whose home it is in,
  and only inside a release folder (one holding ``release.json``) directly in
  that home: a notebook at the top of a home, or in a release folder deeper
  down (a folder named after a classmate), belongs to no one (``None``), and
  names that look like Moodle's or Canvas's inside a home mean nothing. The
  homes are the folders right below the folders every file shares, which no
  student can add to while two homes hold notebooks. When only one home holds
  any, it cannot be told from a wrapper folder by the files alone: the
  shallowest release folder then decides, and that home's owner can only
  mislabel her own files.
* A download is a hub's only when no file at the student level carries a
  Moodle or Canvas name (students cannot make folders there), and the folder
  all files share (Google Classroom's flat folder) is never a release folder,
  even with a ``release.json`` uploaded beside them.
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


def identify_all(files: list[Path], root: Path, release_roots: set[Path] = frozenset()) -> dict[Path, Identity | None]:
    """The identity of every file under ``root``, from the LMS or hub naming; None for a file in hub homes that no home owns."""
    relative = {path: _relative_parts(path, root) for path in files}
    shared = _common_folders([parts[:-1] for parts in relative.values()])
    level = _home_level(list(relative.values()), shared, root, release_roots)
    if level is not None:
        return {path: _from_home(parts, level, root, release_roots) for path, parts in relative.items()}
    identities: dict[Path, Identity | None] = {}
    plain: list[tuple[Path, tuple[str, ...]]] = []
    for path, parts in relative.items():
        found = _from_lms_names(parts)
        if found:
            identities[path] = found
        else:
            plain.append((path, parts))
    common = _common_folders([parts[:-1] for _, parts in plain])
    for path, parts in plain:
        identities[path] = _from_folders(parts, common)
    return identities


def _relative_parts(path: Path, root: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(root).parts
    except ValueError:
        return (path.name,)


def _home_level(all_parts: list[tuple[str, ...]], shared: int, root: Path, release_roots: set[Path]) -> int | None:
    """How many folders down the users' homes are, when ``root`` holds hub home folders; else None.

    ``shared`` is the number of folders every file shares: with two homes that
    hold files the homes are right below them. Otherwise (one home, or none
    found there) the shallowest level at which a release folder sits inside a
    home is taken, above the shared folder: a flat download with a
    ``release.json`` uploaded beside its files (Google Classroom's) is no home.
    """
    if not release_roots or any(_lms_named(parts, shared) for parts in all_parts):
        return None

    def has_release_at(level: int) -> bool:
        return any(len(parts) >= level + 3 and root.joinpath(*parts[: level + 2]) in release_roots for parts in all_parts)

    if has_release_at(shared):
        return shared
    return next((level for level in range(shared - 2) if has_release_at(level)), None)  # never the shared folder itself


def _lms_named(parts: tuple[str, ...], shared: int) -> bool:
    """A Moodle folder or a Moodle or Canvas file name at the student level, where a hub has its homes."""
    if len(parts) > shared + 1:
        return from_moodle_folder(parts[shared]) is not None
    return from_file_name(parts[-1]) is not None


def _from_home(parts: tuple[str, ...], level: int, root: Path, release_roots: set[Path]) -> Identity | None:
    """The user whose home holds the file, when it sits inside a release folder directly in that home."""
    if len(parts) < level + 3 or root.joinpath(*parts[: level + 2]) not in release_roots:
        return None
    user = parts[level]
    user = user[len(HUB_PREFIX) :] if user.startswith(HUB_PREFIX) and len(user) > len(HUB_PREFIX) else user
    return Identity(user, user, "jupyterhub")


def _from_lms_names(parts: tuple[str, ...]) -> Identity | None:
    for folder in parts[:-1]:
        found = from_moodle_folder(folder)
        if found:
            return found
    return from_file_name(parts[-1])


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
