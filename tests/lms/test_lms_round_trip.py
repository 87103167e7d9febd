# ruff: noqa: F811  (the notebooks fixture of test_lms is imported, and named in each test)
"""The LMS round trip for the classes the common paths miss: Indonesian Moodle with markers, group work, Canvas's other exports.

Each download and file is built as the LMS's own code builds it, and what
``grade`` writes is read back with the importer's rules (sources read in
moodle/moodle and instructure/canvas-lms, December 2026):

Moodle
  * ``mod/assign/gradingtable.php`` (``__construct``, download branch): the
    worksheet's columns in order: recordid, fullname, the identity fields
    (email), status, ``team`` ('submissionteam') for group assignments,
    ``allocatedmarker`` ('marker') when marking workflow and allocation are on,
    grade, grademax, workflowstate, gradecanbechanged, timesubmitted,
    timemarked ('lastmodifiedgrade'), then one column per feedback editor
    field. ``col_team`` writes the group's name; ``col_allocatedmarker`` the
    marker's full name.
  * Moodle's Indonesian pack, ``lang/id/assign.php`` (5.1): recordid 'ID',
    marker 'Nilai', lastmodifiedgrade 'Terakhir diubah (nilai)',
    submissionteam 'Grup', maxgrade 'Nilai maksimum'; the grade column's
    string is 'Nilai' as well, so the worksheet has two columns named 'Nilai'.
  * ``mod/assign/feedback/offline/importgradeslib.php`` (``init``, ``next``) and
    ``feedback/offline/locallib.php`` (``process_import_grades``): modelled by
    ``lms_tools.moodle_import`` (last column of a repeated name; dates through
    ``strtotime``; stale grades skipped unless "allow updating" is ticked).
  * ``mod/assign/classes/downloader.php`` (``get_student_prefix``): a group
    assignment's folder is ``<group name, '_' made spaces>_<group id>``.

Canvas
  * ``app/models/gradebook_importer.rb`` (``row_has_student_headers?``,
    ``update_column_count``, ``process_student``): a header may start
    ``LastName``, ``FirstName``, ``ID`` (where ``allow_student_last_first_names?``);
    the user id is then the third cell and the name "FirstName LastName".
    ``gradeable?`` refuses every submission of an assignment with unposted
    anonymous submissions (the export shows N/A there).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lms_tools import INDONESIAN_STRINGS, LESSON, moodle_import, moodle_path, php_strtotime
from submission_tools import put
from test_lms import canvas_name, notebooks, rows_of  # noqa: F401  (the module's fixture, reused)

from course.grading.run import LmsOptions, grade

INDONESIAN_DATE = "Senin, 23 November 2026, 09:15"  # Moodle's strftimedatetime in Indonesian: what strtotime cannot read


def write_csv(path: Path, rows: list[list[str]], newline: str = "\n") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def scaled(points: float, notebooks: dict, maximum: float = 100.0) -> float:
    return round(points / notebooks["max"] * maximum, 2)


# --- Moodle in Indonesian, with marker allocation ----------------------------------------------------------

MARKED_CLASS = [("Ani Lestari", "1234567", "right"), ("Budi Santoso", "1234568", "partial"), ("Citra Dewi", "1234569", "right")]


def indonesian_marker_worksheet(path: Path, ani_grade: str = "", ani_comment: str = "") -> Path:
    """The worksheet of gradingtable.php's download, Indonesian strings, workflow and marker allocation on."""
    header = [
        "ID",
        "Nama lengkap",
        "Alamat surel",
        "Status",
        "Nilai",  # 'marker'
        "Nilai",  # the grade
        "Nilai maksimum",
        "Marking workflow state",  # not read by the importer (string left in English here)
        "Grade can be changed",  # not read by the importer (string left in English here)
        "Terakhir diubah (ajuan)",
        "Terakhir diubah (nilai)",
        "Komentar umpan balik",
    ]
    rows = [header]
    for name, participant, _ in MARKED_CLASS:
        graded = name == "Ani Lestari" and ani_grade
        rows.append(
            [
                f"Peserta{participant}",
                name,
                name.split()[0].lower() + "@univ.ac.id",
                "Diajukan untuk dinilai",
                "Rina Marlina",  # the marker Moodle allocated
                ani_grade if name == "Ani Lestari" else "",
                "100,00",
                "Belum dinilai",
                "Ya",
                INDONESIAN_DATE,
                INDONESIAN_DATE if graded else "-",
                ani_comment if name == "Ani Lestari" else "",
            ]
        )
    return write_csv(path, rows)


