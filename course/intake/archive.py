"""Reading an LMS download as it comes, a ZIP file, straight from the ZIP and without trusting what is inside it.

:func:`list_download` lists the notebooks in the ZIP (and the ``release.json``
files that mark a release folder) as paths below the ZIP's own path, keeping
the folders the ZIP has, so who handed in each file is read exactly as from a
folder; :class:`ZipReader` reads a notebook's bytes from the ZIP when it is
graded. Nothing is unpacked to disk, and nothing in the archive can reach
outside it or exhaust the machine:

* entries with absolute paths, drive letters or ``..`` are skipped with a line;
* links, devices and other non-regular entries are skipped with a line;
* a name no disk can hold (a folder or file name over :data:`MAX_NAME_BYTES`
  bytes) is skipped with a line: no LMS makes one, and the grader names its own
  files after students;
* a notebook whose name is also a folder in the ZIP is skipped with a line
  (the files in that folder are read);
* one notebook may be at most :data:`course.intake.submissions.MAX_NOTEBOOK_BYTES`,
  the notebooks of the whole download at most :data:`MAX_DOWNLOAD_BYTES`, by the
  sizes the ZIP declares (Python's zipfile never returns more bytes than an
  entry declares, and a stream that disagrees fails its checksum: one line);
* other files (PDFs, Moodle's ``onlinetext.html``) are passed over silently,
  ZIPs inside the ZIP get a line.

Each notebook keeps the date the ZIP records for it, so "the newest file"
means the same as in the LMS.
"""

from __future__ import annotations

import os
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import CourseError, Problem
from ..messages import Message
from .layouts import from_file_name, from_moodle_folder
from .submissions import MAX_NOTEBOOK_BYTES, RELEASE_FILE, Inventory, Submission

MAX_DOWNLOAD_BYTES = 4 * 1024**3
MAX_NAME_BYTES = 255  # ext4, NTFS, APFS: the longest file or folder name
ENTRY_ERRORS = (OSError, EOFError, RuntimeError, ValueError, NotImplementedError, zipfile.BadZipFile, zlib.error)
_OPEN: dict[tuple[int, str], zipfile.ZipFile] = {}  # one handle per process and ZIP: forked readers never share a file offset


@dataclass(frozen=True)
class ZipEntry:
    """Where a notebook is in the ZIP, its declared size and its date."""

    index: int
    size: int
    mtime: float


