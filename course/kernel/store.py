"""The answer store: a student's answers saved beside the notebook, so a restart loses nothing.

One JSON file per notebook in a ``.course-answers`` folder next to it (or in
``COURSE_ANSWER_DIR``). Every save rewrites the file atomically. A file that
cannot be read is never overwritten: it is renamed ``<name>.corrupt-<n>.json``
and the student is told where it went. The store is a convenience for
restoring answers; the record that is graded travels inside the notebook.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..fileio import write_text_atomic

FORMAT = 1


def default_store_path(lesson: str, lang: str) -> Path:
    """Where this notebook's answers are kept."""
    folder = Path(os.environ.get("COURSE_ANSWER_DIR") or Path.cwd() / ".course-answers")
    session = os.environ.get("JPY_SESSION_NAME")
    stem = Path(session).stem if session and session.endswith(".ipynb") else f"lesson-{lesson}-{lang}"
    return folder / f"{stem}.json"


@dataclass
class AnswerStore:
    """Saved answers of one notebook: ``{exercise id: {"answer": ..., "attempts": n}}``."""

    path: Path
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    warning: str = ""

    @classmethod
    def open(cls, path: Path) -> AnswerStore:
        """Read the store at ``path``; a damaged file is moved aside and reported in ``warning``."""
        store = cls(path)
        if not path.exists():
            return store
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            answers = data["answers"]
            if not isinstance(answers, dict):
                raise ValueError("answers is not a mapping")
            store.answers = {str(k): v for k, v in answers.items() if isinstance(v, dict)}
        except (OSError, ValueError, KeyError, TypeError):
            store.warning = str(store._move_aside())
        return store

    def _move_aside(self) -> Path:
        number = 1
        while (target := self.path.with_name(f"{self.path.stem}.corrupt-{number}.json")).exists():
            number += 1
        os.replace(self.path, target)
        return target

    def get(self, exercise_id: str) -> dict[str, Any] | None:
        return self.answers.get(exercise_id)

    def save(self, exercise_id: str, answer: Any, attempts: int) -> None:
        """Remember one answer and write the whole store atomically."""
        self.answers[exercise_id] = {
            "answer": answer,
            "attempts": attempts,
            "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        payload = {"format": FORMAT, "answers": self.answers}
        write_text_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))
