"""From the LMS and back: downloads named as Moodle, Canvas, Google Classroom and JupyterHub name them.

The fixtures below name files the way each system's own code names them, and
the checks read the files ``grade`` writes with the rules each LMS's importer
applies. The sources (read in the public repositories moodle/moodle and
instructure/canvas-lms, November 2026):

Moodle
  * ``mod/assign/classes/downloader.php`` (``get_student_prefix``,
    ``load_submissionplugin_filelist``): a download's prefix is the full name
    with ``_`` replaced by spaces, ``_`` and the participant number
    (``get_uniqueid_for_user``); under blind marking the name is the string
    "Participant". With "Download submissions in folders" on, files sit in
    ``<prefix>_assignsubmission_file/`` (``<prefix>_assignsubmission_file_/``
    before Moodle 4.1, see ``importziplib.php``'s comment); with it off, the
    name is ``<prefix>_assignsubmission_file_<file name>``. Online text goes to
    ``<prefix>_assignsubmission_onlinetext/onlinetext.html``.
  * ``mod/assign/feedback/offline/importgradeslib.php`` (``init``, ``next``) and
    ``locallib.php`` (``process_import_grades``): the worksheet's columns are
    found by exact header text ("Identifier", "Grade", "Last modified (grade)",
    and "Feedback comments" for the comments plugin); the participant number is
    Identifier without the leading "Participant "; a grade is skipped when
    blank, negative, above the maximum or unchanged, and when Moodle's grade is
    newer than "Last modified (grade)" (so that column must come back unchanged).
  * ``mod/assign/feedback/file/importziplib.php`` (``is_valid_filename_for_import``):
    a path part is split at ``_`` into at most five pieces; with at least four,
    the second is the participant number and the third and fourth the plugin
    (``assignfeedback`` ``file``); names starting with ``.`` or ``~`` are ignored.

Canvas
  * ``lib/content_zipper.rb`` (``get_filename``, ``add_upload_submission``,
    ``sanitize_user_name``): ``<sortable name, lower case, non-word characters
    removed>[_LATE]_<user id>_<attachment id>_<display name>``; under anonymous
    grading ``anon_<anonymous id>`` replaces the name and user id.
  * ``app/models/gradebook_importer.rb``: ``;`` or ``,`` chosen from the first
    lines; header row with "Student" and "ID" first, then "SIS User ID" /
    "SIS Login ID" (optionally "Integration ID", "Root Account") and "Section";
    assignment columns after that, read-only ones ("Current Score", ...)
    dropped, each found by ``Title (id)``; the "Points Possible" row; a student
    is found by ID, then SIS ids, then name; decimal commas are read as points.
  * ``app/models/assignment.rb`` (``infer_comment_context_from_filename``):
    a comment file's name is split at ``_``; the first two all-digit parts are
    the user id and the id of an attachment of that user's submission; names
    starting with ``._`` are ignored.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lms_tools import LESSON, MOODLE_CLASS, moodle_path, moodle_prefix, moodle_worksheet, moodle_worksheet_import
from submission_tools import put

from course.__main__ import main
from course.grading.run import LmsOptions, grade
from course.intake.layouts import from_file_name, from_moodle_folder, identify_all
from course.model.bank import find_bank

TITLE = "Lesson 03 · Bureaucratic reform"


# --- how each system names what it hands the lecturer ---------------------------------------------


def canvas_name(
    sortable_name: str | None, user_id: int | None, attachment: int, display_name: str, late: bool = False, anon: str | None = None
) -> str:
    users_name = None if anon else re.sub(r"_(\d+)_", r"\1", sortable_name or "").lower()
    ident = f"anon_{anon}" if anon else str(user_id)
    filename = "_".join(p for p in (users_name, "LATE" if late else None, ident) if p is not None)  # Ruby's compact drops nil only
    filename = re.sub(r"[^\w]", "", filename)
    display = re.sub(r'[\x00/\\:*?"<>|]+', "_", display_name)
    return f"{filename}_{attachment}_{display}"


# --- what each importer does with the files grade writes -----------------------------------------


def moodle_feedback_zip_import(data: bytes, participants: set[str]) -> dict[str, list[str]]:
    """Moodle's feedback-file zip import: participant -> file names it attaches (plugin assignfeedback_file only)."""
    attached: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir() or info.filename.rsplit("/", 1)[-1].startswith((".", "~")):
                continue
            parts = info.filename.split("/")
            while parts:
                info_parts = parts.pop(0).split("_", 4)
                if len(info_parts) < 4 or not info_parts[1].isdigit() or info_parts[1] not in participants:
                    continue
                assert (info_parts[2], info_parts[3]) == ("assignfeedback", "file"), info.filename
                attached.setdefault(info_parts[1], []).append("/".join([info_parts[4] if len(info_parts) > 4 else "", *parts]).strip("/"))
                break
    return attached


