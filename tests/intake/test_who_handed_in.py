"""Only the LMS or the hub says who a file belongs to, and a ZIP is read without unpacking it (issue 20).

Each attack of the issue is replayed: a classmate's folder in a hub home, a
``release.json`` at the top of a home, a file named like a classmate's in a
Google Classroom download, a ZIP entry with a 300-byte name, a file and a
folder with one name, and a ZIP whose notebooks must never reach the disk.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from submission_tools import forge, put

from course.grading.run import LmsOptions, grade
from course.intake.layouts import identify_all

LESSON = "03-bureaucratic-reform.ipynb"


def rows_of(out: Path) -> dict[str, dict[str, str]]:
    return {r["student"]: r for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))}


@pytest.fixture(scope="module")
def points(lesson03, tmp_path_factory):
    """The points of the right and the partial notebook, graded on their own."""
    subs, out = tmp_path_factory.mktemp("alone") / "subs", tmp_path_factory.mktemp("alone-out")
    put(subs, "r_" + LESSON, lesson03.right)
    put(subs, "p_" + LESSON, lesson03.partial)
    table = rows_of(grade(subs, out, show_progress=False).out)
    return {"right": table["r"]["points"], "partial": table["p"]["points"]}


def _homes(base: Path, lesson03) -> Path:
    """Hub homes: alice and bob each with their release folder, as the hub gave it to them."""
    homes = base / "home"
    for user, notebook in (("alice", lesson03.right), ("jupyter-bob", lesson03.partial)):
        put(homes / user / "gg-release", "release.json", "{}")
        put(homes / user / "gg-release" / "notebooks" / "en", LESSON, notebook)
    return homes


# --- hub homes ----------------------------------------------------------------------------------------


def test_a_release_json_at_the_top_of_a_home_and_a_classmates_folder_take_nothing_from_him(lesson03, points, tmp_path):
    homes = _homes(tmp_path, lesson03)
    put(homes / "alice", "release.json", "{}")  # alice makes her whole home a "release folder"
    put(homes / "alice" / "bob", LESSON, lesson03.right)  # and a folder named after bob, with more answers than his
    put(homes / "alice" / "jupyter-bob" / "gg-release", "release.json", "{}")
    put(homes / "alice" / "jupyter-bob" / "gg-release", LESSON, lesson03.right)
    out = tmp_path / "out"
    run = grade(homes, out, lesson="03", show_progress=False)
    table = rows_of(out)
    assert set(table) == {"alice", "bob"}
    assert table["bob"]["points"] == points["partial"] and table["bob"]["file"] == f"jupyter-bob/gg-release/notebooks/en/{LESSON}"
    assert table["alice"]["file"] == f"alice/gg-release/notebooks/en/{LESSON}", "only the release folder directly in her home counts"
    for stray in (f"alice/bob/{LESSON}", f"alice/jupyter-bob/gg-release/{LESSON}"):
        assert [line for line in run.report if line.startswith(stray + ":") and "not inside a release folder" in line], (stray, run.report)


def test_a_notebook_at_the_top_of_a_home_or_named_like_moodle_counts_for_no_one_else(lesson03, tmp_path):
    homes = _homes(tmp_path, lesson03)
    put(homes / "alice", LESSON, lesson03.right)  # the top of her home: not in a release folder
    put(homes / "alice" / "gg-release" / "Budi Santoso_1234568_assignsubmission_file", LESSON, lesson03.right)
    out = tmp_path / "out"
    run = grade(homes, out, lesson="03", show_progress=False)
    assert set(rows_of(out)) == {"alice", "bob"}, "a Moodle-like folder inside a home names no participant"
    assert [line for line in run.report if line.startswith(f"alice/{LESSON}:") and "not inside a release folder" in line]
    alone = homes / "alice" / "gg-release" / "notebooks" / "en" / LESSON  # a homes folder where only alice has notebooks
    assert identify_all([alone], tmp_path, {homes / "alice" / "gg-release"})[alone].student == "alice"
    flat = tmp_path / "Lesson 03-001" / "Lesson 03"  # a Classroom folder with a release.json uploaded into it is no home
    found = identify_all([flat / ("Ani Lestari - " + LESSON), flat / ("Budi Santoso - " + LESSON)], tmp_path, {flat})
    assert sorted(i.student for i in found.values()) == ["Ani Lestari", "Budi Santoso"]


USERS = ("alice", "jupyter-bob", "carol")
SEGMENTS = st.sampled_from(
    [
        "alice",
        "bob",
        "jupyter-bob",
        "carol",
        "mallory",
        "gg-release",
        "notebooks",
        "Budi Santoso_1234568_assignsubmission_file",
        "..",
        "x",
    ]
)
FILE_NAMES = st.sampled_from(
    [
        LESSON,
        "release.json",
        "bob.ipynb",
        "Ani Lestari - 03.ipynb",
        "2201001_03.ipynb",
        "budi_501_9001_03.ipynb",
        "Budi_1234568_assignsubmission_file_03.ipynb",
    ]
)
MADE = st.lists(st.tuples(st.lists(SEGMENTS, max_size=4), FILE_NAMES), max_size=8)


@settings(max_examples=300, deadline=None)
@given(MADE, st.sampled_from([(), ("download.zip",), ("download.zip", "home")]))
def test_nothing_a_student_makes_in_his_home_names_anyone_else(made, wrappers):
    """Whatever folders, files and release.json mallory makes in his home, every file keeps its owner or has none."""
    root = Path("/grading")
    top = root.joinpath(*wrappers)
    honest = {top / user / "gg-release" / "notebooks" / "en" / LESSON: user.removeprefix("jupyter-") for user in USERS}
    roots = {top / user / "gg-release" for user in USERS}
    his = []
    for folders, name in made:
        path = top.joinpath("mallory", *folders, name)
        if name == "release.json":
            roots.add(path.parent)
        else:
            his.append(path)
    found = identify_all([*honest, *his], root, roots)
    assert {path: found[path] and found[path].student for path in honest} == honest
    assert all(found[path] is None or found[path].student == "mallory" for path in his), {p: found[p] for p in his}


# --- Google Classroom ---------------------------------------------------------------------------------


def _classroom(base: Path, lesson03, copy_of_ani: dict) -> Path:
    """A Drive download of a Classroom assignment where Budi also uploaded a file named as Ani's (Drive adds ' (1)')."""
    folder = base / "Lesson 03-20261130T090000Z-001" / "Lesson 03"
    put(folder, "Ani Lestari - " + LESSON, lesson03.right)
    put(folder, "Budi Santoso - " + LESSON, lesson03.partial)
    forged = put(folder, "Ani Lestari - 03-bureaucratic-reform (1).ipynb", copy_of_ani)
    os.utime(forged, (time.time() + 60, time.time() + 60))  # uploaded later: the newer file
    put(folder, "Citra Dewi - " + LESSON, lesson03.partial)  # Drive's copy of one upload: the same answers twice
    put(folder, "Citra Dewi - 03-bureaucratic-reform (1).ipynb", lesson03.partial)
    return folder.parent


