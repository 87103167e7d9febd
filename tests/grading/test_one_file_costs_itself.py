"""One file costs only itself, and no student's file decides what the class is graded on (issue 20, points 4 and 5).

A quiz notebook whose stamp was changed in JupyterLab's metadata editor, a
stampless one when two key files are given: each is one report line naming
the file, and every other student is graded. The lesson graded comes from
``--lesson`` or the key files, never from counting the students' files.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from submission_tools import put, release_quiz, run_as_student

from course.__main__ import main
from course.authoring.release import key_path, release
from course.errors import CourseError
from course.grading.run import grade
from course.model.bank import LETTERS, find_bank
from course.model.record import MIME, sign

QUIZ = "notebooks/en/00-quiz.ipynb"
LESSON03 = "03-bureaucratic-reform.ipynb"
SINGLE = "00-quiz-unknown-date"


def rows_of(out: Path) -> dict[str, dict[str, str]]:
    return {r["student"]: r for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))}


@pytest.fixture(scope="module")
def quiz(tmp_path_factory):
    """Lesson 00's quiz released for assessment, its key file, and a notebook answering one item right by its screen letter."""
    base = tmp_path_factory.mktemp("quiz00")
    out = base / "quiz-00"
    manifest, key = release_quiz(out, "00")
    order = json.loads(key.read_text())["orders"][SINGLE]["options"]
    right = next(o.key for o in find_bank("00").get(SINGLE).options if o.correct)
    answered = run_as_student(out, QUIZ, [("answer", SINGLE, LETTERS[order.index(right)].lower())], base / "store")
    other = base / "quiz-00-b"  # another release of the same quiz (another class), with its own key file
    release(other, mode="assessment", langs=["en"], lessons=["00"], log=lambda line: None)
    other_key = key_path(other, json.loads((other / "release.json").read_text())["release"])
    return {"key": key, "other_key": other_key, "release": manifest["release"], "answered": answered}


def _restamped(nb: dict, **stamp: str | None) -> dict:
    """The notebook with its course stamp changed as JupyterLab's metadata editor changes it (None removes a field, or the stamp)."""
    nb = copy.deepcopy(nb)
    if not stamp:
        del nb["metadata"]["course"]
        return nb
    for field, value in stamp.items():
        nb["metadata"]["course"][field] = value
    return nb


# --- 5. a quiz notebook no key reads costs only itself ----------------------------------------------


def test_a_release_id_changed_in_the_metadata_editor_costs_that_file_only(quiz, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "3001_00-quiz.ipynb", quiz["answered"])
    put(subs, "3002_00-quiz.ipynb", quiz["answered"])
    put(subs, "3003_00-quiz.ipynb", _restamped(quiz["answered"], release="0123456789ab"))
    run = grade(subs, out, keys=[quiz["key"]], show_progress=False)
    table = rows_of(out)
    assert float(table["3001"]["points"]) == 1.0 and float(table["3002"]["points"]) == 1.0, "the class is graded with its key"
    assert table["3003"]["status"] == "could not be graded" and table["3003"][SINGLE] == ""
    lines = [line for line in run.report if line.startswith("3003_00-quiz.ipynb:")]
    assert len(lines) == 1 and "0123456789ab" in lines[0] and "--key" in lines[0], run.report


def test_a_stampless_quiz_notebook_with_two_keys_costs_that_file_only(quiz, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "3001_00-quiz.ipynb", quiz["answered"])
    put(subs, "3002_00-quiz.ipynb", _restamped(quiz["answered"]))
    run = grade(subs, out, keys=[quiz["key"], quiz["other_key"]], show_progress=False)
    table = rows_of(out)
    assert float(table["3001"]["points"]) == 1.0
    # its answers say which release they were made in: read with that release's key, never a key picked at random,
    # and the file gets one line saying so
    assert float(table["3002"]["points"]) == 1.0 and table["3002"]["status"] == "graded with notes"
    lines = [line for line in run.report if line.startswith("3002_00-quiz.ipynb:") and "no release stamp" in line]
    assert len(lines) == 1 and "2 key files" in lines[0] and quiz["release"] in lines[0], run.report


def test_a_stampless_quiz_notebook_whose_answers_name_no_given_release_costs_that_file_only(quiz, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "3001_00-quiz.ipynb", quiz["answered"])
    stampless = _restamped(quiz["answered"])
    for cell in stampless["cells"]:  # answers from before release ids were recorded: nothing says which key reads them
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if isinstance(record, dict):
                record["release"] = None
                sign(record)
    put(subs, "3002_00-quiz.ipynb", stampless)
    run = grade(subs, out, keys=[quiz["key"], quiz["other_key"]], show_progress=False)
    table = rows_of(out)
    assert float(table["3001"]["points"]) == 1.0
    assert table["3002"]["status"] == "could not be graded", "its letters are never read with a key picked at random"
    lines = [line for line in run.report if line.startswith("3002_00-quiz.ipynb:") and "no release stamp" in line]
    assert len(lines) == 1 and "not graded" in lines[0], run.report


def test_an_indonesian_run_says_it_in_indonesian(quiz, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "3001_00-quiz.ipynb", quiz["answered"])
    put(subs, "3003_00-quiz.ipynb", _restamped(quiz["answered"], release="0123456789ab"))
    run = grade(subs, out, lang="id", keys=[quiz["key"]], show_progress=False)
    assert [line for line in run.report if line.startswith("3003_00-quiz.ipynb: bercap rilis 0123456789ab")], run.report


# --- 4. the lesson is never counted from the students' files ---------------------------------------------


def test_extra_files_stamped_for_another_lesson_never_decide_the_lesson(lesson03, tmp_path, capsys):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON03, lesson03.right)
    put(subs, "2002_" + LESSON03, lesson03.partial)
    for n in range(3):  # one student's extra files, stamped for lesson 04: more of them than of the class's lesson
        other = copy.deepcopy(lesson03.right)
        other["metadata"]["course"]["lesson"] = "04"
        put(subs, f"900{n}_{LESSON03}", other)
    with pytest.raises(CourseError) as stopped:
        grade(subs, out, show_progress=False)
    assert len(stopped.value.problems) == 1 and "--lesson" in str(stopped.value) and "03, 04" in str(stopped.value)
    assert not out.exists(), "nothing was written"
    assert main(["grade", str(subs), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "--lesson" in printed[0], printed
    run = grade(subs, out, lesson="03", show_progress=False)
    table = rows_of(out)
    assert run.lesson == "03" and table["2001"]["status"] == "graded" and table["9000"]["status"] == "wrong lesson"


def test_the_key_file_says_the_lesson_whatever_else_is_in_the_folder(quiz, lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "3001_00-quiz.ipynb", quiz["answered"])
    for n in range(3):  # more practice notebooks of lesson 03 than quiz notebooks of lesson 00
        put(subs, f"900{n}_{LESSON03}", lesson03.right)
    run = grade(subs, out, keys=[quiz["key"]], show_progress=False)
    assert (run.lesson, run.mode) == ("00", "assessment")
    assert float(rows_of(out)["3001"]["points"]) == 1.0
