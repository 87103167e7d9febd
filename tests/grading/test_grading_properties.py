"""Property-based tests: real answered submissions, mutated every way hypothesis can think of, never break grading.

Each example grades a folder holding two untouched notebooks (answered in a
real kernel by the ``lesson03`` fixture) and one mutated copy. Whatever the
mutation, ``grade`` must not raise, both untouched students keep exactly
their points, every report line stays one line, and a mutation that makes
something unreadable or untrustworthy gets at least one report line for the
mutated file.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from submission_tools import put, records

from course.grading.run import grade
from course.model import schema
from course.model.bank import find_bank
from course.model.record import sign

LESSON = "03-bureaucratic-reform.ipynb"
BANK = find_bank("03")
KINDS = {e.id: e.kind for e in BANK.exercises}
RECORD_FIELDS = ["format", "lesson", "exercise", "type", "mode", "answer", "attempts", "digest"]
STAMP_FIELDS = ["lesson", "language", "mode", "version", "release", "extra"]
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=10
)
answers = json_values | st.sampled_from(
    [
        "same-copy",
        "A",
        ["process"],
        ["x", "x"],
        {"integrity-pact": "value"},
        {"__kind__": "series"},
        {"__kind__": "frame", "columns": [], "index": [1], "data": []},
        {"__kind__": "series", "index": [1, 2], "values": [1]},
        "x" * 25_000,
        json.loads("[" * 40 + "]" * 40),
        True,
        4,
        None,
    ]
)


@pytest.fixture(scope="module")
def base(lesson03):
    """The untouched notebooks and their points."""
    with tempfile.TemporaryDirectory() as folder:
        subs = Path(folder) / "subs"
        put(subs, "2001_" + LESSON, lesson03.right)
        put(subs, "2002_" + LESSON, lesson03.partial)
        grade(subs, Path(folder) / "out", show_progress=False)
        points = {r["student"]: r["points"] for r in _rows(Path(folder) / "out")}
    return lesson03, points


def _rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))


def grade_with(base, name: str, content) -> tuple[dict[str, dict[str, str]], list[str], Path]:
    """Grade the two untouched notebooks and one more file; check what must always hold."""
    lesson03, points = base
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    subs, out = folder / "subs", folder / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2002_" + LESSON, lesson03.partial)
    put(subs, name, content)
    run = grade(subs, out, lesson="03", show_progress=False)
    table = {r["student"]: r for r in _rows(out)}
    assert table["2001"]["points"] == points["2001"] and table["2002"]["points"] == points["2002"], "an untouched student's score changed"
    for line in run.report:
        assert not any(ch in line for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), line
    return table, run.report, out


def mine(report: list[str], name: str = "2003_") -> list[str]:
    return [line for line in report if line.startswith(name)]


@EXAMPLES
@given(exercise=st.sampled_from(sorted(KINDS)), answer=answers, resign=st.booleans(), every_copy=st.booleans())
def test_any_answer_in_a_record(base, exercise, answer, resign, every_copy):
    nb = copy.deepcopy(base[0].right)
    found = records(nb, exercise)
    assume(found)
    changed = found if every_copy else found[-1:]
    for record in changed:
        record["answer"] = answer
        if resign:
            if schema.too_big(answer) is None:
                sign(record)
            else:
                record["digest"] = "0" * 24
    _, report, _ = grade_with(base, "2003_" + LESSON, nb)
    original = records(base[0].right, exercise)[-1]["answer"]
    suspicious = not resign or schema.answer_problem(KINDS[exercise], answer) is not None
    if answer != original and suspicious:
        assert [line for line in mine(report) if exercise in line], (exercise, answer, report)


@EXAMPLES
@given(exercise=st.sampled_from(sorted(KINDS)), field=st.sampled_from([*RECORD_FIELDS, "extra", None]), value=json_values)
def test_any_field_of_a_record(base, exercise, field, value):
    nb = copy.deepcopy(base[0].right)
    found = records(nb, exercise)
    assume(found)
    for record in found:
        if field is None:
            record.clear()
            record["exercise"] = exercise
        elif value is None and field not in ("answer", "extra"):
            record.pop(field, None)
        else:
            assume(record.get(field) != value)
            record[field] = value
    _, report, _ = grade_with(base, "2003_" + LESSON, nb)
    assert mine(report), "a changed record is noticed"


@EXAMPLES
@given(field=st.sampled_from(STAMP_FIELDS), value=json_values)
def test_any_course_stamp(base, field, value):
    nb = copy.deepcopy(base[0].right)
    stamp = nb["metadata"]["course"]
    assume(stamp.get(field) != value)
    stamp[field] = value
    _table, report, out = grade_with(base, "2003_" + LESSON, nb)
    if schema.stamp_problem(stamp) is not None or (field == "lesson" and value != "03"):
        assert mine(report), (field, value)
    page = next((out / "feedback" / "03").glob("2003*.html")).read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') or page.startswith('<!DOCTYPE html>\n<html lang="id">')


@EXAMPLES
@given(
    index=st.integers(min_value=0, max_value=400),
    key=st.sampled_from(["outputs", "source", "cell_type", "metadata", None]),
    value=json_values,
)
def test_any_cell(base, index, key, value):
    nb = copy.deepcopy(base[0].right)
    index %= len(nb["cells"])
    cell = nb["cells"][index]
    if key is None:
        nb["cells"][index] = value
    else:
        assume(cell.get(key) != value)
        cell[key] = value
    _, report, _ = grade_with(base, "2003_" + LESSON, nb)
    if schema.cell_problem(nb["cells"][index]) is not None:
        assert [line for line in mine(report) if f"cell {index + 1}" in line], (key, value, report)


@EXAMPLES
@given(key=st.sampled_from(["cells", "nbformat", "metadata"]), value=json_values | st.just(None))
def test_any_top_level(base, key, value):
    nb = copy.deepcopy(base[0].right)
    if value is None:
        nb.pop(key)
    else:
        assume(nb[key] != value)
        nb[key] = value
    table, report, _ = grade_with(base, "2003_" + LESSON, nb)
    if key != "metadata":
        assert mine(report) and table["2003"]["status"] in ("not readable", "graded with notes"), (key, value)


@EXAMPLES
@given(cut=st.floats(min_value=0.0, max_value=0.9999), junk=st.binary(max_size=40), mode=st.sampled_from(["truncate", "insert", "replace"]))
def test_any_bytes(base, cut, junk, mode):
    raw = json.dumps(base[0].right, indent=1).encode()
    at = int(len(raw) * cut)
    if mode == "truncate":
        data = raw[:at]
    elif mode == "insert":
        data = raw[:at] + junk + raw[at:]
    else:
        data = raw[:at] + junk + raw[at + len(junk) :]
    assume(data != raw)
    table, report, _ = grade_with(base, "2003_" + LESSON, data)
    if mode == "truncate":
        assert mine(report) and table["2003"]["status"] == ("empty file" if not data.strip() else "not readable")


names = st.text(
    st.sampled_from(list("\n\r\t\x0b\x1b\x85\u2028\u202e=+-@ "))
    | st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00_"),
    min_size=1,
    max_size=30,
)


@EXAMPLES
@given(name=names, readable=st.booleans())
def test_any_file_name(base, name, readable):
    assume(name not in (".", "..") and name.strip() not in ("2001", "2002") and " - " not in name and not name.startswith("._"))
    content = base[0].right if readable else json.dumps(base[0].right)[:500]
    table, report, out = grade_with(base, f"{name}_{LESSON}", content)
    if not readable:
        assert len([line for line in report if "is cut off" in line]) == 1, report
    for csv_name in ("gradebook.csv", "gradebook-canvas.csv"):
        for cells in csv.reader(io.StringIO((out / csv_name).read_text(encoding="utf-8-sig"))):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    assert len(list((out / "feedback" / "03").iterdir())) == len(table)
