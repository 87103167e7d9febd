"""Explicit schemas for everything read from a student's or a lecturer's file.

The schemas are JSON Schema documents in ``course/model/schemas/`` (data a
lecturer can read); :mod:`fastjsonschema` compiles them into fast validators.
The kernel and the grader apply the same ones, so the kernel refuses what the
grader would refuse:

* ``answers.schema.json``: the shape of an answer, one definition per exercise type;
* ``answer-record.schema.json``: the record a notebook keeps for each exercise;
* ``notebook.schema.json``: the parts of a submitted notebook the grader reads,
  and the course stamp in its metadata;
* ``answer-store.schema.json``: the side store that restores answers;
* ``bank.schema.json``: an exercise bank.

Every check returns ``None`` for a good value or a short English phrase saying
what is wrong (``"answer[2] must be string"``); callers add who and where.
Values are also bounded in depth and size before a schema sees them, so no
value, however nested, can exhaust the stack.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from . import vocabulary

SCHEMAS = Path(__file__).resolve().parent / "schemas"
MAX_DEPTH = 24
MAX_NODES = 60_000
KINDS = vocabulary.KINDS  # answers.schema.json has one definition per kind; each type's answer shape is its expected_shape


class BadNumber:
    """A number the JSON text held but no answer may hold (``NaN``, ``Infinity``, 5,000 digits)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text[:24] + ("…" if len(text) > 24 else "")

    def __repr__(self) -> str:
        return f"<bad number {self.text}>"


def _int(text: str) -> int | BadNumber:
    return int(text) if len(text) <= 40 else BadNumber(text)


def _float(text: str) -> float | BadNumber:
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text)


def loads(text: str | bytes) -> Any:
    """Parse JSON text; numbers no answer may hold become :class:`BadNumber` instead of failing the file.

    Raises ``ValueError`` (``json.JSONDecodeError`` included) or ``RecursionError``
    for text the parser refuses.
    """
    return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=BadNumber)


def load_schema(name: str) -> dict[str, Any]:
    """One schema document from ``course/model/schemas`` (``name`` without ``.schema.json``)."""
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str, definition: str | None = None) -> Callable[[Any], Any]:
    """A compiled validator for a schema document, or for one of its definitions.

    References to definitions that do not refer back to themselves are written
    out in place before compiling: the validator then checks a notebook's
    cells without a function call per cell (the same rules, several times faster).
    """
    schema = load_schema(name)
    definitions = schema.get("definitions", {})
    root = {"$ref": f"#/definitions/{definition}"} if definition is not None else {k: v for k, v in schema.items() if k != "definitions"}
    inlined = _inline(root, definitions, ())
    inlined.update({"$schema": schema["$schema"], "definitions": definitions})
    return fastjsonschema.compile(inlined, handlers={}, use_default=False)


def _inline(node: Any, definitions: dict[str, Any], expanding: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and len(node) == 1:
        target = ref.rsplit("/", 1)[1]
        if target not in expanding and target in definitions:
            return _inline(definitions[target], definitions, (*expanding, target))
        return node
    return {key: _inline(value, definitions, expanding) for key, value in node.items()}


def too_big(value: Any, what: str = "value", max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> str | None:
    """Why ``value`` is too deep or too large to be checked, or None (an iterative walk: no recursion)."""
    stack = [(value, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            return f"{what} is too large (more than {max_nodes:,} parts)"
        if depth > max_depth:
            return f"{what} is nested too deeply (more than {max_depth} levels)"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, BadNumber):
            return f"{what} holds the number {item.text}, which no answer may hold"
    return None


def problem(name: str, value: Any, what: str, definition: str | None = None, bounded: bool = True) -> str | None:
    """None if ``value`` matches the schema (or definition), else one short phrase naming ``what``.

    ``bounded=False`` skips the size walk, for schemas that never descend into
    free-form parts (the notebook's own structure is fixed in depth).
    """
    bound = too_big(value, what) if bounded else None
    if bound:
        return bound
    try:
        validator(name, definition)(value)
    except fastjsonschema.JsonSchemaValueException as error:
        return _phrase(error, what)
    return None


def locate(name: str, value: Any, what: str, definition: str | None = None) -> tuple[list[str], str] | None:
    """Like :func:`problem` (without the size walk), with the path of the first wrong part: (path, phrase)."""
    try:
        validator(name, definition)(value)
    except fastjsonschema.JsonSchemaValueException as error:
        path = [str(part) for part in (error.path or [])[1:]]
        return path, _phrase(error, what)
    return None


def _phrase(error: fastjsonschema.JsonSchemaValueException, what: str) -> str:
    message, name = str(error.message), str(getattr(error, "name", "") or "data")
    rest = message[len(name) + 1 :] if message.startswith(name + " ") else message
    if error.rule in ("anyOf", "oneOf"):
        rest = "has the wrong shape"
    part = name[4:].lstrip(".")
    text = f"{what} at '{part}' {rest}" if part else f"{what} {rest}"
    return text if len(text) <= 200 else text[:200] + "…"


def answer_problem(kind: str, answer: Any) -> str | None:
    """None if ``answer`` has a shape a ``kind`` exercise accepts, else what is wrong."""
    if kind not in KINDS:
        return f"unknown exercise type {kind!r}"
    found = problem("answers", answer, "the answer", kind)
    if found and kind == "code" and isinstance(answer, dict) and answer.get("__kind__") in ("series", "frame", "dict", "nan"):
        return problem("answers", answer, f"the stored {answer['__kind__']}", answer["__kind__"])
    if found or kind != "code":
        return found
    return _table_problem(answer)


def _table_problem(value: Any) -> str | None:
    """The checks a schema cannot express: a Series has as many labels as values, a table's rows fit its columns."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kind = item.get("__kind__")
            if kind == "series" and len(item["index"]) != len(item["values"]):
                return "the answer is a Series whose index and values differ in length"
            if kind == "frame" and (
                len(item["index"]) != len(item["data"]) or any(len(row) != len(item["columns"]) for row in item["data"])
            ):
                return "the answer is a table whose rows do not match its index and columns"
            stack.extend(v for k, v in item.items() if k != "__kind__")
    return None


def record_problem(record: Any) -> str | None:
    """None if an answer record has the record format (its answer's shape is checked separately).

    Only the answer can be nested; every other field is a bounded scalar, so
    only the answer is walked for depth and size.
    """
    found = problem("answer-record", record, "the answer record", bounded=False)
    return found or too_big(record["answer"], "the answer record's answer")


def stamp_problem(stamp: Any) -> str | None:
    """None if a notebook's ``metadata.course`` stamp is well formed."""
    return problem("notebook", stamp, "the course stamp", "stamp", bounded=False)


def notebook_problem(notebook: Any) -> str | None:
    """None if the parts of a notebook the grader reads are well formed (all cells at once: the fast path)."""
    return (
        problem("notebook", notebook, "the notebook", None, bounded=False)
        if isinstance(notebook, dict)
        else "the notebook is not a JSON object"
    )


def cell_problem(cell: Any) -> str | None:
    """None if one cell is well formed."""
    return problem("notebook", cell, "the cell", "cell", bounded=False)


def store_problem(data: Any) -> str | None:
    """None if an answer store file has the store format."""
    return problem("answer-store", data, "the answer store")
