"""Results are written all or nothing (issue 20): a locked, read-only or killed write leaves every output as it was.

A lecturer re-grades while ``gradebook.csv`` is open in Excel (Windows then
refuses to replace it), or after making it read-only, or the run is killed
midway: the folder must hold either every file of the new run or every file
of the one before, never a mix, and no temporary file.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from submission_tools import put

import course.fileio as fileio
from course.__main__ import main
from course.grading.run import grade
from course.safety import FORMULA_STARTS, csv_cell_text

LESSON = "03-bureaucratic-reform.ipynb"
REPO = Path(__file__).resolve().parents[2]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` (hidden ones too), by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def folders(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*") if p.is_dir()}


def unfinished(out: Path) -> list[str]:
    return [str(p.relative_to(out)) for p in out.rglob("*") if p.name.endswith((".tmp", ".old")) or p.name == fileio.JOURNAL]


@pytest.fixture
def graded_once(lesson03, tmp_path):
    """Ani graded; then her new file and Budi's late one wait for the next run, which changes every output."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    assert main(["grade", str(subs), "--out", str(out)]) == 0
    put(subs, "2001_" + LESSON, lesson03.partial)
    put(subs, "2002_" + LESSON, lesson03.right)
    return subs, out


LOCKED = {"the gradebook": "gradebook.csv", "the report": "report-03.txt", "a feedback page": "feedback/03/2001.html"}


@pytest.mark.parametrize("which", sorted(LOCKED))
def test_a_file_open_in_excel_leaves_every_output_as_it_was(graded_once, monkeypatch, capsys, which):
    subs, out = graded_once
    before, tree = snapshot(out), folders(out)
    locked = out / LOCKED[which]
    real = os.replace

    def windows_replace(source, target, *args, **kwargs):  # Excel holds the file: Windows refuses to move it or replace it
        if locked in (Path(source), Path(target)):
            raise PermissionError(13, "The process cannot access the file because it is being used by another process", str(target))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "replace", windows_replace)
    capsys.readouterr()
    assert main(["grade", str(subs), "--out", str(out), "--classroom"]) == 1  # --classroom: a new folder too
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1, printed
    assert printed[0].startswith(str(locked)) and "open in Excel" in printed[0] and "Nothing was changed" in printed[0], printed
    assert "close the file" in printed[0]
    assert snapshot(out) == before, "every output as it was before the run"
    assert folders(out) == tree and not unfinished(out), "no new folder, no temporary file"
    monkeypatch.setattr(fileio.os, "replace", real)
    assert main(["grade", str(subs), "--out", str(out)]) == 0, "closed in Excel: the next run writes everything"
    assert snapshot(out)["gradebook.csv"] != before["gradebook.csv"]


def test_a_read_only_gradebook_is_not_replaced_and_nothing_changes(graded_once, capsys):
    subs, out = graded_once
    (out / "gradebook.csv").chmod(0o444)
    before = snapshot(out)
    capsys.readouterr()
    assert main(["grade", str(subs), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "gradebook.csv" in printed[0] and "read-only" in printed[0], printed
    assert snapshot(out) == before and not unfinished(out)
    (out / "gradebook.csv").chmod(0o644)
    assert main(["grade", str(subs), "--out", str(out)]) == 0


KILLER = """
import os, sys
from pathlib import Path
import course.fileio as fileio
from course.grading.run import grade
real, calls = os.replace, []
def dying(source, target, *args, **kwargs):
    calls.append(target)
    if len(calls) > int(sys.argv[3]):
        os._exit(137)  # killed: no clean-up of any kind runs
    return real(source, target, *args, **kwargs)
fileio.os.replace = dying
grade(Path(sys.argv[1]), Path(sys.argv[2]), show_progress=False)
"""


def kill_midway(subs: Path, out: Path, replaces: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", KILLER, str(subs), str(out), str(replaces)], env=env, cwd=REPO, capture_output=True)
    assert done.returncode == 137, done.stderr.decode()[-2000:]


def test_a_run_killed_while_replacing_is_undone_on_the_next_run(graded_once):
    subs, out = graded_once
    before = snapshot(out)
    kill_midway(subs, out, 4)  # the journal, one file replaced, the next one set aside: then killed
    assert unfinished(out), "the killed run left its journal and temporary files"
    assert snapshot(out) != before
    temporary = [name for name in snapshot(out) if name.endswith(".tmp")]
    assert fileio.recover(out) == (2, len(temporary)), "two files put back (one replaced, one set aside), every copy removed"
    assert snapshot(out) == before, "put back exactly as before the killed run"
    assert not unfinished(out)
    kill_midway(subs, out, 6)
    run = grade(subs, out, show_progress=False)
    assert any("an earlier run was stopped while writing its results" in line for line in run.report), run.report
    assert not unfinished(out)
    table = list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert {row["student"] for row in table} == {"2001", "2002"}


def test_leftover_temporary_files_of_a_killed_run_are_removed(lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    grade(subs, out, show_progress=False)
    leftovers = [
        out / ".gradebook.csv.k3j_9x2a.tmp",
        out / "feedback" / "03" / ".2001.html.abcdefgh.tmp",
        out / ".report-03.txt.0a1b2c3d.old",
    ]
    for path in leftovers:
        path.write_bytes(b"half a file")
    mine = [out / "notes.tmp", out / ".my-notes.tmp"]  # the lecturer's own files are not the grader's to remove
    for path in mine:
        path.write_text("mine", encoding="utf-8")
    run = grade(subs, out, show_progress=False)
    assert not any(path.exists() for path in leftovers)
    assert all(path.read_text(encoding="utf-8") == "mine" for path in mine)
    assert any("3 unfinished files removed" in line for line in run.report), run.report


@pytest.mark.parametrize("student", ["=cmd|x", "-1", "+62812", "@home"])
def test_an_id_a_spreadsheet_would_run_stays_one_row_when_graded_twice(lesson03, tmp_path, student):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, f"{student}_{LESSON}", lesson03.right)
    put(subs, "2002_" + LESSON, lesson03.partial)
    for _ in range(2):
        grade(subs, out, show_progress=False)
    cells = list(csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert len(cells) == 3, cells
    assert sorted(csv_cell_text(row[0]) for row in cells[1:]) == sorted([student, "2002"])
    assert not [cell for row in cells for cell in row if cell.startswith(FORMULA_STARTS)], "still no formula"
