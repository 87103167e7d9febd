"""Helpers for release-update tests: a bank copy the test may change, releases with known secrets, quiz notebooks answered by letter."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from course.authoring import release as release_module
from course.model.bank import LETTERS
from course.model.record import MIME, make_record

ROOT = Path(__file__).resolve().parents[1]


def bank_copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the course's data folder that releases and grading read from (``COURSE_DATA_DIR``); returns its banks' folder."""
    data = tmp_path / "data-copy"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    return data / "exercises"


def known_secrets(monkeypatch, seed: str = "issue-20") -> None:
    """Release ids and order secrets drawn from a counter, so a test's orders are the same on every run (and on every commit)."""
    counter = itertools.count()

    def token_hex(nbytes: int = 32) -> str:
        return hashlib.sha256(f"{seed}-{next(counter)}".encode()).hexdigest()[: 2 * nbytes]

    monkeypatch.setattr(release_module.secrets, "token_hex", token_hex)


def bank_file(banks: Path, lesson: str) -> Path:
    return next(banks.glob(f"{lesson}-*.yml"))


def quiz_item(banks: Path, lesson: str, kind: str) -> dict[str, Any]:
    """The first quiz item (``use: assessment``) of ``kind`` in the lesson's bank."""
    raw = yaml.safe_load(bank_file(banks, lesson).read_text(encoding="utf-8"))
    return next(item for item in raw["exercises"] if item.get("use") == "assessment" and item["type"] == kind)


def change_item(banks: Path, lesson: str, exercise_id: str, change: Callable[[dict], None]) -> None:
    """Change one item of the bank copy in place (as a lecturer editing the YAML would)."""
    path = bank_file(banks, lesson)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(next(item for item in raw["exercises"] if item["id"] == exercise_id))
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def release_id(out: Path) -> str:
    return json.loads((out / "release.json").read_text(encoding="utf-8"))["release"]


def key_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def letter_of(order: list[str], key: str) -> str:
    """The letter option ``key`` had on a screen showing ``order``."""
    return LETTERS[order.index(key)]


def answered_quiz(out: Path, lesson: str, answers: dict[str, tuple[str, Any]], made_in: str | None = None) -> dict:
    """The release's quiz notebook with answer records as its kernel saves them: ``{exercise: (type, answer)}``.

    ``made_in`` is the release id the records carry (default: the folder's own,
    as a kernel running there writes it).
    """
    notebook = next((out / "notebooks").rglob(f"{lesson}-quiz.ipynb"))
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    made_in = made_in or release_id(out)
    for exercise_id, (kind, answer) in answers.items():
        record = make_record(lesson, exercise_id, kind, "assessment", answer, 1, made_in)
        cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and f'show("{exercise_id}")' in "".join(c["source"]))
        cell["outputs"] = [{"output_type": "display_data", "data": {MIME: record, "text/plain": exercise_id}, "metadata": {}}]
    return nb
