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
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import BankError, Problem
from ..paths import data_dir
from . import schema
from .cache import cached
from .types import (
    TYPES,
    Categorise,
    Choice,
    Code,
    Criterion,
    Exercise,
    Hint,
    MultipleChoice,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
LANGS = ("en", "id")
COMMON_FIELDS = {"id", "type", "points", "question", "explanation", "concepts", "shuffle", "use"}
USES = ("practice", "assessment", "both")
TYPE_FIELDS = {
    "single": {"options"},
    "multiple": {"options"},
    "truefalse": {"answer"},
    "categorise": {"categories", "items"},
    "ordering": {"items"},
    "text": {"rubric", "min_words", "max_words", "model_answer"},
    "code": {"answer", "solution", "tolerance", "ignore_order", "ignore_index", "hints"},
}
MODES = ("practice", "assessment")


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


class _Node(dict):
    """A mapping that remembers the line of each of its keys."""

    line: int = 0
    lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings remember their line numbers."""


def _construct_node(loader: _LineLoader, node: yaml.MappingNode) -> _Node:
    mapping = _Node(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_node)


class _Checker:
    """Collects problems while walking one bank."""

    def __init__(self, path: Path):
        self.name = path.name
        self.problems: list[Problem] = []

    def add(self, node: Any, key: str | None, where: str, message: str, fix: str = "") -> None:
        line = None
        if isinstance(node, _Node):
            line = node.lines.get(key, node.line) if key else node.line
        self.problems.append(Problem(self.name, f"{where}{message}", fix, line=line))

    def bilingual(self, node: Any, key: str, where: str, required: bool = True) -> None:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            if required:
                self.add(node, key, where, f"'{key}' is missing", f"add '{key}: {{en: ..., id: ...}}'")
            return
        if isinstance(value, str):
            self.add(node, key, where, f"'{key}' has only one language", f"write it as '{key}: {{en: ..., id: ...}}'")
            return
        if not isinstance(value, dict):
            self.add(node, key, where, f"'{key}' must map 'en' and 'id' to texts")
            return
        for lang in LANGS:
            if not str(value.get(lang) or "").strip():
                language = "English" if lang == "en" else "Indonesian"
                self.add(node, key, where, f"missing {language} translation of '{key}'", f"add '{lang}: ...' under '{key}'")
        for extra in sorted(set(value) - set(LANGS), key=str):
            self.add(
                value, extra, where, f"unknown language '{extra}' in '{key}'",
                f"use only 'en' and 'id'; if a text contains a comma, put it in quotes: {key}: {{en: \"a, b\", id: \"...\"}}",
            )


def _read_yaml(path: Path, checker: _Checker) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        checker.add(None, None, "", "file not found", "check the path")
        return None
    except UnicodeDecodeError:
        checker.add(None, None, "", "is not UTF-8 text", "save the file as UTF-8")
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        checker.problems.append(
            Problem(checker.name, f"this is not valid YAML ({problem})", "check the indentation and the quotes around texts with ':'", line=mark.line + 1 if mark else None)
        )
        return None


def _validate(raw: Any, checker: _Checker) -> None:
    """The checks with friendly, located messages; then the bank schema for whatever they let through."""
    before = len(checker.problems)
    _validate_fields(raw, checker)
    if len(checker.problems) == before and isinstance(raw, dict):
        top = dict(raw, exercises=[{"id": "x", "type": "text", "question": {"en": "x", "id": "x"}}])  # exercises are checked one by one
        _schema_problem(raw, schema.locate("bank", top, "the bank"), checker)


def _schema_problem(node: Any, found: tuple[list[str], str] | None, checker: _Checker) -> None:
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
    checker.add(target if isinstance(target, _Node) else node, key, "", phrase, "see course/model/schemas/bank.schema.json for what each field takes")


def _validate_fields(raw: Any, checker: _Checker) -> None:
    if not isinstance(raw, dict):
        checker.add(raw, None, "", "the bank must be a mapping with 'lesson', 'title' and 'exercises'")
        return
    for key in set(raw) - {"lesson", "title", "mode", "keys", "exercises"}:
        checker.add(raw, key, "", f"unknown field '{key}'", "allowed at the top: lesson, title, mode, exercises")
    if not str(raw.get("lesson") or "").strip():
        checker.add(raw, None, "", "'lesson' is missing", "add e.g. lesson: \"00\" (in quotes)")
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


def _validate_exercise(item: Any, index: int, checker: _Checker, seen: dict[str, int], with_keys: bool) -> None:
    before = len(checker.problems)
    if not isinstance(item, dict):
        checker.add(item, None, f"exercise {index}: ", "must be a mapping starting with '- id: ...'")
        return
    ex_id = str(item.get("id") or "")
    where = f"exercise '{ex_id}': " if ex_id else f"exercise {index}: "
    if not ex_id:
        checker.add(item, None, where, "'id' is missing", "add e.g. 'id: 00-my-question'")
    elif not ID_PATTERN.fullmatch(ex_id):
        checker.add(item, "id", where, "the id may only use lower-case letters, digits and '-'")
    elif ex_id in seen:
        checker.add(item, "id", where, f"duplicate id (first used on line {seen[ex_id]})", "give every exercise its own id")
    else:
        seen[ex_id] = item.lines.get("id", item.line) if isinstance(item, _Node) else 0
    kind = item.get("type")
    if kind not in TYPES:
        close = difflib.get_close_matches(str(kind), list(TYPES), n=1)
        fix = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(TYPES)
        checker.add(item, "type", where, f"unknown type '{kind}'", fix)
        return
    allowed = COMMON_FIELDS | TYPE_FIELDS[kind]
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
    VALIDATORS[kind](item, where, checker, with_keys)
    if len(checker.problems) == before:
        _schema_problem(item, schema.locate("bank", item, where.rstrip(": "), "exercise"), checker)


def _choices(item: dict, field: str, where: str, checker: _Checker, minimum: int = 2) -> list[dict]:
    entries = item.get(field)
    if not isinstance(entries, list) or len(entries) < minimum:
        checker.add(item, field, where, f"'{field}' needs at least {minimum} entries")
        return []
    keys: dict[str, int] = {}
    good = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            checker.add(item, field, where, f"entry {number} of '{field}' must be a mapping with 'text: {{en: ..., id: ...}}'")
            continue
        key = str(entry.get("key", _default_key(field, number)))
        if key in keys:
            checker.add(entry, "key", where, f"key '{key}' is used twice in '{field}'", "make every key unique")
        keys[key] = number
        checker.bilingual(entry, "text", where + f"{field} '{key}': ")
        checker.bilingual(entry, "feedback", where + f"{field} '{key}': ", required=False)
        good.append(entry)
    return good


def _default_key(field: str, number: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[number - 1] if field == "options" and number <= 26 else f"{field[0]}{number}"


def _check_single(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    options = _choices(item, "options", where, checker)
    for number, option in enumerate(options, start=1):
        key = str(option.get("key", _default_key("options", number)))
        if with_keys and len(key) == 1 and key.isalpha():
            checker.add(
                option if "key" in option else item, "key" if "key" in option else "options", where,
                f"option key '{key}' is a single letter, which students would take for the letter shown on screen",
                "give every option a descriptive key, e.g. key: civil-society",
            )
    if with_keys and options:
        right = sum(bool(o.get("correct")) for o in options)
        if item["type"] == "single" and right != 1:
            checker.add(item, "options", where, f"a single-choice exercise needs exactly one option with 'correct: true' (found {right})")
        if item["type"] == "multiple" and right < 1:
            checker.add(item, "options", where, "no option is marked 'correct: true'", "mark every right option with 'correct: true'")


def _check_truefalse(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    if with_keys and not isinstance(item.get("answer"), bool):
        checker.add(item, "answer", where, "'answer' must be true or false (without quotes)")


def _check_categorise(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    categories = _choices(item, "categories", where, checker)
    items = _choices(item, "items", where, checker)
    names = {str(c.get("key", _default_key("categories", n))) for n, c in enumerate(categories, start=1)}
    if with_keys:
        for entry in items:
            if entry.get("category") not in names:
                checker.add(entry, "category", where, f"category '{entry.get('category')}' is not among the categories ({', '.join(sorted(names))})", "use one of the category keys")


def _check_ordering(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    _choices(item, "items", where, checker)


def _check_text(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    low, high = item.get("min_words", 0), item.get("max_words", 150)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        checker.add(item, "min_words", where, f"'min_words' ({low}) is more than 'max_words' ({high})", "the question shows both: make min_words at most max_words")
    if not with_keys:
        return
    rubric = item.get("rubric")
    if not isinstance(rubric, list) or not rubric:
        checker.add(item, "rubric", where, "'rubric' needs at least one criterion with 'label' and 'any'")
        return
    for number, criterion in enumerate(rubric, start=1):
        if not isinstance(criterion, dict):
            checker.add(item, "rubric", where, f"criterion {number} must be a mapping")
            continue
        checker.bilingual(criterion, "label", where + f"criterion {number}: ")
        checker.bilingual(criterion, "hint", where + f"criterion {number}: ", required=False)
        phrases = criterion.get("any")
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases or [None]):
            checker.add(criterion, "any", where, f"criterion {number}: 'any' must list the accepted words (English and Indonesian)")
    checker.bilingual(item, "model_answer", where, required=False)


def _check_code(item: dict, where: str, checker: _Checker, with_keys: bool) -> None:
    if not with_keys:
        return
    if ("answer" in item) == ("solution" in item):
        checker.add(item, None, where, "a code exercise needs either 'answer' (a value) or 'solution' (an expression), not both")
    if "solution" in item:
        try:
            compile(str(item["solution"]), "<solution>", "eval")
        except SyntaxError as error:
            checker.add(item, "solution", where, f"the solution is not a valid Python expression ({error.msg})")
    for number, hint in enumerate(item.get("hints") or [], start=1):
        if not isinstance(hint, dict) or "when" not in hint:
            checker.add(item, "hints", where, f"hint {number} needs 'when' (a common wrong value) and 'message'")
            continue
        checker.bilingual(hint, "message", where + f"hint {number}: ")


VALIDATORS = {
    "single": _check_single,
    "multiple": _check_single,
    "truefalse": _check_truefalse,
    "categorise": _check_categorise,
    "ordering": _check_ordering,
    "text": _check_text,
    "code": _check_code,
}


def check_bank(path: str | Path) -> list[Problem]:
    """Every problem in the bank at ``path`` (an empty list if it is fine)."""
    path = Path(path)
    checker = _Checker(path)
    raw = _read_yaml(path, checker)
    if raw is not None or not checker.problems:
        _validate(raw, checker)
    return checker.problems


def _text(value: Any) -> dict[str, str]:
    return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _choice_list(entries: list[dict], field: str) -> tuple[Choice, ...]:
    return tuple(
        Choice(
            key=str(e.get("key", _default_key(field, n))),
            text=_text(e.get("text")),
            feedback=_text(e.get("feedback")),
            correct=e.get("correct"),
            category=e.get("category"),
        )
        for n, e in enumerate(entries, start=1)
    )


def _build(item: dict, has_key: bool) -> Exercise:
    common = dict(
        id=item["id"],
        question=_text(item["question"]),
        points=float(item.get("points", 1)),
        explanation=_text(item.get("explanation")),
        concepts=tuple(item.get("concepts") or ()),
        has_key=has_key,
        shuffle=bool(item.get("shuffle", True)),
        use=str(item.get("use", "practice")),
    )
    kind = item["type"]
    if kind in ("single", "multiple"):
        cls = SingleChoice if kind == "single" else MultipleChoice
        return cls(**common, options=_choice_list(item["options"], "options"))
    if kind == "truefalse":
        return TrueFalse(**common, answer=item.get("answer"))
    if kind == "categorise":
        return Categorise(**common, categories=_choice_list(item["categories"], "categories"), items=_choice_list(item["items"], "items"))
    if kind == "ordering":
        return Ordering(**common, items=_choice_list(item["items"], "items"))
    if kind == "text":
        rubric = tuple(
            Criterion(label=_text(c["label"]), any=tuple(c["any"]), points=float(c.get("points", 1)), hint=_text(c.get("hint")))
            for c in item.get("rubric") or []
        )
        return ShortText(
            **common, rubric=rubric, min_words=int(item.get("min_words", 0)), max_words=int(item.get("max_words", 150)), model_answer=_text(item.get("model_answer"))
        )
    hints = tuple(Hint(when=h["when"], message=_text(h["message"])) for h in item.get("hints") or [])
    return Code(
        **common,
        answer=item.get("answer"),
        solution=item.get("solution"),
        tolerance=float(item.get("tolerance", 1e-6)),
        ignore_order=bool(item.get("ignore_order", False)),
        ignore_index=bool(item.get("ignore_index", False)),
        hints=hints,
    )


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
        title=_text(raw["title"]),
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
        checker = _Checker(path)
        _validate(raw, checker)
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


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def option_key_for_letter(exercise: Exercise, letter: str, order: list[str] | None = None) -> str | None:
    """The master key of the option a student saw as ``letter``.

    ``order`` is the option keys in screen order (a release's key file);
    by default the order this exercise shows in a practice copy or a master.
    """
    if order is None:
        order = [o.key for o in exercise.display_order()] if isinstance(exercise, SingleChoice) else []
    index = LETTERS.find(letter) if isinstance(letter, str) and len(letter) == 1 else -1
    return order[index] if 0 <= index < len(order) else None


KEY_FIELDS = {
    "correct", "feedback", "category", "explanation", "rubric", "model_answer", "answer", "solution", "hints",
    "tolerance", "ignore_order", "ignore_index", "concepts", "use",
}


def secret_order(secret: str, exercise_id: str, keys: list[str]) -> list[str]:
    """The order one release shows ``keys`` in: drawn from the release's secret, which students never get."""
    seed = hmac.new(secret.encode(), exercise_id.encode(), hashlib.sha256).digest()
    order = list(keys)
    random.Random(seed).shuffle(order)
    return order


def strip_keys(
    path: str | Path, secret: str, mode: str = "assessment", earlier_orders: dict[str, dict[str, list[str]]] | None = None,
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
    for item, exercise in zip(raw["exercises"], bank.exercises):
        if not exercise.used_in(mode):
            continue
        clean = _without_keys(item)
        field = "options" if isinstance(exercise, SingleChoice) else "items" if isinstance(exercise, (Ordering, Categorise)) else None
        if field:
            entries = {str(entry.get("key", _default_key(field, n))): entry for n, entry in enumerate(clean[field], start=1)}
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
