"""Load and validate the table of abstracts the lessons work with.

The schema is fixed (see ``COLUMNS``). A lecturer may bring their own CSV; every
problem in it is reported as a :class:`~course.errors.Problem` naming the file,
the spreadsheet row (the header is row 1), the column and the fix.

Decisions worth knowing:

* UTF-8 with or without a byte-order mark is accepted. Commas separate columns;
  a file saved by an Indonesian-locale Excel with semicolons (or a tab-separated
  file) is accepted too when its header is recognised.
* Runs of whitespace inside a field (line breaks, non-breaking spaces) become a
  single space, and fields are trimmed, so texts compare and count cleanly.
* Rows in which every field is empty (Excel often leaves some) are skipped.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, Problem
from ..paths import data_file

COLUMNS = (
    "id",
    "title",
    "authors",
    "keywords_en",
    "keywords_id",
    "abstract_en",
    "abstract_id",
    "source",
)
ID_PATTERN = re.compile(r"[a-z0-9-]+")
_SAVE_AS_CSV = "in Excel use File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'"
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook or another zip file (.xlsx, .ods, .zip)",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF document",
    b"\xff\xfe": "a UTF-16 text file (Excel's 'Unicode Text')",
    b"\xfe\xff": "a UTF-16 text file",
}


def default_corpus_path() -> Path:
    """Return the path of the corpus bundled with the course."""
    return data_file("abstracts.csv")


def load_abstracts(path: str | Path | None = None) -> pd.DataFrame:
    """Load the abstracts table: the bundled corpus, or your own CSV at ``path``.

    Returns a DataFrame with exactly the columns in ``COLUMNS`` (all text;
    unknown fields are empty strings). Raises :class:`CorpusError` listing every
    problem found if the file cannot be used.
    """
    rows, problems = _read_rows(Path(path) if path is not None else default_corpus_path())
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def check_abstracts(path: str | Path) -> list[Problem]:
    """Return every problem in the CSV at ``path`` (an empty list if it is fine)."""
    return _read_rows(Path(path))[1]


def mark_unknown(table: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Return a copy for display in which empty text fields read "(unknown)".

    The data keep unknown fields empty; this only changes what a reader sees, so
    that an empty title is not mistaken for a mistake or a missing piece of work.
    """
    from ..i18n import t

    label = f"({t('unknown', lang)})"
    return table.map(lambda value: label if isinstance(value, str) and not value.strip() else value)


def split_list(field: str) -> list[str]:
    """Split a ``;``-separated field (authors, keywords) into clean items."""
    return [item.strip() for item in str(field).split(";") if item.strip()]


