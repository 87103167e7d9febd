"""A master notebook made a student's: solutions stubbed, text, set-up and exercise cells locked, outputs cleared, the notebook stamped.

Also the practice bank a release ships.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from ..errors import CourseError, Problem
from ..model import values
from ..model.bank import load_bank
from ..words import word

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


LOCKED_TAGS = {"setup", "exercise"}


class ReleaseError(CourseError):
    """A master notebook or bank that cannot be released as it is."""


@dataclass(frozen=True)
class Stamp:
    """What a student notebook records about its release, so a submission can be matched."""

    lesson: str
    language: str
    version: str
    mode: str
    release_id: str

    def as_metadata(self) -> dict[str, str]:
        return {"lesson": self.lesson, "language": self.language, "version": self.version, "mode": self.mode, "release": self.release_id}


def _target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds: ``x`` and ``a, *b`` do; ``table["col"]`` and ``obj.attr`` change an object and bind none."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _assigned_names(code: str) -> list[str]:
    """Names a solution region assigns at its top level, in order (``x = ...``, ``x += ...``)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
        )
        for target in targets:
            for name in _target_names(target):
                if name not in names:
                    names.append(name)
    return names


def stub_comment(lang: str) -> str:
    """The line that takes a solution's place, in the notebook's language: ``# YOUR CODE HERE`` / ``# TULIS KODE ANDA DI SINI``."""
    return word("student.code_here", lang)


def strip_solutions(source: str, where: str, lang: str = "en") -> str | None:
    """The cell's code with solution regions replaced by stubs in ``lang``; None if nothing is left to run."""
    lines = source.splitlines()
    out: list[str] = []
    region: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == BEGIN:
            if region is not None:
                raise ReleaseError(
                    Problem(where, f"line {number}: '{BEGIN}' inside another solution region", f"close the first region with '{END}'")
                )
            region = []
            indent = line[: len(line) - len(line.lstrip())]
        elif marker == END:
            if region is None:
                raise ReleaseError(Problem(where, f"line {number}: '{END}' without '{BEGIN}'", f"add '{BEGIN}' above the solution"))
            out.append(indent + stub_comment(lang))
            out.extend(
                f"{indent}{name} = None" for name in _assigned_names("\n".join(solution_line[len(indent) :] for solution_line in region))
            )
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ReleaseError(Problem(where, f"'{BEGIN}' is never closed", f"add '{END}' after the solution"))
    if not any(kept.strip() and not kept.strip().startswith("#") for kept in out):
        return None
    return "\n".join(out)


def student_notebook(master: Path, stamp: Stamp) -> nbformat.NotebookNode:
    """The student version of one master notebook."""
    nb = nbformat.read(master, as_version=4)
    cells = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            source = strip_solutions(cell.source, f"{master.parent.name}/{master.name}, cell {index}", stamp.language)
            if source is None:
                continue
            cell.source = source
            cell.outputs = []
            cell.execution_count = None
            tags = set(cell.metadata.get("tags", []))
            if tags & LOCKED_TAGS:
                cell.metadata["editable"] = False
                cell.metadata["deletable"] = False
            cell.metadata["tags"] = sorted(tags - {"solution"})
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        elif cell.cell_type == "markdown":  # the lesson's text: a stray key in command mode must not cut or change it
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
        cell.metadata.pop("execution", None)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    nb.metadata["course"] = stamp.as_metadata()
    return nb


def practice_bank(path: Path) -> dict[str, Any]:
    """A bank as a practice release ships it: without quiz items, and values instead of solution code."""
    bank = load_bank(path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = []
    for item, exercise in zip(raw["exercises"], bank.exercises, strict=True):
        if not exercise.used_in("practice"):
            continue
        if "solution" in item:
            item["answer"] = values.to_json(exercise.expected())
            del item["solution"]
        item.pop("use", None)
        kept.append(item)
    raw["exercises"] = kept
    raw["mode"] = "practice"
    return raw
