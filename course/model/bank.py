"""Exercise banks: one YAML file per lesson in ``data/exercises/``, validated with line numbers.

A bank looks like this (every text in both languages)::

    lesson: "00"
    title: {en: Getting started, id: Memulai}
    exercises:
      - id: 00-no-indonesian-keywords
        type: single            # single, multiple, truefalse, categorise, ordering, text, code
        points: 1
        question: {en: ..., id: ...}
        options:
          - {key: a, text: {en: ..., id: ...}, correct: true, feedback: {en: ..., id: ...}}
          - {key: b, text: {en: ..., id: ...}}
        explanation: {en: ..., id: ...}

:func:`check_bank` returns every problem with the file and line; the loaders
raise :class:`~course.errors.BankError` with the same messages. A bank written
by ``python -m course release --mode assessment`` carries ``keys: false``: its
answer keys were removed, and it records answers without checking them.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import hmac
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import BankError, Problem
from ..paths import data_dir
from .bank_check import check_bank, validate
from .bankyaml import Checker, default_key, text_of
from .cache import cached
from .exercises import TYPES, Exercise
from .exercises.single import LETTERS, key_for_letter
from .vocabulary import MODES

__all__ = [
    "KEY_FIELDS",
    "LETTERS",
    "MODES",
    "Bank",
    "bank_paths",
    "check_bank",
    "find_bank",
    "load_bank",
    "option_key_for_letter",
    "secret_order",
    "strip_keys",
]
COMMON_KEY_FIELDS = frozenset({"explanation", "concepts", "use"})  # every type's: they can name the right options


@dataclass(frozen=True)
class Bank:
    """The exercises of one lesson."""

    lesson: str
    title: dict[str, str]
    exercises: tuple[Exercise, ...]
    path: Path
    mode: str = "practice"
    has_keys: bool = True

    def for_mode(self, mode: str) -> Bank:
        """The exercises a release in ``mode`` carries (quiz items only in assessment releases)."""
        return dataclasses.replace(self, exercises=tuple(e for e in self.exercises if e.used_in(mode)))

    def get(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        close = difflib.get_close_matches(exercise_id, [e.id for e in self.exercises], n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise KeyError(f"no exercise '{exercise_id}' in {self.path.name}.{hint}")


def _build(item: dict, has_key: bool) -> Exercise:
    common = {
        "id": item["id"],
        "question": text_of(item["question"]),
        "points": float(item.get("points", 1)),
        "explanation": text_of(item.get("explanation")),
        "concepts": tuple(item.get("concepts") or ()),
        "has_key": has_key,
        "shuffle": bool(item.get("shuffle", True)),
        "use": str(item.get("use", "practice")),
    }
    return TYPES[item["type"]].from_bank(item, common)


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float) -> Bank:
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError):
        text, raw = "", None
    if not _passes_checks(text, raw, path):  # read it again, slowly, to give every problem its line number
        raise BankError(check_bank(path))
    has_keys = raw.get("keys", True) is not False
    return Bank(
        lesson=str(raw["lesson"]),
        title=text_of(raw["title"]),
        exercises=tuple(_build(item, has_keys) for item in raw["exercises"]),
        path=path,
        mode=raw.get("mode", "practice"),
        has_keys=has_keys,
    )


def _passes_checks(text: str, raw: Any, path: Path) -> bool:
    """True if the bank passes every check; a bank text that passed before is not checked again.

    The verdict is kept in the course's cache (:mod:`course.model.cache`), keyed by
    the bank's text and the course's code, schemas included: compiling the bank
    schema costs more than loading the bank.
    """

    def verdict() -> bool:
        checker = Checker(path)
        validate(raw, checker)
        return not checker.problems

    if not text:
        return verdict()
    return bool(cached("bank-checked", hashlib.sha256(text.encode("utf-8")).hexdigest(), verdict))


def load_bank(path: str | Path) -> Bank:
    """Load and validate one bank; raises :class:`BankError` listing every problem."""
    path = Path(path).resolve()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise BankError(Problem(path.name, "file not found", "check the path")) from None
    return _load_cached(path, mtime)


def bank_paths(folder: Path | None = None) -> list[Path]:
    """The bank files of a folder (default: the course's ``data/exercises``)."""
    return sorted((folder or data_dir() / "exercises").glob("*.yml"))


def find_bank(lesson: str, folder: Path | None = None) -> Bank:
    """The bank of ``lesson`` (e.g. ``"00"``): the file whose name starts with ``00-``."""
    for path in bank_paths(folder):
        if path.name.split("-")[0] == lesson:
            return load_bank(path)
    where = folder or data_dir() / "exercises"
    raise BankError(Problem(str(where), f"no exercise bank for lesson '{lesson}'", f"add a file named {lesson}-<topic>.yml"))


def option_key_for_letter(exercise: Exercise, letter: str, order: list[str] | None = None) -> str | None:
    """The master key of the option a student saw as ``letter`` (either case); None for a type without options.

    ``order`` is the option keys in screen order (a release's key file);
    by default the order this exercise shows in a practice copy or a master.
    The conversion is :func:`course.model.exercises.single.key_for_letter`.
    """
    if order is None:
        order = exercise.shown_keys() if exercise.screen_field == "options" else []
    return key_for_letter(letter, order)


KEY_FIELDS = COMMON_KEY_FIELDS | {name for cls in TYPES.values() for name in cls.key_fields}


def secret_order(secret: str, exercise_id: str, keys: list[str]) -> list[str]:
    """The order one release shows ``keys`` in: drawn from the release's secret, which students never get."""
    seed = hmac.new(secret.encode(), exercise_id.encode(), hashlib.sha256).digest()
    order = list(keys)
    random.Random(seed).shuffle(order)
    return order


def strip_keys(
    path: str | Path,
    secret: str,
    mode: str = "assessment",
    earlier_orders: dict[str, dict[str, list[str]]] | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, list[str]]]]:
    """The bank at ``path`` as an assessment release ships it, and the orders that map it back.

    Only the exercises used in ``mode`` are kept. Removed: which options are
    correct, per-answer feedback, explanations, categories of items, rubrics and
    model answers, code solutions and hints, the concepts an exercise trains
    (they can name the right options) and the ``use`` field. Options, ordering
    items and categorise items are stored in the order students see them, drawn
    from the release's ``secret`` (:func:`secret_order`), with ``shuffle:
    false``: nothing shipped, code included, leads back to the authored order.
    Options are renamed to the letters shown on screen (A, B, C ...). The
    second value, ``{exercise id: {"options" or "items": [master keys in screen
    order]}}``, goes only into the lecturer's key file. The bank is marked
    ``mode: assessment`` and ``keys: false``. An exercise found in
    ``earlier_orders`` with the same options keeps that order (an updated
    release must not change what a letter means).
    """
    bank = load_bank(path)
    raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    stripped, orders = [], {}
    for item, exercise in zip(raw["exercises"], bank.exercises, strict=True):
        if not exercise.used_in(mode):
            continue
        clean = _without_keys(item)
        field = exercise.screen_field
        if field:
            entries = {str(entry.get("key", default_key(field, n))): entry for n, entry in enumerate(clean[field], start=1)}
            before = (earlier_orders or {}).get(exercise.id, {}).get(field)
            order = list(before) if before and sorted(before) == sorted(entries) else secret_order(secret, exercise.id, list(entries))
            orders[exercise.id] = {field: order}
            if field == "options":
                clean["options"] = [dict(entries[key], key=LETTERS[n]) for n, key in enumerate(order)]
            else:
                clean[field] = [dict(entries[key], key=key) for key in order]
            clean["shuffle"] = False
        stripped.append(clean)
    return {"lesson": raw["lesson"], "title": raw["title"], "mode": "assessment", "keys": False, "exercises": stripped}, orders


def _without_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_keys(v) for k, v in value.items() if k not in KEY_FIELDS}
    if isinstance(value, list):
        return [_without_keys(v) for v in value]
    return value
