"""Find English words from ``data/english-leaks.csv`` in what Indonesian students see.

Used by ``tests/content/test_language_leaks.py``. Only outputs are scanned (``stream``,
``text/plain``, ``text/html`` of display and result outputs); error tracebacks
are code, not prose, and are skipped, and so are Python literals (``True``,
``False``, ``None``), which are never on the list. Code spans (backticks in
text, ``<code>`` in HTML) are code, not labels, and are skipped too. Matching is
case-sensitive: the list holds identifiers and labels exactly as they leak
(``transparency``, ``green_share``), so a capitalised word of an English
keyword column or of a bilingual name table is not taken for one. A row's
``allowed_in`` regex names the contexts in which the word is Indonesian
(``target kinerja``), where it is not a leak.
"""

from __future__ import annotations

import csv
import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LEAKS_FILE = ROOT / "data" / "english-leaks.csv"
_TAG = re.compile(r"<(script|style|code)\b.*?</\1>|<[^>]+>", re.S | re.I)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class Leak:
    """One known leak word seen in one output of one cell."""

    notebook: str
    cell: int
    word: str
    context: str

    def __str__(self) -> str:
        return f"{self.notebook} cell {self.cell}: '{self.word}' in «{self.context}»"


def leak_words(path: Path = LEAKS_FILE) -> dict[str, str]:
    """The words of the leak list (column ``word``), each with its ``allowed_in`` regex ('' for none)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["word"].strip(): (row.get("allowed_in") or "").strip() for row in rows if row["word"].strip()}


def output_texts(cell: nbformat.NotebookNode) -> list[str]:
    """The texts a student sees in a cell's outputs (HTML reduced to its text)."""
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(output.get("text", ""))
        elif output.get("output_type") in ("display_data", "execute_result"):
            data = output.get("data", {})
            if "text/plain" in data:
                texts.append(_CODE_SPAN.sub(" ", _joined(data["text/plain"])))
            if "text/html" in data:
                texts.append(html.unescape(_TAG.sub(" ", _joined(data["text/html"]))))
    return texts


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def pattern(words: list[str]) -> re.Pattern[str]:
    """One case-sensitive regex that finds any of ``words`` as a whole word (``_`` and ``-`` join words)."""
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


def leaks_in_text(text: str, words: dict[str, str]) -> list[tuple[str, str]]:
    """``(word, context)`` for every leak word in ``text`` outside its allowed contexts."""
    found = []
    for match in pattern(list(words)).finditer(text):
        word = match.group(1)
        start, end = max(match.start() - 40, 0), match.end() + 40
        context = " ".join(text[start:end].split())
        allowed = words.get(word, "")
        if allowed and re.search(allowed, context):
            continue
        found.append((word, context))
    return found


@functools.lru_cache(maxsize=1)
def english_sources() -> tuple[str, ...]:
    """The English abstracts: a lesson may print one on purpose, beside its Indonesian original."""
    import csv

    with open(ROOT / "data" / "abstracts.csv", encoding="utf-8") as stream:
        return tuple(row["abstract_en"].strip() for row in csv.DictReader(stream) if row.get("abstract_en", "").strip())


def find_leaks(path: Path, words: dict[str, str]) -> list[Leak]:
    """Every leak word in the outputs of the notebook at ``path``, with the cell number (from 0)."""
    notebook = nbformat.read(path, as_version=4)
    sources = english_sources()
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for text in output_texts(cell):
            for source in sources:  # the source text itself is quoted, not labelled
                text = text.replace(source, " ")
            found.extend(Leak(path.name, index, word, context) for word, context in leaks_in_text(text, words))
    return found