@dataclass(frozen=True)
class ZipReader:
    """Reads a listed notebook's bytes from the ZIP (a :data:`course.intake.submissions.ReadBytes`); picklable for worker processes."""

    archive: Path
    entries: dict[Path, ZipEntry]

    def __call__(self, path: Path, sub: Submission) -> bytes | None:
        entry = self.entries[path]
        sub.mtime, sub.size = entry.mtime, entry.size
        try:
            zf = _opened(self.archive)
            with zf.open(zf.infolist()[entry.index]) as source:
                raw = source.read(MAX_NOTEBOOK_BYTES + 1)
        except ENTRY_ERRORS as error:
            sub.problems.append(Message("zip_entry_unreadable", error=type(error).__name__))
            return None
        if len(raw) > MAX_NOTEBOOK_BYTES:
            sub.problems.append(Message("too_large_read", limit=MAX_NOTEBOOK_BYTES // 2**20))
            return None
        return raw


@dataclass
class ZipDownload:
    """What a ZIP holds: notebooks to read (paths below the ZIP's path, on no disk), and entries skipped with a reason."""

    archive: Path
    inventory: Inventory
    reader: ZipReader
    skipped: list[tuple[str, Message]] = field(default_factory=list)

    @property
    def root(self) -> Path:
        """The folder the listed paths are relative to: they read ``<zip name>/<folders in the ZIP>/<file>``."""
        return self.archive.parent


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a ZIP file (by its first bytes, not only its name)."""
    try:
        return Path(path).is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


def list_download(archive: Path) -> ZipDownload:
    """The notebooks and release folders in ``archive``, and (entry, reason) for each entry skipped; reads no notebook."""
    archive = Path(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as error:
        raise CourseError(
            Problem(
                str(archive),
                f"is not a zip file that can be read ({error})",
                "download it again from the LMS, or unzip it yourself and give the folder",
            )
        ) from None
    except OSError as error:
        raise CourseError(
            Problem(str(archive), f"could not be opened ({error.strerror or error})", "check the file and try again")
        ) from None
    inventory, entries, skipped = Inventory(), {}, []
    names = [_safe_parts(info.filename) for info in infos]
    folders = {parts[:depth] for parts in names if parts for depth in range(1, len(parts))}
    folders |= {parts for info, parts in zip(infos, names, strict=True) if parts and info.is_dir()}
    total = 0
    for index, (info, parts) in enumerate(zip(infos, names, strict=True)):
        reason = _refused(info, parts, folders)
        if reason is not None:
            skipped.append((info.filename, reason))
            continue
        if not parts or info.is_dir() or not _wanted(parts):
            continue
        path = archive.joinpath(*parts)
        if parts[-1] == RELEASE_FILE:
            inventory.release_roots.add(path.parent)
            continue
        if info.file_size > MAX_NOTEBOOK_BYTES or total + info.file_size > MAX_DOWNLOAD_BYTES:
            skipped.append((info.filename, Message("zip_too_large", limit=MAX_NOTEBOOK_BYTES // 2**20, total=MAX_DOWNLOAD_BYTES // 2**30)))
            continue
        total += info.file_size
        if path in entries:  # two entries with one name: keep both, as the LMS would show both
            path = path.with_name(f"{path.stem} (zip copy {index}){path.suffix}")
        entries[path] = ZipEntry(index, info.file_size, _timestamp(info.date_time))
        inventory.files.append(path)
    inventory.files.sort()
    return ZipDownload(archive, inventory, ZipReader(archive, entries), skipped)


def _wanted(parts: tuple[str, ...]) -> bool:
    """A notebook or a release folder's ``release.json`` (never macOS's resource copies)."""
    name = parts[-1]
    return (name.lower().endswith(".ipynb") or name == RELEASE_FILE) and not name.startswith("._") and "__MACOSX" not in parts


def _refused(info: zipfile.ZipInfo, parts: tuple[str, ...] | None, folders: set[tuple[str, ...]]) -> Message | None:
    """Why an entry is skipped with a line (None when it is read, or passed over without one)."""
    if parts is None:
        return Message("zip_outside")
    if info.is_dir() or not parts:
        return None
    if parts[-1].lower().endswith(".zip"):
        return Message("zip_in_zip")
    if not _wanted(parts):
        return None
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind and kind != stat.S_IFREG:
        return Message("zip_special")
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in parts)
    if longest > MAX_NAME_BYTES:  # costs this file only; the line names whose it is, as the LMS named it
        found = next((i for i in (*map(from_moodle_folder, parts[:-1]), from_file_name(parts[-1])) if i), None)
        student = (found.name or found.student) if found else parts[-1][:40]
        return Message("zip_name_too_long", size=longest, limit=MAX_NAME_BYTES, student=student[:80])
    if parts in folders:
        return Message("zip_name_clash")
    return None


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The folders and file name of an entry, or None when it would leave the folder it belongs to."""
    name = name.replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return None
    parts = tuple(p for p in path.parts if p not in ("", "."))
    if any(p == ".." for p in parts):
        return None
    return parts


def _opened(archive: Path) -> zipfile.ZipFile:
    key = (os.getpid(), str(archive))
    if key not in _OPEN:
        _OPEN[key] = zipfile.ZipFile(archive)
    return _OPEN[key]


def close_downloads() -> None:
    """Close this process's handles on the ZIPs read (a ZIP held open cannot be deleted on Windows)."""
    for key in [key for key in _OPEN if key[0] == os.getpid()]:
        _OPEN.pop(key).close()


def _timestamp(date_time: tuple[int, int, int, int, int, int]) -> float:
    try:
        return time.mktime((*date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return time.time()
