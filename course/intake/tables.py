"""CSV files made by an LMS or a spreadsheet: read them whatever their encoding, write them back the same way.

A roster, a Moodle grading worksheet or a Canvas gradebook export reaches the
lecturer as UTF-8 (with or without a byte-order mark); once opened and saved
in Excel it may be Windows-1252 or UTF-16, with ``;`` between cells in an
Indonesian locale. :func:`read_table` reads all of these and remembers the
format (:class:`TableFormat`), so that a filled copy can be written back
byte-for-byte in the format the file came in (:func:`write_table`): an LMS's
importer then reads it exactly as it read its own export.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError, Problem

MAX_TABLE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class TableFormat:
    """How a CSV file was written: encoding, byte-order mark, separator and line ends."""

    encoding: str = "utf-8"
    bom: bytes = b""
    delimiter: str = ","
    newline: str = "\r\n"

    @property
    def label(self) -> str:
        name = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}.get(self.encoding, self.encoding)
        return f"{name}, {'semicolons' if self.delimiter == ';' else 'tabs' if self.delimiter == chr(9) else 'commas'}"


@dataclass
class Table:
    """A CSV file as rows of text cells (the header first), with the format it was read in."""

    path: Path
    rows: list[list[str]] = field(default_factory=list)
    format: TableFormat = field(default_factory=TableFormat)
    records: list[tuple[list[str], str]] = field(default_factory=list)  # every record as read: its cells' raw text, its line end
    places: list[int] = field(default_factory=list)  # for each of ``rows``, the record it was read from


def decode(raw: bytes, path: Path, what: str, fix: str) -> tuple[str, TableFormat]:
    """The text of a CSV file and its encoding; a one-line :class:`CourseError` when it is no text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if raw.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            return raw[2:].decode(encoding), TableFormat(encoding, raw[:2])
        except UnicodeDecodeError:
            pass
    else:
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        for encoding in ("utf-8", "cp1252"):
            try:
                return raw[len(bom) :].decode(encoding), TableFormat(encoding, bom)
            except UnicodeDecodeError:
                continue
    raise CourseError(Problem(str(path), f"cannot be read as {what}: it is neither UTF-8, Windows-1252 nor UTF-16 text", fix))


def read_table(path: Path, what: str, fix: str) -> Table:
    """Read a CSV file made by an LMS or a spreadsheet; raises a one-line :class:`CourseError` if it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise CourseError(Problem(str(path), "is not a file" if path.exists() else "does not exist", fix))
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise CourseError(Problem(str(path), f"is too large to be {what} (over {MAX_TABLE_BYTES // 2**20} MB)", fix))
        raw = path.read_bytes()
    except OSError as error:
        raise CourseError(Problem(str(path), f"could not be read ({error.strerror or error})", fix)) from None
    text, fmt = decode(raw, path, what, fix)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = sniff_delimiter(first)
    newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    try:
        records = split_records(text, delimiter)
        values = [[_value(cell, delimiter).strip() for cell in cells] for cells, _ in records]
    except csv.Error as error:
        raise CourseError(Problem(str(path), f"cannot be read as {what}: it is not CSV ({error})", fix)) from None
    places = [n for n, row in enumerate(values) if any(row)]
    if not places:
        raise CourseError(Problem(str(path), f"is empty: it is not {what}", fix))
    return Table(path, [values[n] for n in places], TableFormat(fmt.encoding, fmt.bom, delimiter, newline), records, places)


def split_records(text: str, delimiter: str) -> list[tuple[list[str], str]]:
    """The records of CSV ``text`` as (each cell's raw text, quotes included; the line end after it), as a spreadsheet wrote them.

    Quotes count only at the start of a cell, and ``""`` inside quotes is one
    quote, as Python's and the LMSs' CSV readers have it: joining each record's
    cells with ``delimiter`` and adding its line end gives ``text`` back exactly.
    """
    records: list[tuple[list[str], str]] = []
    cells: list[str] = []
    start = at = 0
    quoted = False
    while at < len(text):
        char = text[at]
        if quoted:
            if char == '"' and text.startswith('""', at):
                at += 2
                continue
            quoted = char != '"'
        elif char == '"' and at == start:
            quoted = True
        elif char == delimiter:
            cells.append(text[start:at])
            start = at + 1
        elif char in "\r\n":
            end = 2 if text.startswith("\r\n", at) else 1
            cells.append(text[start:at])
            records.append((cells, text[at : at + end]))
            cells, start = [], at + end
            at += end
            continue
        at += 1
    if start < len(text) or cells:
        records.append(([*cells, text[start:]], ""))
    return records


def _value(raw: str, delimiter: str) -> str:
    """What a cell holds, read from its raw text as Python's CSV reader reads it."""
    if '"' not in raw:
        return raw
    return next(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter), [""])[0] if raw else ""


def cell_text(value: str, delimiter: str) -> str:
    """``value`` as one CSV cell, quoted only where it must be."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow([value])
    return buffer.getvalue()


def write_edits(table: Table, edits: dict[tuple[int, int], str]) -> bytes:
    """``table`` as it was read, byte for byte, but for the cells in ``edits`` ((row in ``rows``, column) -> new text).

    Every other cell, the quotes around it, the blank lines and the line ends
    stay exactly as the LMS or the spreadsheet wrote them, in the same encoding.
    """
    records = [(list(cells), end) for cells, end in table.records]
    for (row, column), value in edits.items():
        cells = records[table.places[row]][0]
        cells.extend([""] * (column + 1 - len(cells)))
        cells[column] = cell_text(value, table.format.delimiter)
    text = "".join(table.format.delimiter.join(cells) + end for cells, end in records)
    return table.format.bom + text.encode(table.format.encoding, errors="replace")


def sniff_delimiter(line: str) -> str:
    """The separator a spreadsheet used, judged from a header line: ``,``, ``;`` (Excel in an Indonesian locale) or tab."""
    return max([",", ";", "\t"], key=line.count)


def number(text: str) -> float | None:
    """A number as an LMS or a spreadsheet writes it (``100.00`` or ``100,00``), or None for a blank or a word."""
    try:
        return float(text.replace(",", ".")) if text.strip() else None
    except ValueError:
        return None


def write_table(rows: list[list[str]], fmt: TableFormat) -> bytes:
    """``rows`` as CSV bytes in ``fmt``: the same encoding, byte-order mark, separator and line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator=fmt.newline)
    writer.writerows(rows)
    return fmt.bom + buffer.getvalue().encode(fmt.encoding, errors="replace")


def header_index(header: list[str], *names: str) -> int | None:
    """The position of the first column whose name is one of ``names`` (case and spaces ignored)."""
    wanted = [" ".join(n.lower().split()) for n in names]
    cleaned = [" ".join(h.lstrip("\ufeff").lower().split()) for h in header]
    for name in wanted:
        if name in cleaned:
            return cleaned.index(name)
    return None