def canvas_gradebook_import(data: bytes, students: dict[str, str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Canvas's gradebook import: (assignment id -> points possible, user id -> {assignment id: grade})."""
    text = data.decode("utf-8")
    first = text.splitlines()[:3]
    counts = {sep: {len(next(csv.reader([line], delimiter=sep))) for line in first} for sep in (";", ",")}
    sep = ";" if len(counts[";"]) == 1 and max(counts[";"]) > max(counts[","]) else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = rows[0]
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1], header
    student_columns = 3
    if re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3]):
        student_columns += 2
    assert "Section" in header[student_columns - 1 + (0 if header[student_columns - 1] == "Section" else 1)], header
    if header[student_columns] == "Section":
        student_columns += 1
    non_assignment = re.compile("Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override")
    assignments = {}
    for i, title in enumerate(header[student_columns:], start=student_columns):
        if non_assignment.search(title):
            continue
        found = re.match(r"^(.*?)\s*\((\d+)\)\s*$", title)
        assert found, f"{title!r}: an assignment column without its id would make Canvas create a new assignment"
        assignments[found.group(2)] = i
    possible, grades = {}, {}
    for row in rows[1:]:
        if "Points Possible" in row[0]:
            possible = {a: row[i] for a, i in assignments.items()}
            continue
        user = row[1] if row[1] in students else next((u for u, name in students.items() if name == row[0]), None)
        assert user, f"Canvas would not find the student of row {row[:2]}"
        grades[user] = {a: row[i].replace(",", ".") if re.fullmatch(r"-?[0-9.,]+%?", row[i]) else row[i] for a, i in assignments.items()}
    return possible, grades


def canvas_reupload(data: bytes, attachments: dict[str, str]) -> dict[str, list[str]]:
    """Canvas's Re-Upload Submissions: user id -> comment files it attaches (attachments: user id -> attachment id)."""
    attached: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            base = name.rsplit("/", 1)[-1]
            if base.startswith("._"):
                continue
            numbers = [p for p in base.split("_") if p.isdigit()][:2]
            if len(numbers) == 2 and attachments.get(numbers[0]) == numbers[1]:
                attached.setdefault(numbers[0], []).append(base)
    return attached


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebooks(lesson03, tmp_path_factory):
    """Points of the right and the partial notebook, graded in the plainest layout."""
    subs, out = tmp_path_factory.mktemp("plain") / "subs", tmp_path_factory.mktemp("plain-out")
    put(subs, "r_" + LESSON, lesson03.right)
    put(subs, "p_" + LESSON, lesson03.partial)
    run = grade(subs, out, show_progress=False)
    points = {g.submission.student: g.points for g in run.graded}
    blank = json.loads((lesson03.bundle / "notebooks" / "en" / LESSON).read_text(encoding="utf-8"))
    maximum = sum(e.points for e in find_bank("03").for_mode("practice").exercises)
    return {
        "right": lesson03.right,
        "partial": lesson03.partial,
        "blank": blank,
        "points": {"right": points["r"], "partial": points["p"]},
        "max": maximum,
    }