def test_a_file_named_like_a_classmates_is_never_silently_hers(lesson03, tmp_path):
    wrong = forge(lesson03.right, "03-harmonization", answer="uniform")  # Budi's wrong answer, under Ani's name
    download, out = _classroom(tmp_path, lesson03, wrong), tmp_path / "out"
    run = grade(download, out, show_progress=False)
    table = rows_of(out)
    assert table["Ani Lestari"]["needs_review"].split() == ["file"], table["Ani Lestari"]
    lines = [line for line in run.report if "2 files carry the name 'Ani Lestari'" in line]
    assert len(lines) == 1 and "Ani Lestari - 03-bureaucratic-reform (1).ipynb" in lines[0] and "Ani Lestari - " + LESSON in lines[0]
    assert table["Citra Dewi"]["needs_review"] == "", "two copies of the same answers need no review without a roster"
    assert table["Budi Santoso"]["needs_review"] == ""


def test_with_roster_emails_even_the_same_answers_under_her_name_are_reported(lesson03, tmp_path):
    download, out = _classroom(tmp_path, lesson03, lesson03.right), tmp_path / "out"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "NIM,Nama,Email\n2201001,Ani Lestari,ani@univ.ac.id\n2201002,Budi Santoso,budi@univ.ac.id\n2201003,Citra Dewi,citra@univ.ac.id\n",
        encoding="utf-8",
    )
    run = grade(download, out, show_progress=False, lms=LmsOptions(roster=roster))
    table = rows_of(out)
    assert table["2201001"]["needs_review"] == "file" and table["2201003"]["needs_review"] == "file"
    assert table["2201002"]["needs_review"] == ""
    assert [line for line in run.report if "2 files carry the name '2201001'" in line and "(1).ipynb" in line], run.report


# --- ZIPs -----------------------------------------------------------------------------------------


def test_a_zip_entry_with_a_300_byte_name_costs_only_itself(lesson03, points, tmp_path):
    target = tmp_path / "download.zip"
    long_name = "é" * 150 + "_" + LESSON  # 300 bytes before the file name: no disk takes it
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("2201001_" + LESSON, json.dumps(lesson03.right))
        zf.writestr(long_name, b"{}")
    out = tmp_path / "out"
    run = grade(target, out, show_progress=False)
    assert rows_of(out)["2201001"]["points"] == points["right"]
    lines = [line for line in run.report if long_name in line]
    assert len(lines) == 1 and "longer than a disk allows" in lines[0], run.report


def test_a_file_and_a_folder_with_one_name_cost_only_that_file(lesson03, points, tmp_path):
    target = tmp_path / "download.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("2201001_" + LESSON, json.dumps(lesson03.right))
        zf.writestr("2201002/" + LESSON, json.dumps(lesson03.partial))  # a notebook named 2201002/03-...
        zf.writestr("2201002/" + LESSON + "/2201003_" + LESSON, json.dumps(lesson03.partial))  # ... and a folder of that name
    out = tmp_path / "out"
    run = grade(target, out, show_progress=False)
    assert rows_of(out)["2201001"]["points"] == points["right"]
    lines = [line for line in run.report if f"2201002/{LESSON}:" in line and "both a file and a folder" in line]
    assert len(lines) == 1, run.report


def test_grading_a_zip_writes_no_notebook_to_disk(lesson03, points, tmp_path, monkeypatch):
    target = tmp_path / "download.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, notebook in enumerate((lesson03.right, lesson03.partial, lesson03.right)):
            zf.writestr(f"kelas/220100{n}_{LESSON}", json.dumps(notebook))
    written: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watched_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def watched_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            written.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)
    monkeypatch.setattr(zipfile.ZipFile, "extract", lambda *a, **k: pytest.fail("a ZIP entry was extracted"))
    monkeypatch.setattr(zipfile.ZipFile, "extractall", lambda *a, **k: pytest.fail("the ZIP was extracted"))
    out = tmp_path / "out"
    grade(target, out, show_progress=False)
    monkeypatch.undo()
    assert {row["points"] for row in rows_of(out).values()} == {points["right"], points["partial"]}
    assert not [name for name in written if name.lower().endswith(".ipynb")], written
    assert not [name for name in written if "kelas" in Path(name).parts], "nothing of the ZIP's folders is made on disk"