def _read_rows(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    name = path.name
    try:
        text = _read_text(path)
        delimiter, header = _parse_header(text, name)
    except CorpusError as error:
        return [], error.problems
    problems = _header_problems(header, name)
    if problems:
        return [], problems
    return _parse_body(text, delimiter, header, name)


def _read_text(path: Path) -> str:
    name = path.name
    if not path.exists():
        raise CorpusError(Problem(name, f"file not found at {path}", "check the path and the file name"))
    if path.is_dir():
        raise CorpusError(Problem(name, "is a folder, not a CSV file", "give the path of the .csv file"))
    raw = path.read_bytes()
    for signature, kind in _BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise CorpusError(Problem(name, f"is {kind}, not a CSV file", _SAVE_AS_CSV))
    if b"\x00" in raw:
        raise CorpusError(Problem(name, "contains binary data, so it is not a CSV text file", _SAVE_AS_CSV))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(_encoding_problem(name, raw, error)) from None
    if not text.strip():
        raise CorpusError(Problem(name, "is empty", "start the file with the header row: " + ",".join(COLUMNS)))
    return text


def _encoding_problem(name: str, raw: bytes, error: UnicodeDecodeError) -> Problem:
    line = raw[: error.start].count(b"\n") + 1
    byte = raw[error.start : error.start + 1].hex()
    guess = ""
    try:
        raw.decode("cp1252")
        guess = " It looks like Windows-1252, the encoding Excel uses for plain 'CSV (Comma delimited)'."
    except UnicodeDecodeError:
        pass
    return Problem(
        name,
        f"is not UTF-8 text (byte 0x{byte} cannot be read).{guess}",
        _SAVE_AS_CSV + ", or re-save the file as UTF-8 in your text editor",
        line=line,
    )


def _parse_header(text: str, name: str) -> tuple[str, list[str]]:
    first_line = text.splitlines()[0]
    for delimiter in (",", ";", "\t"):
        header = [_clean_name(cell) for cell in next(csv.reader([first_line], delimiter=delimiter))]
        if "id" in header and len(header) > 1:
            return delimiter, header
    raise CorpusError(
        Problem(
            name,
            "the first row is not a header with the expected column names (is this a CSV file?)",
            "make row 1 exactly: " + ",".join(COLUMNS),
            row=1,
        )
    )


def _clean_name(cell: str) -> str:
    return cell.strip().lower()


def _header_problems(header: list[str], name: str) -> list[Problem]:
    problems = []
    for column in sorted({c for c in header if header.count(c) > 1}):
        problems.append(Problem(name, "this column appears twice in the header", "delete one of them", row=1, column=column))
    renamed = set()
    for column in header:
        if column not in COLUMNS:
            missing = [c for c in COLUMNS if c not in header and c not in renamed]
            close = difflib.get_close_matches(column, missing, n=1)
            renamed.update(close)
            hint = f"rename it to '{close[0]}'" if close else "delete it; allowed columns: " + ", ".join(COLUMNS)
            problems.append(Problem(name, "unknown column", hint, row=1, column=column or "(empty)"))
    for column in COLUMNS:
        if column not in header and column not in renamed:
            problems.append(Problem(name, "missing column", "add it to the header (it may stay empty where unknown)", row=1, column=column))
    return problems


def _parse_body(text: str, delimiter: str, header: list[str], name: str) -> tuple[list[dict[str, str]], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    row_number = 0
    try:
        next(reader)  # the header, already checked
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(_width_problem(name, row_number, reader.line_num, len(cells), len(header), delimiter))
                continue
            record = {column: _normalise(cell) for column, cell in zip(header, cells, strict=True)}
            problems.extend(_row_problems(record, row_number, name, seen_ids))
            rows.append({column: record[column] for column in COLUMNS})
    except csv.Error as error:
        problems.append(
            Problem(
                name,
                f"the CSV quoting is broken ({error})",
                'put every field that contains commas, quotes or line breaks in double quotes, and write a quote inside a field as ""',
                row=row_number + 1,
                line=reader.line_num,
            )
        )
    if not rows and not problems:
        problems.append(Problem(name, "has a header but no abstracts", "add one row per abstract below the header"))
    return rows, problems


def _width_problem(name: str, row: int, line: int, found: int, expected: int, delimiter: str) -> Problem:
    sep = {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]
    if found > expected:
        fix = f"a field that contains {sep} must be in double quotes; check the row ending at line {line}"
    else:
        fix = f"add the missing fields (an unknown field stays empty between two {sep})"
    return Problem(name, f"this row has {found} fields but the header has {expected}", fix, row=row)


def _normalise(cell: str) -> str:
    return " ".join(cell.split())


def _row_problems(record: dict[str, str], row: int, name: str, seen_ids: dict[str, int]) -> list[Problem]:
    problems = []
    slug = record["id"]
    if not slug:
        problems.append(Problem(name, "the id is empty", "give every abstract a short unique id such as 'fatmawati'", row=row, column="id"))
    elif not ID_PATTERN.fullmatch(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "abstract-1"
        problems.append(
            Problem(
                name,
                f"'{slug}' is not a valid id",
                f"use only lower-case letters, digits and '-', e.g. '{suggestion}'",
                row=row,
                column="id",
            )
        )
    elif slug in seen_ids:
        problems.append(
            Problem(name, f"the id '{slug}' is already used in row {seen_ids[slug]}", "make every id unique", row=row, column="id")
        )
    else:
        seen_ids[slug] = row
    if not record["authors"]:
        problems.append(
            Problem(name, "no authors given", "list the authors separated by ';' as the source gives them", row=row, column="authors")
        )
    if not record["abstract_en"] and not record["abstract_id"]:
        problems.append(
            Problem(name, "both abstracts are empty", "fill in abstract_en, abstract_id or both", row=row, column="abstract_en")
        )
    for column in ("keywords_en", "keywords_id"):
        if "," in record[column] and ";" not in record[column]:
            problems.append(
                Problem(
                    name,
                    "keywords are separated by commas",
                    "separate keywords with ';', e.g. 'Government; Good Governance'",
                    row=row,
                    column=column,
                )
            )
    return problems


def load_reference(name: str) -> pd.DataFrame:
    """A small reference table from ``data/reference/<name>.csv`` (each row cites its source).

    The lessons use these for facts with sources: governance characteristics,
    indicator definitions, published counts. The error lists the tables there are.
    """
    folder = data_file("reference")
    path = folder / f"{name}.csv"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.csv"))) or "none"
        raise FileNotFoundError(f"no reference table '{name}' in {folder.name}/; available: {known}")
    return pd.read_csv(path, encoding="utf-8", keep_default_na=False)


def labels(name: str, lang: str | None = None) -> pd.Series:
    """The words of a chart in the notebook's language: ``label["title"]`` from ``data/reference/<name>.csv``.

    The file has a column ``key`` and one column per language (``en``, ``id``),
    so the same code cell draws an English chart in the English lesson and an
    Indonesian one in the Indonesian lesson.
    """
    from ..i18n import get_language

    table = load_reference(name)
    language = lang or get_language()
    if "key" not in table.columns or language not in table.columns:
        raise ValueError(f"reference table '{name}' needs the columns key, en and id to give chart labels")
    return table.set_index("key")[language]
