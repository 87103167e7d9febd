"""Checking an exercise bank: every problem with its file, line and fix.

The checks common to every exercise live here; each type adds its own
(:meth:`~course.model.exercises.base.Exercise.check_bank_entry`). Then the bank
schema (``schemas/bank.schema.json``) judges whatever the friendly checks let through.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import schema
from .bankyaml import Checker, Node, read_yaml
from .exercises import TYPES
from .vocabulary import EXERCISE_ID_CHARS, MODES, USES

COMMON_FIELDS = {"id", "type", "points", "question", "explanation", "concepts", "shuffle", "use"}


def validate(raw: Any, checker: Checker) -> None:
    """The checks with friendly, located messages; then the bank schema for whatever they let through."""
    before = len(checker.problems)
    _validate_fields(raw, checker)
    if len(checker.problems) == before and isinstance(raw, dict):
        top = dict(raw, exercises=[{"id": "x", "type": "text", "question": {"en": "x", "id": "x"}}])  # exercises are checked one by one
        _schema_problem(raw, schema.locate("bank", top, "the bank"), checker)


def _schema_problem(node: Any, found: tuple[list[str], str] | None, checker: Checker) -> None:
    """Report what the bank schema (schemas/bank.schema.json) refused, on the line of the part it names."""
    if not found:
        return
    path, phrase = found
    target, key = node, None
    for part in path:
        if isinstance(target, dict) and isinstance(target.get(part), (dict, list)):
            target = target[part]
        elif isinstance(target, list) and part.isdigit() and int(part) < len(target) and isinstance(target[int(part)], (dict, list)):
            target = target[int(part)]
        else:
            key = part
            break
    checker.add(
        target if isinstance(target, Node) else node, key, "", phrase, "see course/model/schemas/bank.schema.json for what each field takes"
    )


def _validate_fields(raw: Any, checker: Checker) -> None:
    if not isinstance(raw, dict):
        checker.add(raw, None, "", "the bank must be a mapping with 'lesson', 'title' and 'exercises'")
        return
    for key in set(raw) - {"lesson", "title", "mode", "keys", "exercises"}:
        checker.add(raw, key, "", f"unknown field '{key}'", "allowed at the top: lesson, title, mode, exercises")
    if not str(raw.get("lesson") or "").strip():
        checker.add(raw, None, "", "'lesson' is missing", 'add e.g. lesson: "00" (in quotes)')
    checker.bilingual(raw, "title", "")
    if raw.get("mode", "practice") not in MODES:
        checker.add(raw, "mode", "", f"unknown mode '{raw.get('mode')}'", "use 'practice' or 'assessment'")
    exercises = raw.get("exercises")
    if not isinstance(exercises, list) or not exercises:
        checker.add(raw, "exercises", "", "'exercises' must be a non-empty list", "add '- id: ...' entries under 'exercises:'")
        return
    with_keys = raw.get("keys", True) is not False
    seen: dict[str, int] = {}
    for index, item in enumerate(exercises, start=1):
        _validate_exercise(item, index, checker, seen, with_keys)


def _validate_exercise(item: Any, index: int, checker: Checker, seen: dict[str, int], with_keys: bool) -> None:
    before = len(checker.problems)
    if not isinstance(item, dict):
        checker.add(item, None, f"exercise {index}: ", "must be a mapping starting with '- id: ...'")
        return
    ex_id = str(item.get("id") or "")
    where = f"exercise '{ex_id}': " if ex_id else f"exercise {index}: "
    if not ex_id:
        checker.add(item, None, where, "'id' is missing", "add e.g. 'id: 00-my-question'")
    elif not EXERCISE_ID_CHARS.fullmatch(ex_id):
        checker.add(item, "id", where, "the id may only use lower-case letters, digits and '-'")
    elif ex_id in seen:
        checker.add(item, "id", where, f"duplicate id (first used on line {seen[ex_id]})", "give every exercise its own id")
    else:
        seen[ex_id] = item.lines.get("id", item.line) if isinstance(item, Node) else 0
    kind = item.get("type")
    if kind not in TYPES:
        close = difflib.get_close_matches(str(kind), list(TYPES), n=1)
        fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(TYPES)
        checker.add(item, "type", where, f"unknown type '{kind}'", fix)
        return
    allowed = COMMON_FIELDS | TYPES[kind].bank_fields
    for key in item:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"a '{kind}' exercise takes: " + ", ".join(sorted(allowed))
            checker.add(item, key, where, f"unknown field '{key}'", fix)
    checker.bilingual(item, "question", where)
    checker.bilingual(item, "explanation", where, required=False)
    points = item.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        checker.add(item, "points", where, "'points' must be a positive number")
    if item.get("use", "practice") not in USES:
        checker.add(item, "use", where, f"unknown use '{item.get('use')}'", "use practice (the default), assessment (quiz items) or both")
    TYPES[kind].check_bank_entry(item, where, checker, with_keys)
    if len(checker.problems) == before:
        _schema_problem(item, schema.locate("bank", item, where.rstrip(": "), "exercise"), checker)


def check_bank(path: str | Path) -> list[Problem]:
    """Every problem in the bank at ``path`` (an empty list if it is fine)."""
    path = Path(path)
    checker = Checker(path)
    raw = read_yaml(path, checker)
    if raw is not None or not checker.problems:
        validate(raw, checker)
    return checker.problems
