"""Properties of the LMS layer under mutation: ZIP entry names, worksheets, exports and rosters.

Whatever an archive's entry names are, reading it writes nothing to disk and
names only paths inside it; whatever bytes a lecturer's worksheet, export or class list holds,
reading it either works or stops with a one-line :class:`CourseError`, and a
readable file always gives a filled copy with the same number of rows.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.errors import CourseError
from course.intake.archive import close_downloads, list_download
from course.intake.layouts import Identity
from course.intake.roster import read_roster
from course.intake.submissions import Submission
from course.lms import Outcome, canvas, moodle

segments = st.one_of(
    st.sampled_from(["..", ".", "", "/", "\\", "C:", "~", "__MACOSX", "._x.ipynb", "a.ipynb", "release.json", "x.zip"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12),
)
entry_names = st.lists(segments, min_size=1, max_size=5).map(lambda parts: "/".join(parts))

WORKSHEET = (
    b"Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,Last modified (submission),"
    b"Last modified (grade),Feedback comments\n"
    b'Participant 1234567,Ani Lestari,ani@univ.ac.id,Submitted for grading,,100.00,Yes,"Monday, 23 November 2026, 9:15 AM",-,\n'
    b"Participant 1234568,Budi Santoso,budi@univ.ac.id,Submitted for grading - 1 day late,,100.00,Yes,-,-,\n"
)
EXPORT = (
    "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Lesson 03 (4711),Current Score\n"
    "    Points Possible,,,,,100,(read only)\n"
    '"Lestari, Ani",501,2201001,s501,A,,\n'
).encode("utf-8")
ROSTER = "NIM;Nama;Email\n2201001;Ani Lestari;ani@univ.ac.id\n2201002;Budi Santoso;budi@univ.ac.id\n".encode("cp1252")


def mutations(original: bytes):
    """Real files with bytes replaced, inserted, deleted or cut off."""
    return st.one_of(
        st.tuples(st.integers(0, len(original)), st.binary(min_size=1, max_size=8)).map(
            lambda t: original[: t[0]] + t[1] + original[t[0] :]
        ),
        st.tuples(st.integers(0, len(original)), st.integers(1, 20)).map(lambda t: original[: t[0]] + original[t[0] + t[1] :]),
        st.integers(0, len(original)).map(lambda n: original[:n]),
        st.tuples(st.integers(0, max(len(original) - 1, 0)), st.binary(min_size=1, max_size=1)).map(
            lambda t: original[: t[0]] + t[1] + original[t[0] + 1 :]
        ),
    )


OUTCOMES = [
    Outcome(
        "ani@univ.ac.id",
        "Ani Lestari",
        "graded",
        7.0,
        9.0,
        "ani@univ.ac.id",
        participant="1234567",
        identity=Identity("501", "lestariani", "canvas", canvas_user="501", canvas_attachment="9001"),
        page=b"<p>x</p>",
    ),
    Outcome("budi@univ.ac.id", "Budi Santoso", "not readable", None, 9.0, participant="1234568"),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entry_names, min_size=1, max_size=6))
def test_reading_a_zip_writes_nothing_and_names_only_paths_inside_it(tmp_path_factory, names):
    base = tmp_path_factory.mktemp("zip")
    archive = base / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in dict.fromkeys(names):  # zipfile warns about repeated names
            try:
                zf.writestr(name, b"{}")
            except (ValueError, OSError, IndexError):  # names zipfile itself cannot write
                continue
    before = set(base.rglob("*"))
    download = list_download(archive)
    read = [download.reader(path, Submission(path, "x")) for path in download.inventory.files]
    assert set(base.rglob("*")) == before, "nothing is unpacked"
    for path in [*download.inventory.files, *download.inventory.release_roots]:
        assert path == archive or archive in path.parents, path
        assert ".." not in path.relative_to(archive).parts
    assert all(raw == b"{}" for raw in read)
    close_downloads()


def _read_or_stop(reader, path: Path):
    try:
        return reader(path)
    except CourseError as error:
        assert all("\n" not in str(problem) for problem in error.problems)
        return None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations(WORKSHEET))
def test_a_mutated_worksheet_is_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("ws") / "worksheet.csv"
    path.write_bytes(data)
    sheet = _read_or_stop(moodle.read_worksheet, path)
    if sheet is None:
        return
    filled, notes = moodle.fill_worksheet(sheet, [Outcome(**vars(o)) for o in OUTCOMES], None, "feedback-03.html")
    text = filled.decode(sheet.table.format.encoding, errors="replace")
    assert len(
        [r for r in __import__("csv").reader(io.StringIO(text, newline=""), delimiter=sheet.table.format.delimiter) if any(r)]
    ) == len(sheet.table.rows)
    assert all("\n" not in n for n in notes)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations(EXPORT))
def test_a_mutated_canvas_export_is_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cv") / "export.csv"
    path.write_bytes(data)
    book = _read_or_stop(canvas.read_canvas_gradebook, path)
    if book is None:
        return
    try:
        column = canvas.choose_column(book, None, "03", ["Lesson 03 · Bureaucratic reform"])
    except CourseError:
        return
    filled, _, _ = canvas.fill_gradebook(book, column, [Outcome(**vars(o)) for o in OUTCOMES], None)
    assert filled.startswith(book.table.format.bom)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations(ROSTER))
def test_a_mutated_roster_is_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("ro") / "roster.csv"
    path.write_bytes(data)
    roster = _read_or_stop(read_roster, path)
    if roster is not None:
        roster.match(Identity("Ani Lestari", "Ani Lestari", "classroom"), "Ani Lestari")
    assert os.path.exists(path)