def zip_folder(folder: Path, target: Path, inner: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{inner}/{path.relative_to(folder).as_posix()}" if inner else path.relative_to(folder).as_posix())
    return target


def rows_of(out: Path) -> dict[str, dict[str, str]]:
    return {r["student"]: r for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))}


def extracted_like_windows(zip_path: Path, into: Path) -> Path:
    """Windows "Extract All": a folder named after the zip, holding what the zip holds."""
    target = into / zip_path.stem
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    return into


def moodle_download(folder: Path, nbs: dict, folders: bool = True, before_41: bool = False) -> None:
    for name, participant, file_name, which, _ in MOODLE_CLASS:
        content = b"" if which == "unreadable" else nbs[which]
        put(folder, moodle_path(name, participant, file_name, folders, before_41), content)
        if folders:
            put(folder, f"{moodle_prefix(name, participant)}_assignsubmission_onlinetext/onlinetext.html", "<p>see file</p>")
    # Ani also uploaded an empty copy after her real one: the answered file must count.
    put(folder, moodle_path("Ani Lestari", 1234567, "copy.ipynb", folders, before_41), nbs["blank"])


# --- Moodle ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "folders, before_41, shape",
    [
        (True, False, "zip"),
        (True, True, "extracted-windows"),
        (False, False, "zip-with-top-folder"),
        (True, False, "extracted-macos"),
    ],
)
def test_moodle_downloads_in_every_shape_identify_every_student(notebooks, tmp_path, folders, before_41, shape):
    download = tmp_path / "download"
    moodle_download(download, notebooks, folders, before_41)
    archive = zip_folder(
        download, tmp_path / "PA101-Lesson 03-42.zip", inner="PA101-Lesson 03-42" if shape == "zip-with-top-folder" else ""
    )
    if shape.startswith("zip"):
        given = archive
    elif shape == "extracted-windows":
        given = extracted_like_windows(archive, tmp_path / "Downloads")
    else:
        given = tmp_path / "mac"
        shutil.copytree(download, given / "PA101-Lesson 03-42")
    out = tmp_path / "out"
    sheet = moodle_worksheet(tmp_path / "worksheet.csv")
    run = grade(given, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet, points_possible=None))
    table = rows_of(out)
    points = notebooks["points"]
    assert table["ani@univ.ac.id"]["points"] == str(points["right"]).rstrip("0").rstrip("."), (
        "the answered file counts, not the later empty copy"
    )
    assert table["budi@univ.ac.id"]["points"] == str(points["partial"]).rstrip("0").rstrip(".")
    assert table["ayu@univ.ac.id"]["points"] == str(points["right"]).rstrip("0").rstrip(".")
    assert table["dewi@univ.ac.id"]["status"] == "empty file", "a 0-byte upload is named for what it is"
    assert table["eko@univ.ac.id"]["status"] == "no submission" and table["eko@univ.ac.id"]["points"] == ""
    assert table["budi@univ.ac.id"]["late"] == "yes" and table["ani@univ.ac.id"]["late"] == ""
    assert len(table) == 5, sorted(table)
    choice = [line for line in run.report if "who handed in 2 files" in line]
    assert len(choice) == 1 and "most answered exercises" in choice[0] and "copy.ipynb" in choice[0]

    participants = {str(p) for _, p, *_ in MOODLE_CLASS} | {"1234571"}
    filled = (out / "moodle" / "grading-worksheet-03.csv").read_bytes()
    taken = moodle_worksheet_import(filled, "utf-8", "comma", participants, maximum=100.0)
    scale = 100.0 / notebooks["max"]
    assert taken["1234567"][0] == round(points["right"] * scale, 2)
    assert taken["1234568"][0] == round(points["partial"] * scale, 2)
    assert "1234570" not in taken and "1234571" not in taken, "unreadable and missing stay blank: Moodle skips them"
    assert all(modified == "-" for _, _, modified in taken.values()), "Last modified (grade) comes back unchanged"
    assert "feedback-03.html" in taken["1234567"][1]
    original = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    copy = list(csv.reader(io.StringIO(filled.decode("utf-8"))))
    assert [r[:4] for r in copy] == [r[:4] for r in original] and copy[0] == original[0], "same rows and columns"

    attached = moodle_feedback_zip_import((out / "moodle" / "feedback-files-03.zip").read_bytes(), participants)
    assert set(attached) == {"1234567", "1234568", "1234569"}, attached
    assert all(files == ["feedback-03.html"] for files in attached.values())


