"""The lecturer's edits to ``gradebook.csv``: told apart from the grader's own values, kept through every re-grade.

The grader remembers what it wrote in ``.grader-state.json`` beside the
gradebook, written in the same all-or-nothing set as every other result: for
each row, the automatic value of each cell a lecturer may change (``points``
and the exercise columns), the value written, and which cells were the
lecturer's. On the next run a cell of ``gradebook.csv`` is

* the lecturer's when it differs from what the grader wrote (unless it now
  holds the automatic value: then the lecturer handed it back), or when it was
  the lecturer's and still holds the value written;
* the grader's otherwise, and takes this run's automatic value.

A lecturer's cell wins over every new automatic value. When exercise cells are
the lecturer's and ``points`` is not, ``points`` (and ``percent``) become the
sum of the exercise cells. Columns the lecturer added are carried as they are;
the other columns the grader writes (``status``, ``file``, ...) are its own.

**Without a record** (no state file, an unreadable one, or a row the lecturer
typed in herself), a non-empty cell that differs from this run's automatic
value is kept as the lecturer's and reported. That is the safe side: a value
the lecturer typed is never lost, and an old automatic value kept by mistake
is listed in the report beside the new one, so the lecturer sees it and can
type the new value (or delete the row to let the grader write it afresh).
Treating every cell as the grader's would overwrite her grades without a word.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Message

Key = tuple[str, str, str]
STATE_FILE = ".grader-state.json"
STATE_VERSION = 1
POINTS = "points"


@dataclass
class RowRecord:
    """What the grader knows of one gradebook row: its automatic values, what it wrote, and the lecturer's cells."""

    auto: dict[str, Any]
    written: dict[str, Any]
    lecturer: dict[str, Any] = field(default_factory=dict)

    def exercises(self) -> list[str]:
        return [column for column in self.auto if column != POINTS]


@dataclass
class Edits:
    """The state file as read, the lecturer's cells found in the gradebook, and the records to write next."""

    records: dict[Key, RowRecord] = field(default_factory=dict)
    status: str = "new"  # "read", "new" (no state file), or "unreadable"
    xlsx_digest: str = ""
    found: dict[Key, dict[str, Any]] = field(default_factory=dict)  # rows with a record: the lecturer's cells
    deleted: set[Key] = field(default_factory=set)  # rows the grader wrote that the lecturer deleted
    next: dict[Key, RowRecord] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Edits:
        """The state in ``folder``; a missing or unreadable one gives no records (and says which)."""
        path = folder / STATE_FILE
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records, digest = _parse(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(status="unreadable")
        return cls(records, "read", digest)

    def find(self, rows: dict[Key, dict[str, Any]], columns: list[str]) -> None:
        """Tell the lecturer's cells from the grader's in the rows as read (rows with a record only)."""
        for key, record in self.records.items():
            row = rows.get(key)
            if row is None:
                self.deleted.add(key)
                continue
            mine: dict[str, Any] = {}
            for column, written in record.written.items():
                if column not in columns:  # a column the lecturer removed: nothing to keep
                    continue
                value = row.get(column, "")
                if not same(value, written):
                    if not same(value, record.auto.get(column, "")):
                        mine[column] = value
                elif column in record.lecturer:
                    mine[column] = value
            self.found[key] = mine

    def lecturer_cells(self, key: Key, earlier: dict[str, Any] | None, auto: dict[str, Any]) -> dict[str, Any]:
        """The lecturer's cells of a row this run grades again (``auto``: its new automatic values)."""
        if key in self.found:
            return dict(self.found[key])
        if earlier is None or key in self.records:
            return {}
        return {c: earlier[c] for c in auto if _filled(earlier.get(c, "")) and not same(earlier[c], auto[c])}

    def remember(self, key: Key, auto: dict[str, Any], row: dict[str, Any], lecturer: dict[str, Any]) -> None:
        self.next[key] = RowRecord(dict(auto), {column: row.get(column, "") for column in auto}, dict(lecturer))

    def carry(self, key: Key, row: dict[str, Any]) -> None:
        """A row this run does not grade: its lecturer's cells settle it, and its record is kept (if it has one)."""
        record = self.records.get(key)
        if record is None:
            return
        lecturer = self.found.get(key, {})
        settle(row, lecturer, record.exercises())
        self.remember(key, record.auto, row, lecturer)

    def to_json(self, xlsx_digest: str) -> str:
        rows = [
            {"student": key[0], "lesson": key[1], "mode": key[2], "auto": r.auto, "written": r.written, "lecturer": r.lecturer}
            for key, r in sorted(self.next.items())
        ]
        data = {"version": STATE_VERSION, "gradebook_xlsx_sha256": xlsx_digest, "rows": rows}
        return json.dumps(data, indent=1) + "\n"  # ASCII: an id holding a lone surrogate is written as \udXXX, not refused


def settle(row: dict[str, Any], lecturer: dict[str, Any], exercises: list[str]) -> None:
    """Put the lecturer's cells in ``row``; points follow her exercise cells unless she set them too; percent follows."""
    if not lecturer:
        return
    row.update(lecturer)
    if POINTS not in lecturer and any(column in lecturer for column in exercises):
        row[POINTS] = round(sum(number(row.get(column)) or 0.0 for column in exercises), 6)
    points, maximum = number(row.get(POINTS)), number(row.get("max_points"))
    row["percent"] = "" if points is None else round(100 * points / maximum, 1) if maximum else 0.0


def same(a: Any, b: Any) -> bool:
    """Two cells hold the same value: numbers equal to within rounding (Excel keeps 15 digits), text alike trimmed."""
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
    return str("" if a is None else a).strip() == str("" if b is None else b).strip()


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    return None


def kept_notes(edits: Edits, label_of: Any, assignments: set[tuple[str, str]], gradebook: str) -> list[Message]:
    """One report line per cell kept as the lecturer's in the run's assignments, with the automatic value beside it."""
    notes = []
    for key, record in sorted(edits.next.items()):
        if (key[1], key[2]) not in assignments:
            continue
        for column, value in record.lecturer.items():
            notes.append(
                Message(
                    "lecturer_kept",
                    student=key[0],
                    label=label_of(key[1], key[2]),
                    column=column_name(column),
                    value=shown(value),
                    auto=shown(record.auto.get(column, "")),
                    gradebook=gradebook,
                )
            )
    return notes


def column_name(column: str) -> Any:
    return Message("total_points") if column == POINTS else column


def shown(value: Any) -> Any:
    """A cell for a sentence: a number as a number, an empty cell said in words."""
    if number(value) is not None:
        value = float(value)
        return int(value) if value.is_integer() else value
    return str(value) if _filled(value) else Message("empty_cell")


def _filled(value: Any) -> bool:
    return str("" if value is None else value).strip() != ""


def _parse(data: Any) -> tuple[dict[Key, RowRecord], str]:
    """The records of a state file; raises ValueError on anything not as the grader writes it."""
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION or not isinstance(data.get("rows"), list):
        raise ValueError("not a grader state")
    records: dict[Key, RowRecord] = {}
    for entry in data["rows"]:
        key = (entry["student"], entry["lesson"], entry["mode"])
        parts = (entry["auto"], entry["written"], entry["lecturer"])
        if not all(isinstance(part, str) for part in key) or not all(isinstance(part, dict) for part in parts):
            raise ValueError("a row of the wrong shape")
        for part in parts:
            if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in part.values()):
                raise ValueError("a value of the wrong type")
        records[key] = RowRecord(*parts)
    digest = data.get("gradebook_xlsx_sha256", "")
    return records, digest if isinstance(digest, str) else ""
