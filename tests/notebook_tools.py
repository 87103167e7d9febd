"""Helpers the notebook tests share: finding the masters and reading their cells."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = ("en", "id")


def all_names() -> list[str]:
    """File names of every English master, lessons and quizzes (the Indonesian twins must match them)."""
    return sorted(p.name for p in (NOTEBOOKS / "en").glob("*.ipynb"))


def lesson_names() -> list[str]:
    """File names of the English lesson masters."""
    return [name for name in all_names() if not name.endswith("-quiz.ipynb")]


def quiz_names() -> list[str]:
    """File names of the English quiz masters (``NN-quiz.ipynb``: the assessment-only items)."""
    return [name for name in all_names() if name.endswith("-quiz.ipynb")]


def read(lang: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / lang / name, as_version=4)


def code_sources(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def markdown(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def blockquote_quotes(text: str) -> list[str]:
    """Text in double quotes inside markdown blockquotes (how lessons quote the abstracts)."""
    quoted = []
    block = " ".join(line[1:].strip() for line in text.splitlines() if line.startswith(">"))
    for match in re.findall(r'"([^"]+)"|“([^”]+)”', block):
        quoted.append(match[0] or match[1])
    return quoted
