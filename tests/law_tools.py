"""Find the regulations the course cites and check them against the claims ledger.

``data/claims.csv`` is the course's one ledger of facts: every regulation, official
figure and dated fact the lessons state, with its primary source, the kind of source
that was actually read, its status and the date it was checked (it replaced the old
``data/revoked-laws.csv``). Regulation rows carry a key in the ``law`` column
("UU 25/2009", "PermenPANRB 14/2014", "Peraturan Ombudsman 61/2025") and, when the
regulation was revoked or replaced, the key of what replaced it in ``replaced_by``.

Two checks use this module (``tests/content/test_claims_ledger.py``):

- :func:`find_citations` finds every regulation cited in a text, in both languages
  and the course's usual spellings ("UU No. 25 Tahun 2009", "Law 25/2009",
  "Undang-Undang Nomor 25 Tahun 2009", "*PermenPANRB* No. 3/2023"), including the
  short forms of a list ("Nomor 9 Tahun 2011 ..., Nomor 1 Tahun 2012", "9/2011 ...;
  37/2013"), which take the kind of the citation before them in the same sentence;
  each must have a row in the ledger.
- :func:`current_citations` finds a sentence that mentions a replaced or revoked
  regulation without naming its replacement or saying that it was replaced,
  revoked or amended (the sentence rule of issue 13).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_FILE = ROOT / "data" / "claims.csv"

# How the course writes the kind of a regulation, in both languages. The key is the
# kind as the ledger writes it ("UU 25/2009"); a kind may hold a space
# ("Peraturan Ombudsman 61/2025"), the number/year never does.
KINDS = {
    "UU": r"(?:UU|Undang-Undang|Undang-undang|Law)",
    "Perppu": r"(?:Perppu|Peraturan Pemerintah Pengganti Undang-Undang)",
    "PP": r"(?:PP|Peraturan Pemerintah|Government Regulation)",
    "Perpres": r"(?:Perpres|Peraturan Presiden|Presidential Regulation)",
    "Keppres": r"(?:Keppres|Keputusan Presiden|Presidential Decree)",
    "Inpres": r"(?:Inpres|Instruksi Presiden|Presidential Instruction)",
    "Permendagri": r"(?:Permendagri|Peraturan Menteri Dalam Negeri|Minister of Home Affairs Regulation)",
    "Kepmendagri": r"(?:Kepmendagri|Keputusan Menteri Dalam Negeri|Minister of Home Affairs Decree)",
    "Permendikbud": (r"(?:Permendikbud|Peraturan Menteri Pendidikan dan Kebudayaan|Minister of Education and Culture Regulation)"),
    "Permendikdasmen": (
        r"(?:Permendikdasmen|Peraturan Menteri Pendidikan Dasar dan Menengah"
        r"|Minister of Primary and Secondary Education Regulation)"
    ),
    "PermenPANRB": (
        r"(?:Permen ?PAN-? ?RB|Peraturan Menteri PAN-? ?RB|Peraturan MenPAN-? ?RB"
        r"|Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
        r"|Minister (?:for|of) (?:State Apparatus Empowerment and Bureaucratic Reform|Administrative Reform) Regulation)"
    ),
    "KepmenPANRB": (
        r"(?:Kep ?Men ?PAN-? ?RB|Keputusan Menteri PAN-? ?RB|Keputusan MenPAN-? ?RB"
        r"|Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
        r"|Minister (?:for|of) (?:State Apparatus Empowerment and Bureaucratic Reform|Administrative Reform) Decree)"
    ),
    "SE MenPANRB": r"(?:SE ?Men ?PAN-? ?RB|Surat Edaran Menteri PAN-? ?RB|Circular of the Minister (?:for|of) Administrative Reform)",
    "SE Mendagri": r"(?:SE ?Mendagri|Surat Edaran Menteri Dalam Negeri|Circular of the Minister of Home Affairs)",
    "Permen PPN": r"(?:Permen ?PPN|Peraturan Menteri PPN(?:/Kepala Bappenas|/Bappenas)?)",
    "Peraturan Ombudsman": r"(?:Peraturan Ombudsman(?: RI| Republik Indonesia)?|Ombudsman Regulation)",
    "Perwali Surakarta": r"(?:Perwali Surakarta|Peraturan Walikota Surakarta|Peraturan Wali Kota Surakarta)",
}
_NUMBER = (
    r"(?:No\.?|Nomor|Number|Nr\.?)?\s*(?P<number>\d{1,3})\s*"
    r"(?:/|\s+Tahun\s+|\s+tahun\s+|\s+of\s+|\s+th\.?\s+)\s*(?P<year>(?:19|20)\d\d)(?![\d/])"
)
_KIND_NAMES = sorted(KINDS, key=len, reverse=True)
# A kind, an optional "Republik Indonesia", markdown emphasis or a closing parenthesis
# ("Permendikdasmen) No. 3 of 2025", "*PermenPANRB* No. 3/2023"), then number and year.
CITATION = re.compile(
    r"(?<![\w/-])(?:"
    + "|".join(f"(?P<k{i}>{KINDS[name]})" for i, name in enumerate(_KIND_NAMES))
    + r")(?:\s+Republik\s+Indonesia|\s+RI)?[*_]*\)?[*_]*\s*"
    + _NUMBER,
    re.I,
)
# The short form of a list item: "Nomor 1 Tahun 2012", "No. 3/2023", "37/2013".
SHORT = re.compile(
    r"(?<![\w/.,-])(?:(?:No\.?|Nomor|Number)\s*(?P<number>\d{1,3})\s*(?:/|\s+Tahun\s+|\s+of\s+)\s*(?P<year>(?:19|20)\d\d)"
    r"|(?P<number2>\d{1,3})/(?P<year2>(?:19|20)\d\d))(?![\d/])",
    re.I,
)

_SAID_REPLACED = re.compile(
    r"\b(revoked|replaced|repealed|superseded|amended|no longer in force|dicabut|diganti|digantikan|menggantikan"
    r"|mencabut|diubah|tidak berlaku lagi)\b",
    re.I,
)
# A sentence ends at ". X", at a blank line, before a list item, table row or
# heading, and between table cells; a single line break inside a paragraph
# (wrapped markdown) does not end it.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*_\"“(\[])|\n\s*\n|\n(?=\s*(?:[-*+] |\d+\. |\||#))|\s\|\s")


@dataclass(frozen=True)
class Claim:
    """One row of the ledger."""

    id: str
    kind: str
    claim: str
    law: str
    replaced_by: str
    used_in: str
    source_url: str
    source: str
    source_type: str
    status: str
    checked: str
    notes: str


@dataclass(frozen=True)
class Found:
    """A regulation cited somewhere: its ledger key and the sentence that cites it."""

    where: str
    law: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.where}: {self.law} is not in data/claims.csv: «{self.sentence}»"


@dataclass(frozen=True)
class RevokedLaw:
    """A ledger row whose regulation was replaced or revoked, with the regexes that find it and its replacement."""

    law: str
    replaced_by: str
    mention: re.Pattern[str]
    replacement: re.Pattern[str]


@dataclass(frozen=True)
class Citation:
    """A sentence that cites a replaced regulation as if it were current."""

    where: str
    law: str
    replaced_by: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.where}: cites {self.law} as current (replaced by {self.replaced_by}): «{self.sentence}»"


def claims(path: Path = CLAIMS_FILE) -> list[Claim]:
    """The rows of the ledger."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [Claim(**{field: row.get(field, "") or "" for field in Claim.__dataclass_fields__}) for row in csv.DictReader(handle)]