def test_moodle_blind_marking_and_the_worksheet_in_excels_format(notebooks, tmp_path):
    download = tmp_path / "download"
    put(download, moodle_path("", 7654321, LESSON, blind=True), notebooks["right"])
    put(download, moodle_path("", 7654322, LESSON, folders=False, blind=True), notebooks["partial"])
    sheet = tmp_path / "sheet.csv"
    rows = [
        ["Identifier", "Status", "Grade", "Maximum Grade", "Last modified (grade)", "Feedback comments"],
        ["Participant 7654321", "Submitted for grading", "", "10,00", "-", ""],
        ["Participant 7654322", "Submitted for grading", "", "10,00", "-", ""],
    ]
    sheet.write_bytes("\r\n".join(";".join(r) for r in rows).encode("cp1252") + b"\r\n")  # Excel, Indonesian locale
    out = tmp_path / "out"
    grade(download, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    filled = (out / "moodle" / "grading-worksheet-03.csv").read_bytes()
    assert filled.endswith(b"\r\n") and b";" in filled.splitlines()[0], "the copy keeps the separator and line ends it came with"
    taken = moodle_worksheet_import(filled, "cp1252", "semicolon", {"7654321", "7654322"}, maximum=10.0)
    assert taken["7654321"][0] == round(notebooks["points"]["right"] / notebooks["max"] * 10, 2)
    assert re.search(rb";\d+,\d+;|;\d+;", filled), "decimal commas where the worksheet has them"
    attached = moodle_feedback_zip_import((out / "moodle" / "feedback-files-03.zip").read_bytes(), {"7654321", "7654322"})
    assert set(attached) == {"7654321", "7654322"}


# --- Canvas ------------------------------------------------------------------------------------------

CANVAS_CLASS = [  # sortable name, user id, attachment id, display name, late, notebook
    ("Lestari, Ani", 501, 9001, LESSON, False, "right"),
    ("Santoso, Budi", 502, 9002, "03-bureaucratic-reform-1.ipynb", True, "partial"),  # a resubmission, late
    ("Sartika, Dewi", 503, 9003, LESSON, False, "unreadable"),
]


def canvas_export(path: Path, bom: bool = True) -> Path:
    rows = [
        [
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            "Lesson 02 (4710)",
            "Lesson 03 · Bureaucratic reform (4711)",
            "Current Score",
            "Final Score",
        ],
        ["    Points Possible", "", "", "", "", "10", "100", "(read only)", "(read only)"],
    ]
    for name, user, *_ in [*CANVAS_CLASS, ("Prasetyo, Eko", 504, 0, "", False, "")]:
        rows.append([name, str(user), f"22{user}", f"s{user}", "PA-101 A", "7", "", "", ""])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


@pytest.mark.parametrize("shape", ["zip", "extracted-windows"])
def test_canvas_download_gradebook_and_comment_files(notebooks, tmp_path, shape):
    download = tmp_path / "download"
    for name, user, attachment, display, late, which in CANVAS_CLASS:
        put(download, canvas_name(name, user, attachment, display, late), b"{" if which == "unreadable" else notebooks[which])
    archive = zip_folder(download, tmp_path / "pa101-lesson-03 submissions.zip")
    given = archive if shape == "zip" else extracted_like_windows(archive, tmp_path / "Downloads")
    export = canvas_export(tmp_path / "2026-11-30T0900_Grades-PA101.csv")
    out = tmp_path / "out"
    grade(given, out, show_progress=False, lms=LmsOptions(canvas_gradebook=export))
    table = rows_of(out)
    assert {"22501", "22502", "22503", "22504"} == set(table), "keyed by SIS User ID from the export"
    canvas_all = list(csv.DictReader(io.StringIO((out / "gradebook-canvas.csv").read_text(encoding="utf-8"))))
    assert {r["ID"] for r in canvas_all if r["ID"]} == {"501", "502", "503"}, "Canvas's user ids, never a student number, in the ID column"
    assert table["22502"]["late"] == "yes" and table["22501"]["late"] == ""
    students = {str(u): n for n, u, *_ in CANVAS_CLASS} | {"504": "Prasetyo, Eko"}
    filled = (out / "canvas" / "gradebook-03.csv").read_bytes()
    assert filled.startswith(codecs.BOM_UTF8), "the copy keeps Canvas's own format"
    possible, grades = canvas_gradebook_import(filled[3:], students)
    assert possible["4711"] == "100" and possible["4710"] == "10", "the Points Possible row is kept"
    scale = 100.0 / notebooks["max"]
    assert float(grades["501"]["4711"]) == round(notebooks["points"]["right"] * scale, 2)
    assert float(grades["502"]["4711"]) == round(notebooks["points"]["partial"] * scale, 2)
    assert grades["503"]["4711"] == "" and grades["504"]["4711"] == "", "unreadable and missing stay blank"
    assert all(g["4710"] == "7" for g in grades.values()), "other assignments untouched"
    attached = canvas_reupload((out / "canvas" / "comments-03.zip").read_bytes(), {"501": "9001", "502": "9002", "503": "9003"})
    assert set(attached) == {"501", "502"} and attached["501"] == ["lestariani_501_9001_feedback-03.html"]


def test_canvas_anonymous_grading_and_a_named_column_without_an_export(notebooks, tmp_path):
    download = tmp_path / "download"
    put(download, canvas_name(None, None, 9101, LESSON, anon="Xy12z"), notebooks["right"])
    put(download, canvas_name(None, None, 9102, LESSON, late=True, anon="Qw34e"), notebooks["partial"])
    out = tmp_path / "out"
    run = grade(download, out, show_progress=False, lms=LmsOptions(canvas_assignment="Lesson 03 (4711)", points_possible=50))
    table = rows_of(out)
    assert set(table) == {"anon_Xy12z", "anon_Qw34e"} and table["anon_Qw34e"]["late"] == "yes"
    text = (out / "canvas" / "gradebook-03.csv").read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header[-1] == "Lesson 03 (4711)"
    assert any("anonymous grading" in line for line in run.report)
    assert not (out / "canvas" / "comments-03.zip").exists()


def test_canvas_export_with_no_matching_column_stops_with_one_line(notebooks, tmp_path, capsys):
    download = tmp_path / "download"
    put(download, canvas_name("Lestari, Ani", 501, 9001, LESSON), notebooks["right"])
    export = tmp_path / "export.csv"
    export.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (1),Quiz 2 (2)\nLestari, Ani,501,,,A,,\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["grade", str(download), "--out", str(out), "--canvas-gradebook", str(export)]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "--canvas-assignment" in printed[0] and "'Quiz 1 (1)'" in printed[0]
    assert not out.exists(), "nothing written"


# --- Google Classroom, JupyterHub, plain layouts ---------------------------------------------------------


@pytest.mark.parametrize("shape", ["extracted", "zip"])
def test_google_classroom_names_roster_and_grade_list(notebooks, tmp_path, shape):
    download = tmp_path / "Lesson 03-20261130T090000Z-001"  # Drive's zip name, extracted
    put(download / "Lesson 03", "Ani Lestari - " + LESSON, notebooks["right"])
    blank_copy = put(download / "Lesson 03", "Ani Lestari - 03-bureaucratic-reform (1).ipynb", notebooks["blank"])
    put(download / "Lesson 03", "Budi Santoso - " + LESSON, notebooks["partial"])
    put(download / "Lesson 03", "Siti Nurhaliza - " + LESSON, notebooks["right"])
    import os
    import time

    os.utime(blank_copy, (time.time() + 60, time.time() + 60))  # the empty copy is newer
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "NIM,Nama,Email\n2201001,Ani Lestari,ani@univ.ac.id\n2201002,Budi Santoso,budi@univ.ac.id\n2201003,Citra Dewi,citra@univ.ac.id\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    given = download if shape == "extracted" else zip_folder(download, tmp_path / (download.name + ".zip"))
    if shape == "zip":  # the ZIP keeps each file's date: make the empty copy newer inside it too
        with zipfile.ZipFile(given) as zf:
            dates = {i.filename: i.date_time for i in zf.infolist()}
        assert dates["Lesson 03/Ani Lestari - 03-bureaucratic-reform (1).ipynb"] >= dates["Lesson 03/Ani Lestari - " + LESSON]
    run = grade(given, out, show_progress=False, lms=LmsOptions(roster=roster, points_possible=100))
    table = rows_of(out)
    assert (
        table["2201001"]["points"] == str(notebooks["points"]["right"]).rstrip("0").rstrip(".")
        and table["2201001"]["email"] == "ani@univ.ac.id"
    )
    assert table["2201003"]["status"] == "no submission"
    assert any("'Siti Nurhaliza' is not on the class list roster.csv" in line for line in run.report)
    assert any("handed in nothing: Citra Dewi" in line for line in run.report)
    raw = (out / "classroom" / "grades-03.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "a list for people: Excel shows the names intact"
    listing = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_name = {r["name"]: r for r in listing}
    assert float(by_name["Ani Lestari"]["points"]) == round(notebooks["points"]["right"] / notebooks["max"] * 100, 2)
    assert by_name["Citra Dewi"]["points"] == "" and by_name["Ani Lestari"]["email"] == "ani@univ.ac.id"
    pages = sorted(p.name for p in (out / "classroom" / "feedback-03").iterdir())
    assert pages == ["Ani Lestari - feedback 03.html", "Budi Santoso - feedback 03.html", "Siti Nurhaliza - feedback 03.html"]


def test_jupyterhub_home_folders_are_named_by_user(notebooks, tmp_path):
    homes = tmp_path / "home"
    for user, which in (("alice", "right"), ("jupyter-bob", "partial")):
        release = homes / user / "gg-release"
        put(release, "release.json", "{}")
        put(release / "notebooks" / "en", LESSON, notebooks[which])
        put(
            release / "notebooks" / "en",
            "00-getting-started.ipynb",
            notebooks["blank"] | {"metadata": {"course": {"lesson": "00", "language": "en"}}},
        )
    out = tmp_path / "out"
    run = grade(homes, out, lesson="03", show_progress=False)
    table = rows_of(out)
    assert set(table) == {"alice", "bob"}
    assert not [line for line in run.report if "handed in" in line], "other lessons in a home folder are passed over quietly"


@pytest.mark.parametrize("layout", ["files", "folders"])
def test_plain_layouts_under_wrapper_folders(notebooks, tmp_path, layout):
    root = tmp_path / "subs"
    for student, which in (("2201001", "right"), ("2201002", "partial")):
        name = f"{student}.ipynb" if layout == "files" else f"{student}/{LESSON}"
        put(root / "kelas-A" / "tugas-03", name, notebooks[which])
    out = tmp_path / "out"
    grade(root, out, show_progress=False)
    assert set(rows_of(out)) == {"2201001", "2201002"}


def test_one_student_folder_alone_is_that_student(notebooks, tmp_path):
    put(tmp_path / "subs" / "2201001", LESSON, notebooks["right"])
    out = tmp_path / "out"
    grade(tmp_path / "subs", out, show_progress=False)
    assert set(rows_of(out)) == {"2201001"}


# --- ZIPs that try to escape or exhaust -------------------------------------------------------------------


def test_a_hostile_zip_writes_nothing_outside_and_reports_each_entry(notebooks, tmp_path, monkeypatch):
    from course.intake import archive

    monkeypatch.setattr(archive, "MAX_NOTEBOOK_BYTES", 2_000_000)
    target = tmp_path / "evil.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ok/2201001_" + LESSON, json.dumps(notebooks["right"]))
        zf.writestr("../../escaped.ipynb", json.dumps(notebooks["right"]))
        zf.writestr("/abs/rooted.ipynb", "{}")
        link = zipfile.ZipInfo("ok/link.ipynb")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("ok/bomb.ipynb", b"{" + b" " * 5_000_000 + b"}")
        zf.writestr("ok/inner.zip", b"PK\x03\x04")
    out = tmp_path / "out"
    run = grade(target, out, show_progress=False)
    assert set(rows_of(out)) == {"2201001"}
    assert not list(tmp_path.rglob("escaped.ipynb")) and not Path("/abs/rooted.ipynb").exists()
    lines = "\n".join(run.report)
    for entry, why in (
        ("../../escaped.ipynb", "leads outside"),
        ("/abs/rooted.ipynb", "leads outside"),
        ("ok/link.ipynb", "link"),
        ("ok/bomb.ipynb", "larger than"),
        ("ok/inner.zip", "zip file inside"),
    ):
        assert re.search(re.escape(entry) + ".*" + why, lines), (entry, lines)


def test_a_damaged_zip_is_one_line(tmp_path, capsys):
    bad = tmp_path / "download.zip"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert main(["grade", str(bad), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "download.zip" in printed[0]


# --- naming, as a property ---------------------------------------------------------------------------

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda n: n.strip() and "/" not in n
)


@given(names, st.integers(1, 10**9), st.booleans())
def test_moodle_names_give_back_the_participant(full_name, participant, blind):
    folder = moodle_prefix(full_name, participant, blind) + "_assignsubmission_file"
    found = from_moodle_folder(folder)
    assert found and found.participant == str(participant) and found.student == f"Participant {participant}"
    flat = from_file_name(moodle_path(full_name, participant, LESSON, folders=False, blind=blind))
    assert flat and flat.participant == str(participant)


@given(names, st.integers(1, 10**9), st.integers(1, 10**9), st.booleans())
def test_canvas_names_give_back_user_and_attachment(sortable, user, attachment, late):
    # A name with a part of digits only between underscores (``"42"``, ``"_0"``) keeps it in Canvas's
    # sanitize_user_name, and Canvas's own re-upload then reads that part as the user id (the first
    # all-digit part): such a name is ambiguous for Canvas itself, so it is left out here.
    sanitized = re.sub(r"[^\w]", "", re.sub(r"_(\d+)_", r"\1", sortable).lower())
    assume(not any(part.isdigit() for part in sanitized.split("_")))
    found = from_file_name(canvas_name(sortable, user, attachment, LESSON, late))
    assert found and found.canvas_user == str(user) and found.canvas_attachment == str(attachment) and found.late == late


def test_lone_files_by_classroom_name_and_copies(tmp_path):
    root = tmp_path
    files = [root / "x" / "Ani Lestari - 03 (1).ipynb", root / "x" / "Ani Lestari - 03.ipynb"]
    assert {i.student for i in identify_all(files, root).values()} == {"Ani Lestari"}


def test_a_release_folder_nested_in_a_home_cannot_name_another_user(notebooks, tmp_path):
    homes = tmp_path / "home"
    for user in ("alice", "bob"):
        put(homes / user / "gg-release", "release.json", "{}")
        put(homes / user / "gg-release" / "notebooks" / "en", LESSON, notebooks["partial" if user == "bob" else "right"])
    forged = homes / "alice" / "bob" / "gg-release"  # alice makes a folder named bob, with a release inside
    put(forged, "release.json", "{}")
    put(forged / "notebooks" / "en", LESSON, notebooks["right"])
    out = tmp_path / "out"
    grade(homes, out, lesson="03", show_progress=False)
    table = rows_of(out)
    assert table["bob"]["points"] == str(notebooks["points"]["partial"]).rstrip("0").rstrip("."), "bob keeps his own file's grade"
    assert "alice/bob/" not in table["bob"]["file"]


def test_results_are_never_written_inside_the_submissions(notebooks, tmp_path, capsys):
    put(tmp_path / "subs", "2201001_" + LESSON, notebooks["right"])
    assert main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "subs" / "grades")]) == 1
    assert "is inside the submissions folder" in capsys.readouterr().out


