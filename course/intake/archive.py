"""Reading an LMS download as it comes, a ZIP file, without trusting what is inside it.

:func:`extract_download` copies the notebooks (and the ``release.json`` files
that mark a release folder) out of the ZIP into a folder of ours, keeping the
folders the ZIP has. Nothing in the archive can write outside that folder or
exhaust the disk:

* entries with absolute paths, drive letters or ``..`` are skipped with a line;
* links, devices and other non-regular entries are skipped with a line;
* every entry is copied with its bytes counted, whatever its header claims:
  one notebook may be at most :data:`course.intake.submissions.MAX_NOTEBOOK_BYTES`,
  the whole download at most :data:`MAX_DOWNLOAD_BYTES`;
* other files (PDFs, Moodle's ``onlinetext.html``) are passed over silently,
  ZIPs inside the ZIP get a line.

Each file keeps the date the ZIP records for it, so "the newest file" means the
same as in the LMS.
"""

from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import CourseError, Problem
from ..messages import Message
from .submissions import MAX_NOTEBOOK_BYTES, RELEASE_FILE

MAX_DOWNLOAD_BYTES = 4 * 1024**3
CHUNK = 1024 * 1024


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a ZIP file (by its first bytes, not only its name)."""
    try:
        return Path(path).is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


def extract_download(archive: Path, into: Path) -> list[tuple[str, Message]]:
    """Copy the notebooks in ``archive`` to ``into/<archive name>/...``; returns (entry, reason) for what was skipped."""
    skipped: list[tuple[str, Message]] = []
    base = into / archive.name
    base.mkdir(parents=True)
    total = 0
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = _safe_parts(info.filename)
                if parts is None:
                    skipped.append((info.filename, Message("zip_outside")))
                    continue
                if info.is_dir() or not parts:
                    continue
                name = parts[-1]
                lower = name.lower()
                if lower.endswith(".zip"):
                    skipped.append((info.filename, Message("zip_in_zip")))
                    continue
                if not (lower.endswith(".ipynb") or name == RELEASE_FILE) or name.startswith("._") or "__MACOSX" in parts:
                    continue
                kind = stat.S_IFMT(info.external_attr >> 16)
                if kind and kind != stat.S_IFREG:
                    skipped.append((info.filename, Message("zip_special")))
                    continue
                limit = min(MAX_NOTEBOOK_BYTES, MAX_DOWNLOAD_BYTES - total)
                target = base.joinpath(*parts)
                written = _copy(zf, info, target, limit)
                if written is None:
                    skipped.append(
                        (info.filename, Message("zip_too_large", limit=MAX_NOTEBOOK_BYTES // 2**20, total=MAX_DOWNLOAD_BYTES // 2**30))
                    )
                    continue
                total += written
                stamp = _timestamp(info.date_time)
                os.utime(target, (stamp, stamp))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise CourseError(
            Problem(
                str(archive),
                f"is not a zip file that can be read ({error})",
                "download it again from the LMS, or unzip it yourself and give the folder",
            )
        ) from None
    except OSError as error:
        raise CourseError(
            Problem(
                str(archive),
                f"could not be unpacked ({error.strerror or error})",
                "free some space, or unzip it yourself and give the folder",
            )
        ) from None
    return skipped


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The folders and file name of an entry, or None when it would leave the folder it is unpacked into."""
    name = name.replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return None
    parts = tuple(p for p in path.parts if p not in ("", "."))
    if any(p == ".." for p in parts):
        return None
    return parts


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int) -> int | None:
    """Copy one entry, counting bytes; None (and nothing left behind) when it passes ``limit``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # two entries with one name: keep both, as the LMS would show both
        target = target.with_name(f"{target.stem} (zip copy {info.header_offset}){target.suffix}")
    written = 0
    with zf.open(info) as source, open(target, "wb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                break
            sink.write(chunk)
    if written > limit:
        target.unlink()
        return None
    return written


def _timestamp(date_time: tuple[int, int, int, int, int, int]) -> float:
    try:
        return time.mktime((*date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return time.time()
