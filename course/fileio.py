"""Atomic file writes: a reader sees the old file or the new one, never half of either.

:func:`write_bytes_atomic` replaces one file; :class:`StagedWrites` replaces
many together, all or none (a file open in Excel on Windows, or made read-only,
makes the whole set fail with every file as it was); :func:`recover` tidies a
folder after a run that was killed midway.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
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


JOURNAL = ".grader-commit.json"
"""The list of replacements under way, kept in the folder of a :class:`StagedWrites` until all of them are done."""
LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.(tmp|old)$")
"""A temporary copy (``.name.XXXXXXXX.tmp``) or a set-aside old file (``.name.XXXXXXXX.old``) of an unfinished write."""


class ReplaceFailed(OSError):
    """One target of a :class:`StagedWrites` could not be replaced; every file is as it was before."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(error.errno, error.strerror or str(error), str(path))
        self.path = path


class StagedWrites:
    """Many files replaced together, all or none.

    :meth:`commit` writes every file to a temporary copy beside its target and
    makes them durable with one ``os.sync()`` (one ``fsync`` per file would
    slow grading 500 students). If any copy cannot be written (a full disk),
    the copies are removed and nothing is replaced. Then each existing target
    is set aside (``.name.XXXXXXXX.old``) and its copy renamed in its place; if
    any target cannot be moved (a file open in Excel on Windows, a read-only
    file), the targets already replaced are put back, the new ones removed and
    :class:`ReplaceFailed` names the file. While the renames run, a journal in
    ``root`` lists them, so that :func:`recover` can put a killed run's files
    back on the next run.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.files: dict[Path, bytes] = {}
        self.root = Path(root) if root is not None else None

    def add(self, path: str | Path, data: str | bytes) -> None:
        self.files[Path(path)] = data.encode("utf-8") if isinstance(data, str) else data

    def commit(self) -> None:
        if not self.files:
            return
        made = _missing_folders(self.files)
        staged = self._stage(made)
        plan = [(target, temporary, _aside(target) if os.path.lexists(target) else None) for temporary, target in staged]
        plan.sort(key=lambda step: len(step[0].parts))  # the files a lecturer opens (top of the folder) first: a locked one fails early
        journal = (self.root or plan[0][0].parent) / JOURNAL
        try:
            steps = [[os.path.relpath(part, journal.parent) if part else None for part in step] for step in plan]
            write_text_atomic(journal, json.dumps(steps))  # paths relative to the folder: it may be reached from elsewhere next time
        except BaseException:
            _remove([temporary for temporary, _ in staged], made)
            raise
        done: list[tuple[Path, Path | None]] = []
        current = plan[0][0]
        try:
            for target, temporary, aside in plan:
                current = target
                if aside is not None:
                    _refuse_read_only(target)
                    os.replace(target, aside)
                done.append((target, aside))
                os.replace(temporary, target)
        except BaseException as error:
            put_back = _undo(done)
            _remove([temporary for _, temporary, _ in plan], made)
            if put_back:
                journal.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise ReplaceFailed(current, error) from error
            raise
        journal.unlink(missing_ok=True)  # the commit point: from here on the new files stand
        _remove([aside for _, _, aside in plan if aside is not None], [])
        self.files.clear()

    def _stage(self, made: list[Path]) -> list[tuple[str, Path]]:
        """Every file written to a temporary copy beside its target; on any failure none is left."""
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
            _remove([temporary for temporary, _ in staged], made)
            raise
        return staged


def recover(root: str | Path) -> tuple[int, int]:
    """Undo what a killed :class:`StagedWrites` left in ``root``; returns (files put back, leftover files removed).

    A journal means the run stopped while replacing: each file it had set
    aside is put back and each new file it had made is removed, so the folder
    is as it was before that run. Then every temporary copy and set-aside
    file of an unfinished write is removed.
    """
    root = Path(root)
    put_back = 0
    journal = root / JOURNAL
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            steps = [(root / target, root / temporary, root / aside if aside else None) for target, temporary, aside in plan]
        except (OSError, ValueError, TypeError):
            steps = []
        for target, temporary, aside in steps:
            if aside is not None and aside.exists():
                os.replace(aside, target)
                put_back += 1
            elif aside is None and not temporary.exists() and target.exists():
                target.unlink()
                put_back += 1
        journal.unlink()
    removed = 0
    if root.is_dir():
        for path in root.rglob(".*"):
            if LEFTOVER.match(path.name) and path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return put_back, removed


def _aside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")


def _refuse_read_only(target: Path) -> None:
    """A file made read-only is not replaced (as Windows refuses it): the owner asked for it to stay."""
    if not os.stat(target).st_mode & stat.S_IWUSR:
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))


def _undo(done: list[tuple[Path, Path | None]]) -> bool:
    """Put back each target already replaced (newest first); False when one could not be put back."""
    complete = True
    for target, aside in reversed(done):
        try:
            if aside is None:
                target.unlink(missing_ok=True)
            elif aside.exists():
                os.replace(aside, target)
        except OSError:
            complete = False
    return complete


def _missing_folders(files: dict[Path, bytes]) -> list[Path]:
    """The folders the targets need that do not exist yet, deepest first (so that they can be removed again)."""
    missing: set[Path] = set()
    for target in files:
        for folder in target.parents:
            if folder.exists():
                break
            missing.add(folder)
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def _remove(files: list, folders: list[Path]) -> None:
    """Remove what a write leaves behind, as far as possible (whatever stays, :func:`recover` removes next time)."""
    for path in files:
        with contextlib.suppress(OSError):
            Path(path).unlink(missing_ok=True)
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
