"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; give a new file the usual ones (0666 minus umask)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class StagedWrites:
    """Many files replaced together: all are written first, made durable with one sync, then renamed.

    Until :meth:`commit` renames them, no target changes; if writing any of
    them fails (a full or read-only disk), every temporary file is removed and
    the error is raised with nothing replaced. One ``os.sync()`` instead of one
    ``fsync`` per file keeps grading 500 students fast.
    """

    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}

    def add(self, path: str | Path, data: str | bytes) -> None:
        self.files[Path(path)] = data.encode("utf-8") if isinstance(data, str) else data

    def commit(self) -> None:
        staged: list[tuple[str, Path]] = []
        try:
            for target, data in self.files.items():
                target.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                staged.append((temporary, target))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.chmod(temporary, _mode_for(target))
            if hasattr(os, "sync"):
                os.sync()
        except BaseException:
            for temporary, _ in staged:
                Path(temporary).unlink(missing_ok=True)
            raise
        for temporary, target in staged:
            os.replace(temporary, target)
        self.files.clear()
