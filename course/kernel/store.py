"""The answer store: a student's answers saved beside the notebook, so a restart loses nothing.

One JSON file per notebook in a ``.course-answers`` folder next to it (or in
``COURSE_ANSWER_DIR``); its format is ``schemas/answer-store.schema.json``.
Every save rewrites the file atomically. A file that cannot be read, or that
is valid JSON of the wrong shape (an answer of the wrong type for its
exercise included), is never overwritten: it is renamed
``<name>.corrupt-<n>.json`` and the student is told where it went.

Two kernels on one notebook (two browser tabs, a restart while the old kernel
lives) do not lose each other's answers, on Windows as on Linux and macOS: a
save takes a lock (:mod:`filelock`), reads what is on disk, keeps the newer
answer of every other exercise, and writes the whole store back. The store
is a convenience for restoring answers; the record that is graded travels
inside the notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from ..fileio import write_text_atomic
from ..model import schema

FORMAT = 1


def default_store_path(lesson: str, lang: str) -> Path:
    """Where this notebook's answers are kept."""
    folder = Path(os.environ.get("COURSE_ANSWER_DIR") or Path.cwd() / ".course-answers")
    session = os.environ.get("JPY_SESSION_NAME")
    stem = Path(session).stem if session and session.endswith(".ipynb") else f"lesson-{lesson}-{lang}"
    return folder / f"{stem}.json"


class _Damaged(Exception):
    """The store file exists but cannot be used."""


@dataclass
class AnswerStore:
    """Saved answers of one notebook: ``{exercise id: {"answer": ..., "attempts": n, "saved": time}}``."""

    path: Path
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    warning: str = ""
    kinds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path, kinds: dict[str, str] | None = None) -> AnswerStore:
        """Read the store at ``path``; a damaged file is moved aside and reported in ``warning``.

        ``kinds`` maps exercise ids to their types: each saved answer must have
        a shape its type accepts, exactly as the grader requires.
        """
        store = cls(path, kinds=dict(kinds or {}))
        with store._locked():
            try:
                store.answers = store._read()
            except _Damaged:
                store.warning = str(store._move_aside())
        return store

    def _read(self) -> dict[str, dict[str, Any]]:
        """What is on disk now (empty if nothing); raises :class:`_Damaged` for a file that cannot be used."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            raise _Damaged(str(error)) from None
        try:
            data = schema.loads(text)
        except (ValueError, RecursionError) as error:
            raise _Damaged(str(error)) from None
        if schema.store_problem(data):
            raise _Damaged("wrong shape")
        for exercise_id, saved in data["answers"].items():
            kind = self.kinds.get(exercise_id)
            if kind and schema.answer_problem(kind, saved["answer"]):
                raise _Damaged(f"{exercise_id}: wrong answer shape")
        return data["answers"]

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's lock (a ``.lock`` file beside it) while reading or writing.

        :mod:`filelock` locks on Windows as on Linux and macOS; the lock waits
        as long as the other kernel's save takes.
        """
        lock = FileLock(self.path.with_name(f".{self.path.name}.lock"), mode=0o600)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except OSError:
            yield  # a read-only folder: nothing can be written anyway
            return
        try:
            yield
        finally:
            lock.release()

    def _move_aside(self) -> Path:
        number = 1
        while (target := self.path.with_name(f"{self.path.stem}.corrupt-{number}.json")).exists():
            number += 1
        os.replace(self.path, target)
        return target

    def get(self, exercise_id: str) -> dict[str, Any] | None:
        return self.answers.get(exercise_id)

    def save(self, exercise_id: str, answer: Any, attempts: int) -> None:
        """Remember one answer and write the store atomically, keeping what another kernel saved meanwhile."""
        self.answers[exercise_id] = {
            "answer": answer,
            "attempts": attempts,
            "saved": datetime.now(UTC).isoformat(timespec="microseconds"),
        }
        with self._locked():
            try:
                on_disk = self._read()
            except _Damaged:
                self.warning = str(self._move_aside())
                on_disk = {}
            for other, saved in on_disk.items():
                mine = self.answers.get(other)
                if other != exercise_id and (mine is None or str(saved.get("saved", "")) > str(mine.get("saved", ""))):
                    self.answers[other] = saved
            payload = {"format": FORMAT, "answers": self.answers}
            write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))
