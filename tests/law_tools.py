"""Find places where the course cites a replaced law as if it were current.

``data/revoked-laws.csv`` lists laws that have been revoked or replaced (with
the replacing law, the date and a source). A mention of a listed law is
accepted only when the same sentence names its replacement or says that it was
revoked or replaced; ``tests/content/test_law_currency.py`` runs this over every
notebook (markdown and outputs, both languages), the docs, the glossary, the
concepts file and the exercise banks.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REVOKED_FILE = ROOT / "data" / "revoked-laws.csv"

# How the course writes the kind of a regulation, in both languages.
KINDS = {
    "UU": r"(?:UU|Undang-Undang|Law|Act)",
    "PP": r"(?:PP|Peraturan Pemerintah|Government Regulation)",
    "Perpres": r"(?:Perpres|Peraturan Presiden|Presidential Regulation)",
    "Permendagri": r"(?:Permendagri|Peraturan Menteri Dalam Negeri|Minister of Home Affairs Regulation)",
    "Permendikbud": r"(?:Permendikbud|Peraturan Menteri Pendidikan dan Kebudayaan|Minister of Education and Culture Regulation)",
    "Permendikdasmen": (
        r"(?:Permendikdasmen|Peraturan Menteri Pendidikan Dasar dan Menengah"
        r"|Minister of Primary and Secondary Education Regulation)"
    ),
    "PermenPANRB": (
        r"(?:Permen ?PAN-?RB|Peraturan Menteri PAN-?RB|PermenPAN-RB"
        r"|Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi)"
    ),
}
_SAID_REPLACED = re.compile(
    r"\b(revoked|replaced|repealed|superseded|no longer in force|dicabut|diganti|digantikan|menggantikan|mencabut|tidak berlaku lagi)\b",
    re.I,
)
# A sentence ends at ". X", at a blank line, before a list item, table row or
# heading, and between table cells; a single line break inside a paragraph
# (wrapped markdown) does not end it.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*_\"“(\[])|\n\s*\n|\n(?=\s*(?:[-*+] |\d+\. |\||#))|\s\|\s")


@dataclass(frozen=True)
class RevokedLaw:
    """One row of the list: the law, what replaced it, and the regexes that find both."""

    law: str
    replaced_by: str
    mention: re.Pattern[str]
    replacement: re.Pattern[str]


@dataclass(frozen=True)
class Citation:
    """A sentence that cites a listed law as if it were current."""

    where: str
    law: str
    replaced_by: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.where}: cites {self.law} as current (replaced by {self.replaced_by}): «{self.sentence}»"


def law_pattern(law: str) -> re.Pattern[str]:
    """A regex for every way the course writes ``law`` (e.g. 'UU 5/2014', 'Law No. 5 of 2014', 'UU Nomor 5 Tahun 2014')."""
    kind, number_year = law.split(" ", 1)
    number, year = number_year.split("/")
    prefix = KINDS.get(kind, re.escape(kind))
    return re.compile(
        rf"(?<![\w/]){prefix}(?:\s+Republik\s+Indonesia)?(?:\s+(?:No\.?|Nomor|Number|Nr\.?))?\s*{number}"
        rf"\s*(?:/|\s+Tahun\s+|\s+of\s+|\s+th\.?\s+)\s*{year}(?!\d)",
        re.I,
    )


def number_pattern(law: str) -> re.Pattern[str]:
    """A looser regex for a replacement: its number and year in any of the course's spellings."""
    _, number_year = law.split(" ", 1)
    number, year = number_year.split("/")
    return re.compile(rf"(?<![\w/]){number}\s*(?:/|\s+Tahun\s+|\s+of\s+)\s*{year}(?!\d)", re.I)


def revoked_laws(path: Path = REVOKED_FILE) -> list[RevokedLaw]:
    """The rows of ``data/revoked-laws.csv`` with their regexes."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [RevokedLaw(r["law"], r["replaced_by"], law_pattern(r["law"]), number_pattern(r["replaced_by"])) for r in rows]


def sentences(text: str) -> list[str]:
    """Cut prose into sentences (also at line breaks and between table cells)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def current_citations(text: str, where: str, laws: list[RevokedLaw]) -> list[Citation]:
    """Every sentence of ``text`` that mentions a listed law without naming its replacement or its end."""
    found = []
    for sentence in sentences(text):
        for law in laws:
            if law.mention.search(sentence) and not law.replacement.search(sentence) and not _SAID_REPLACED.search(sentence):
                found.append(Citation(where, law.law, law.replaced_by, " ".join(sentence.split())[:300]))
    return found


def notebook_texts(path: Path) -> list[tuple[str, str]]:
    """``(where, text)`` for each markdown cell and each text output of a notebook (cells counted from 0)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for index, cell in enumerate(notebook["cells"]):
        where = f"{path.parent.name}/{path.name} cell {index}"
        if cell["cell_type"] == "markdown":
            texts.append((where, _joined(cell["source"])))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append((where + " (output)", _joined(output.get("text", ""))))
            for mime in ("text/plain", "text/markdown"):
                if mime in output.get("data", {}):
                    texts.append((where + " (output)", _joined(output["data"][mime])))
    return texts


def file_texts(path: Path) -> list[tuple[str, str]]:
    """``(where, text)`` units of a doc, CSV or YAML file: a CSV row, a YAML string, or a whole markdown file."""
    name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        return [(f"{name} line {n}", line) for n, line in enumerate(raw.splitlines(), start=1)]
    if path.suffix in (".yml", ".yaml"):
        return [(name, text) for text in _strings(yaml.safe_load(raw))]
    return [(name, raw)]


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else str(value)