def split_law(law: str) -> tuple[str, str, str]:
    """``("PermenPANRB", "14", "2014")`` for ``"PermenPANRB 14/2014"``."""
    kind, number_year = law.rsplit(" ", 1)
    number, year = number_year.split("/")
    return kind, number, year


def law_pattern(law: str) -> re.Pattern[str]:
    """A regex for every way the course writes ``law`` (e.g. 'UU 5/2014', 'Law No. 5 of 2014', 'UU Nomor 5 Tahun 2014')."""
    kind, number, year = split_law(law)
    prefix = KINDS.get(kind, re.escape(kind))
    return re.compile(
        rf"(?<![\w/]){prefix}(?:\s+Republik\s+Indonesia)?[*_]*\)?[*_]*(?:\s+(?:No\.?|Nomor|Number|Nr\.?))?\s*{number}"
        rf"\s*(?:/|\s+Tahun\s+|\s+of\s+|\s+th\.?\s+)\s*{year}(?!\d)",
        re.I,
    )


def number_pattern(law: str) -> re.Pattern[str]:
    """A looser regex for a replacement: its number and year in any of the course's spellings."""
    _, number, year = split_law(law)
    return re.compile(rf"(?<![\w/]){number}\s*(?:/|\s+Tahun\s+|\s+of\s+)\s*{year}(?!\d)", re.I)


def revoked_laws(path: Path = CLAIMS_FILE) -> list[RevokedLaw]:
    """The ledger's regulations that were replaced or revoked, with their regexes."""
    return [
        RevokedLaw(row.law, row.replaced_by, law_pattern(row.law), number_pattern(row.replaced_by))
        for row in claims(path)
        if row.kind == "regulation" and row.replaced_by.strip()
    ]


def sentences(text: str) -> list[str]:
    """Cut prose into sentences (also at line breaks and between table cells)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def citations_in(sentence: str) -> list[str]:
    """The ledger keys of the regulations one sentence cites, in order ("UU 25/2009", ...)."""
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for match in CITATION.finditer(sentence):
        kind = next(_KIND_NAMES[int(name[1:])] for name, value in match.groupdict().items() if name.startswith("k") and value)
        found.append((match.start(), f"{kind} {int(match['number'])}/{match['year']}"))
        spans.append(match.span())
    if found:
        # Short forms after the first full citation take the kind of the citation before them.
        for match in SHORT.finditer(sentence):
            if any(start <= match.start() < end for start, end in spans) or match.start() < spans[0][0]:
                continue
            kind = [law for start, law in found if start < match.start()][-1].rsplit(" ", 1)[0]
            number, year = match["number"] or match["number2"], match["year"] or match["year2"]
            found.append((match.start(), f"{kind} {int(number)}/{year}"))
    return [law for _, law in sorted(found)]


def find_citations(text: str, where: str) -> list[Found]:
    """Every regulation cited in ``text``, one :class:`Found` per citation."""
    return [Found(where, law, " ".join(sentence.split())[:300]) for sentence in sentences(text) for law in citations_in(sentence)]


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