def test_a_worksheet_from_an_indonesian_moodle(notebooks, tmp_path):
    """Moodle's Indonesian language pack (5.1): recordid 'ID', hiddenuser 'Peserta', email 'Alamat surel',
    lastmodifiedgrade 'Terakhir diubah (nilai)', maxgrade 'Nilai maksimum'."""
    download = tmp_path / "download"
    put(download, moodle_path("Ani Lestari", 1234567, LESSON), notebooks["right"])
    put(download, moodle_path("", 1234568, LESSON, blind=True).replace("Participant", "Peserta"), notebooks["partial"])
    sheet = tmp_path / "lembar.csv"
    rows = [
        ["ID", "Nama lengkap", "Alamat surel", "Status", "Nilai", "Nilai maksimum", "Terakhir diubah (nilai)", "Komentar umpan balik"],
        ["Peserta1234567", "Ani Lestari", "ani@univ.ac.id", "Diajukan untuk dinilai", "", "100,00", "-", ""],
        ["Peserta1234568", "Budi Santoso", "budi@univ.ac.id", "Diajukan untuk dinilai", "", "100,00", "-", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    grade(download, out, show_progress=False, lms=LmsOptions(moodle_worksheet=sheet))
    table = rows_of(out)
    assert set(table) == {"ani@univ.ac.id", "budi@univ.ac.id"}, "keyed by email from the Indonesian worksheet"
    filled = list(csv.reader(io.StringIO((out / "moodle" / "grading-worksheet-03.csv").read_text(encoding="utf-8"))))
    right = round(notebooks["points"]["right"] / notebooks["max"] * 100, 2)
    assert filled[1][4] == f"{right:g}".replace(".", ","), "grades written into 'Nilai', with Moodle's decimal comma where it has one"


def test_two_students_with_one_name_are_never_guessed(notebooks, tmp_path):
    put(tmp_path / "subs", "Budi Santoso - " + LESSON, notebooks["right"])
    roster = tmp_path / "roster.csv"
    roster.write_text("NIM,Nama\n2201001,Budi Santoso\n2201002,Budi Santoso\n2201003,Ani Lestari\n", encoding="utf-8")
    out = tmp_path / "out"
    run = grade(tmp_path / "subs", out, show_progress=False, lms=LmsOptions(roster=roster))
    table = rows_of(out)
    assert "2201001" not in table and "2201002" not in table, "neither Budi gets the file, nor is called one who handed in nothing"
    assert table["Budi Santoso (Budi Santoso - " + LESSON + ")"]["needs_review"] == "file"
    assert any("two or more students on the class list roster.csv are called 'Budi Santoso'" in line for line in run.report)