def test_indonesian_marker_allocation_worksheet_imports_every_grade(notebooks, tmp_path):
    download = tmp_path / "download"
    for name, participant, which in MARKED_CLASS:
        put(download, moodle_path(name, int(participant), LESSON), notebooks[which])
    sheet = indonesian_marker_worksheet(tmp_path / "lembar.csv")
    out = tmp_path / "out"
    grade(download, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    filled = (out / "moodle" / "grading-worksheet-03.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(filled.decode("utf-8"))))
    assert [r[4] for r in rows[1:]] == ["Rina Marlina"] * 3, "the marker's name is never overwritten"
    taken = moodle_import(filled, INDONESIAN_STRINGS, "Komentar umpan balik", {}, maximum=100.0)
    for name, participant, which in MARKED_CLASS:
        assert taken[participant][0] == scaled(notebooks["points"][which], notebooks), (name, taken)
        assert "feedback-03.html" in (taken[participant][1] or "")


def test_indonesian_dates_tell_the_lecturer_to_tick_allow_updating(notebooks, tmp_path):
    download = tmp_path / "download"
    for name, participant, which in MARKED_CLASS:
        put(download, moodle_path(name, int(participant), LESSON), notebooks[which])
    sheet = indonesian_marker_worksheet(tmp_path / "lembar.csv", ani_grade="50,00", ani_comment="Dinilai manual")
    assert php_strtotime(INDONESIAN_DATE) is None
    out = tmp_path / "out"
    run = grade(download, out, lang="id", show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    lines = "\n".join(run.report)
    assert "centang 'Izinkan memperbarui catatan yang telah dimodifikasi lebih baru di Moodle daripada di spreadsheet'" in lines
    assert "'Terakhir diubah (nilai)'" in lines and INDONESIAN_DATE in lines
    filled = (out / "moodle" / "grading-worksheet-03.csv").read_bytes()
    had = {"1234567": (50.0, 1_795_000_000)}  # Ani's hand-entered grade, saved in Moodle when the worksheet was made
    blind = moodle_import(filled, INDONESIAN_STRINGS, "Komentar umpan balik", had, 100.0)
    ticked = moodle_import(filled, INDONESIAN_STRINGS, "Komentar umpan balik", had, 100.0, ignoremodified=True)
    assert blind["1234567"] == (None, None), "without the box, Moodle skips Ani: the reason for the line"
    assert ticked["1234567"][0] == scaled(notebooks["points"]["right"], notebooks)
    assert "50,00" in lines and "Dinilai manual" in lines, "the earlier grade and comment are listed with the new ones"


def test_english_dates_need_no_line(notebooks, tmp_path):
    put(tmp_path / "d", moodle_path("Ani Lestari", 1234567, LESSON), notebooks["right"])
    sheet = write_csv(
        tmp_path / "w.csv",
        [
            ["Identifier", "Full name", "Grade", "Maximum Grade", "Last modified (grade)", "Feedback comments"],
            ["Participant 1234567", "Ani Lestari", "", "100.00", "Monday, 23 November 2026, 9:15 AM", ""],
        ],
    )
    run = grade(tmp_path / "d", tmp_path / "out", show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    assert not [line for line in run.report if "Allow updating" in line]


def test_earlier_worksheet_grades_are_listed_and_kept_on_request(notebooks, tmp_path):
    download = tmp_path / "download"
    for name, participant, which in MARKED_CLASS:
        put(download, moodle_path(name, int(participant), LESSON), notebooks[which])
    sheet = indonesian_marker_worksheet(tmp_path / "lembar.csv", ani_grade="50,00", ani_comment="Dinilai manual")
    out = tmp_path / "out"
    run = grade(download, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet, keep_lms_grades=True))
    assert any("Peserta1234567 keeps Nilai '50,00'" in line for line in run.report), run.report
    rows = list(csv.reader(io.StringIO((out / "moodle" / "grading-worksheet-03.csv").read_text(encoding="utf-8"))))
    assert rows[1][5] == "50,00" and rows[1][11] == "Dinilai manual", "kept as the lecturer entered them"
    assert rows[2][5] != "", "the others are filled"


# --- Moodle group assignments ---------------------------------------------------------------------------------


def test_group_folders_give_every_member_the_grade_and_a_page(notebooks, tmp_path):
    from test_lms import moodle_feedback_zip_import

    download = tmp_path / "download"
    put(download, "Kelompok 1_13_assignsubmission_file/" + LESSON, notebooks["right"])  # group id 13
    put(download, "Kelompok 2_14_assignsubmission_file/" + LESSON, notebooks["partial"])  # 'Kelompok_2': '_' made a space
    members = [  # participant, name, group; participant 14 is in group 1, though group 2's id is 14
        ("1234567", "Ani Lestari", "Kelompok 1"),
        ("14", "Budi Santoso", "Kelompok 1"),
        ("1234569", "Citra Dewi", "Kelompok_2"),
        ("1234570", "Dewi Sartika", "Kelompok_2"),
    ]
    header = ["Identifier", "Full name", "Email address", "Status", "Group", "Grade", "Maximum Grade"]
    header += ["Grade can be changed", "Last modified (submission)", "Last modified (grade)", "Feedback comments"]
    rows = [header] + [
        [f"Participant {p}", n, n.split()[0].lower() + "@univ.ac.id", "Submitted for grading", g, "", "100.00", "Yes", "-", "-", ""]
        for p, n, g in members
    ]
    sheet = write_csv(tmp_path / "worksheet.csv", rows)
    out = tmp_path / "out"
    grade(download, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    table = rows_of(out)
    right, partial = (str(notebooks["points"][w]).rstrip("0").rstrip(".") for w in ("right", "partial"))
    assert {table[e]["points"] for e in ("ani@univ.ac.id", "budi@univ.ac.id")} == {right}, "group 1's grade, for both"
    assert {table[e]["points"] for e in ("citra@univ.ac.id", "dewi@univ.ac.id")} == {partial}
    filled = (out / "moodle" / "grading-worksheet-03.csv").read_bytes()
    english = {"recordid": "Identifier", "grade": "Grade", "lastmodifiedgrade": "Last modified (grade)", "hiddenuser": "Participant "}
    taken = moodle_import(filled, english, "Feedback comments", {}, 100.0)
    assert taken["14"][0] == scaled(notebooks["points"]["right"], notebooks), "participant 14 gets her own group's grade"
    attached = moodle_feedback_zip_import((out / "moodle" / "feedback-files-03.zip").read_bytes(), {p for p, _, _ in members})
    assert set(attached) == {p for p, _, _ in members}, "a feedback page for every member"


def test_group_folders_without_a_worksheet_say_the_members_cannot_be_named(notebooks, tmp_path):
    put(tmp_path / "d", "Kelompok 1_13_assignsubmission_file/" + LESSON, notebooks["right"])
    run = grade(tmp_path / "d", tmp_path / "out", show_progress=False)
    assert any("members cannot be named without the worksheet" in line for line in run.report)


# --- Canvas's other exports ---------------------------------------------------------------------------------


def test_canvas_last_first_name_export_is_read_and_filled(notebooks, tmp_path):
    download = tmp_path / "download"
    put(download, canvas_name("Lestari, Ani", 501, 9001, LESSON), notebooks["right"])
    put(download, canvas_name("Santoso, Budi", 502, 9002, LESSON), notebooks["partial"])
    rows = [
        ["LastName", "FirstName", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 03 (4711)", "Current Score"],
        ["    Points Possible", "", "", "", "", "", "100", "(read only)"],
        ["Lestari", "Ani", "501", "22501", "s501", "A", "", ""],
        ["Santoso", "Budi", "502", "22502", "s502", "A", "", ""],
    ]
    export = write_csv(tmp_path / "export.csv", rows)
    out = tmp_path / "out"
    grade(download, out, show_progress=False, lms=LmsOptions(canvas_gradebook=export))
    assert set(rows_of(out)) == {"22501", "22502"}
    filled = list(csv.reader(io.StringIO((out / "canvas" / "gradebook-03.csv").read_text(encoding="utf-8"))))
    by_user = {r[2]: r for r in filled[2:]}  # process_student: the user id is the third cell
    assert float(by_user["501"][6]) == scaled(notebooks["points"]["right"], notebooks)
    assert float(by_user["502"][6]) == scaled(notebooks["points"]["partial"], notebooks)


def test_canvas_unposted_anonymous_column_is_explained_and_left_alone(notebooks, tmp_path):
    download = tmp_path / "download"
    put(download, canvas_name(None, None, 9101, LESSON, anon="Xy12z"), notebooks["right"])
    rows = [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 03 (4711)"],
        ["    Points Possible", "", "", "", "", "100"],
        ["Lestari, Ani", "501", "22501", "s501", "A", "N/A"],
        ["Santoso, Budi", "502", "22502", "s502", "A", "N/A"],
    ]
    export = write_csv(tmp_path / "export.csv", rows, newline="\r\n")
    out = tmp_path / "out"
    run = grade(download, out, show_progress=False, lms=LmsOptions(canvas_gradebook=export))
    assert any("cannot import its grades until they are posted" in line for line in run.report)
    assert (out / "canvas" / "gradebook-03.csv").read_bytes() == export.read_bytes()
    assert "no submission" not in {r["status"] for r in rows_of(out).values()}, "the download does not say who handed in nothing"


def test_canvas_earlier_grades_listed_and_other_cells_byte_for_byte(notebooks, tmp_path):
    download = tmp_path / "download"
    put(download, canvas_name("Lestari, Ani", 501, 9001, LESSON), notebooks["right"])
    put(download, canvas_name("Santoso, Budi", 502, 9002, LESSON), notebooks["partial"])
    text = (
        '"Student","ID","SIS User ID","SIS Login ID","Section","Notes","Lesson 03 (4711)"\r\n'
        '"    Points Possible","","","","","","100"\r\n'
        '"Lestari, Ani","501","22501","s501","A"," asked for more time ","7"\r\n'
        '"Santoso, Budi","502","22502","s502","A","",""\r\n'
    )
    export = tmp_path / "export.csv"
    export.write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    run = grade(download, out, show_progress=False, lms=LmsOptions(canvas_gradebook=export))
    assert any("Ani Lestari" in line and "'7'" in line for line in run.report) or any(
        "Lestari, Ani already has '7'" in line for line in run.report
    ), run.report
    filled = (out / "canvas" / "gradebook-03.csv").read_bytes().decode("utf-8")
    before, after = records(text), records(filled)
    assert len(before) == len(after) and filled.endswith("\r\n") and filled.count("\r\n") == text.count("\r\n")
    for (cells, _), (new_cells, _) in zip(before, after, strict=True):
        assert cells == new_cells, "every cell the run does not own, quotes and spaces kept"
    assert after[3][1] not in ('""', ""), "Budi's grade is filled"
    kept = grade(download, tmp_path / "kept", show_progress=False, lms=LmsOptions(canvas_gradebook=export, keep_lms_grades=True))
    assert any("keeps '7'" in line for line in kept.report)
    assert records((tmp_path / "kept" / "canvas" / "gradebook-03.csv").read_bytes().decode("utf-8"))[2] == before[2]


def records(text: str) -> list[tuple[str, str]]:
    """Each line of a CSV without line breaks in cells as (its raw text up to the last cell, the last cell)."""
    return [tuple(line.rsplit(",", 1)) for line in text.split("\r\n") if line]
