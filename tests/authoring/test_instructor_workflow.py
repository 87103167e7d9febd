"""End to end: release a lesson, answer it as students would, grade a folder full of real and bad files.

Student notebooks are executed with nbclient's standard client, which (like
JupyterLab) applies display updates to earlier cells, so the answer records
end up in the saved file exactly as they do for a real student.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from submission_tools import put as put_file
from submission_tools import records
from submission_tools import run_as_student as answered

from course.authoring.release import BEGIN, END, release
from course.model.record import MIME, sign

ROOT = Path(__file__).resolve().parents[2]
LESSON = "00-getting-started.ipynb"
RIGHT = [
    ("answer", "00-run-a-cell", "shift-enter"),
    ("answer", "00-unknown-title", "leave-empty"),
    ("answer", "00-kind-of-source", ["transparent", "expected"]),
    ("answer", "00-fewer-words", False),
    ("answer", "00-steps-to-compare", ["setup", "load", "split", "count", "ratio", "round"]),
    (
        "answer",
        "00-concepts-by-article",
        {
            "good-governance": "both",
            "private-sector": "both",
            "partnership": "f",
            "democratic-professional": "f",
            "public-rights": "eb",
            "development-plans": "eb",
        },
    ),
    (
        "answer",
        "00-judge-a-coding",
        "I would change it. The abstract says that public policies must be formally fulfilling society's public rights, "
        "and rights to services are fulfilled through the services officials deliver, "
        "so the sentence is about public service <script>alert(1)</script>",
    ),
]
WRONG = [
    ("answer", "00-run-a-cell", "ctrl-s"),
    ("answer", "00-fewer-words", True),
    ("answer", "00-kind-of-source", ["expected", "measured"]),
]


def master_solution_lines() -> set[str]:
    lines = set()
    for master in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        for cell in nbformat.read(master, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if line.strip() == BEGIN:
                    inside = True
                elif line.strip() == END:
                    inside = False
                elif inside and len(line.strip()) > 12:
                    lines.add(line.strip())
    return lines


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """An assessment release of every lesson: the quiz notebooks."""
    out = tmp_path_factory.mktemp("release") / "assessment"
    release(out, mode="assessment", log=lambda line: None)
    return out


@pytest.fixture(scope="module")
def practice(tmp_path_factory):
    """A practice release of every lesson: the lesson notebooks."""
    out = tmp_path_factory.mktemp("release") / "practice"
    release(out, mode="practice", log=lambda line: None)
    return out


def test_release_removes_solutions_and_keys_and_locks_setup(bundle, practice):
    secrets = master_solution_lines()
    assert secrets, "the masters demonstrate their exercises in solution regions"
    for path in (practice / "notebooks").rglob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert BEGIN not in text and END not in text and not path.stem.endswith("-quiz")
        assert not [line for line in secrets if line in text], f"{path.name} leaks solution code"
        assert " = None" in text, "a code exercise keeps its variable, set to None"
        assert nbformat.read(path, as_version=4).metadata["course"]["mode"] == "practice"
    assert len(list((practice / "notebooks").rglob("*.ipynb"))) == 14
    for path in (bundle / "notebooks").rglob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert BEGIN not in text and END not in text
        leaked = [line for line in secrets if line in text]
        assert not leaked, f"{path.name} leaks solution code: {leaked}"
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["course"]["lesson"] == path.name[:2] and nb.metadata["course"]["mode"] == "assessment"
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert "widgets" not in nb.metadata
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
        locked = [c for c in nb.cells if c.metadata.get("editable") is False]
        assert any("start_lesson" in c.source for c in locked) and all(c.metadata.get("deletable") is False for c in locked)
        shown = [c for c in nb.cells if 'show("' in c.source]
        assert shown and all(c in locked for c in shown), "every exercise cell is locked"
        assert path.stem.endswith("-quiz")
    assert len(list((bundle / "notebooks").rglob("*.ipynb"))) == 14
    for bank in (bundle / "data" / "exercises").glob("*.yml"):
        text = bank.read_text(encoding="utf-8")
        for key in ("correct:", "category:", "rubric:", "solution:", "model_answer:", "explanation:", "hints:", "answer:", "concepts:"):
            assert key not in text, f"{bank.name} leaks '{key}'"
    assert json.loads((bundle / "release.json").read_text())["lessons"] == [f"{n:02d}" for n in range(7)]


def test_practice_release_ships_values_not_solution_code(tmp_path):
    release(tmp_path, mode="practice", langs=["id"], lessons=["00"], log=lambda line: None)
    bank = yaml.safe_load((tmp_path / "data" / "exercises" / "00-getting-started.yml").read_text(encoding="utf-8"))
    code = [e for e in bank["exercises"] if e["type"] == "code"]
    assert code and all("solution" not in e and "answer" in e for e in code)
    assert code[0]["answer"] == 127
    assert not (tmp_path / "notebooks" / "en").exists() and (tmp_path / "notebooks" / "id" / LESSON).exists()


def test_release_refuses_to_overwrite_the_course():
    result = subprocess.run([sys.executable, "-m", "course", "release", "--out", str(ROOT / "notebooks")], capture_output=True, text=True)
    assert result.returncode == 1 and "would overwrite the course itself" in result.stdout and not result.stderr


@pytest.mark.parametrize("which", ["practice", "bundle"])
def test_student_versions_run_top_to_bottom(which, request, tmp_path):
    folder = request.getfixturevalue(which)
    env = dict(os.environ, PYTHONPATH=str(folder), COURSE_ANSWER_DIR=str(tmp_path))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
            "-o",
            "addopts=",
            "--rootdir",
            str(folder),
            str(folder / "notebooks"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def run_as_student(bundle: Path, actions: list[tuple], code_answer: str | None, store: Path) -> dict:
    """Fill in the released lesson 00 like a student and save it with its outputs."""
    return answered(bundle, f"notebooks/en/{LESSON}", actions, store, code={"indonesian_words": code_answer} if code_answer else None)


@pytest.fixture(scope="module")
def graded(practice, tmp_path_factory):
    bundle = practice
    base = tmp_path_factory.mktemp("class")
    subs, out = base / "submissions", base / "grades"
    right = run_as_student(bundle, RIGHT, 'abstracts["abstract_id"].str.split().str.len().loc["fatmawati"]', base / "s1")
    wrong = run_as_student(bundle, WRONG, 'abstracts["abstract_en"].str.split().str.len().loc["fatmawati"]', base / "s2")
    empty = run_as_student(bundle, [], None, base / "s3")

    put = functools.partial(put_file, subs)

    put("Ani Lestari_1001_assignsubmission_file_/" + LESSON, right)  # Moodle folder
    put("budisantoso_1002_9001_" + LESSON, wrong)  # Canvas file name
    put("Citra Dewi - " + LESSON, empty)  # Google Classroom name
    put("1004_" + LESSON, b"")  # empty file
    put("1005_" + LESSON, json.dumps(right)[:5000])  # truncated upload
    put("1006_" + LESSON, b"%PDF-1.7 not a notebook")  # a PDF renamed
    other = copy.deepcopy(right)
    other["metadata"]["course"]["lesson"] = "03"
    put("1007_" + LESSON, other)  # another lesson's notebook
    tampered = copy.deepcopy(right)
    for record in records(tampered, "00-fewer-words"):
        record["answer"] = True  # edited in a text editor
    put("1008_" + LESSON, tampered)
    duplicated = copy.deepcopy(right)
    forged = copy.deepcopy(records(duplicated, "00-unknown-title")[0])
    forged["answer"] = "A"
    sign(forged)
    duplicated["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": 'show("00-unknown-title")',
            "execution_count": 99,
            "outputs": [{"output_type": "display_data", "metadata": {}, "data": {MIME: forged, "text/plain": "x"}}],
        }
    )
    put("1009_" + LESSON, duplicated)  # a duplicated cell with another answer
    deleted = copy.deepcopy(right)
    deleted["cells"] = [c for c in deleted["cells"] if "00-steps-to-compare" not in "".join(c.get("source", ""))]
    put("1010_" + LESSON, deleted)  # cells deleted
    shuffled = copy.deepcopy(right)
    shuffled["cells"] = shuffled["cells"][::-1]
    put("1011_" + LESSON, shuffled)  # cells reordered
    old = put("1012_first_" + LESSON, wrong)
    new = put("1012_second_" + LESSON, right)  # two files for one student
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    os.utime(new, (time.time(), time.time()))
    put("..\\..\\1013 weird näme_" + LESSON, right)  # path separators, odd characters
    big = copy.deepcopy(right)
    big["cells"][0].setdefault("attachments", {})["pad.txt"] = {"text/plain": "x" * 50_000_000}
    put("1014_" + LESSON, big)  # a 50 MB notebook
    cleared = copy.deepcopy(right)
    for cell in cleared["cells"]:
        if "00-judge-a-coding" in "".join(cell.get("source", "")):
            cell["outputs"] = []
    put("1015_" + LESSON, cleared)  # outputs cleared
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(subs), "--out", str(out), "--lesson", "00"],  # 1007 is of lesson 03
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, out, subs


def book(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "gradebook.csv", dtype={"student": str, "lesson": str}).set_index("student")


def test_an_unanswered_student_copy_says_not_answered_yet(practice, tmp_path):
    nb = run_as_student(practice, [], None, tmp_path)
    raw = [o.get("data", {}).get("text/plain", o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", [])]
    texts = ["".join(t) if isinstance(t, list) else t for t in raw]
    records = [t for t in texts if t.startswith("[Answer record]")]
    assert len({r.split(":")[0] for r in records}) == 12 and all(r.endswith("not answered yet") for r in records)
    assert any("Not answered yet: replace None with your computation" in t for t in texts)
    assert not [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_grading_scores_right_wrong_and_missing_answers(graded):
    result, out, _ = graded
    assert result.returncode == 0, result.stdout + result.stderr
    table = book(out)
    moodle = "Participant 1001"  # Moodle's participant number (no worksheet or roster given to map it to an email)
    assert table.loc[moodle, "points"] == 8.0 and table.loc[moodle, "max_points"] == 13.0, "right on the eight exercises answered"
    assert table.loc[moodle, "name"] == "Ani Lestari"
    assert table.loc["1002", "points"] == 0, "wrong answers score 0; a multiple choice with 1 right and 1 wrong pick scores 0"
    assert table.loc["1002", "00-kind-of-source"] == 0 and table.loc["1002", "00-count-indonesian-words"] == 0
    assert table.loc["Citra Dewi", "points"] == 0 and table.loc["Citra Dewi", "status"].startswith("graded")


def test_bad_files_get_one_clear_line_and_never_stop_the_others(graded):
    result, out, _ = graded
    report = (out / "report-00.txt").read_text(encoding="utf-8")
    table = book(out)
    expect = {
        "1004": (None, "handed in an empty file: not graded. Ask the student to upload the .ipynb file"),
        "1005": (0, "is cut off: the notebook ends abruptly"),
        "1006": (None, "handed in a PDF, not a notebook: not graded"),  # a PDF renamed .ipynb is still a PDF: named, never a 0
        "1007": (0, "is the notebook of lesson 03, not lesson 00: 0 points"),
        "1008": (7.0, "00-fewer-words: the answer record was edited outside the notebook"),
        "1009": (8.0, "00-unknown-title: two different answer records with the same attempt count"),
        "1010": (7.0, "00-steps-to-compare: the exercise's cell is missing (deleted?): 0 points"),
        "1015": (7.0, "00-judge-a-coding: no answer record (its output was cleared"),
    }
    for student, (points, line) in expect.items():
        assert table.loc[student, "points"] == points if points is not None else pd.isna(table.loc[student, "points"]), student
        assert len([reported for reported in report.splitlines() if line in reported and student in reported]) == 1, (
            f"{student}: {line!r} not reported once"
        )
    assert (table.loc["1004", "status"], table.loc["1006", "status"]) == ("empty file", "PDF, not a notebook")
    assert table.loc["1011", "points"] == 8.0, "reordered cells are graded like the original"
    assert table.loc["1012", "points"] == 8.0
    choice = [line for line in report.splitlines() if "who handed in 2 files" in line]
    assert (
        len(choice) == 1 and choice[0].startswith("1012_second_") and "most answered exercises" in choice[0] and "1012_first_" in choice[0]
    )
    assert table.loc["1014", "points"] == 8.0, "a 50 MB notebook is still graded"
    weird = [s for s in table.index if "weird" in s]
    assert weird and table.loc[weird[0], "points"] == 8.0
    assert all("/" not in p.name and "\\" not in p.name for p in (out / "feedback" / "00").iterdir())
    assert len(table) == 15 and "Traceback" not in result.stdout + result.stderr


def test_feedback_pages_explain_and_escape(graded):
    _, out, _ = graded
    page = (out / "feedback" / "00" / "1002.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Your answer" in page and "Right answer" in page
    assert "A. Control + S" in page and "C. Shift + Enter" in page, "the student's answer and the right one, in words"
    assert "That is the word count of the English abstract" in page, "the hint for the common mistake"
    right = next((out / "feedback" / "00").glob("Participant_1001*.html")).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in right and "&lt;script&gt;alert(1)&lt;/script&gt;" in right
    summary = pd.read_csv(out / "summary-00.csv")
    assert summary.iloc[0]["facility_%"] <= summary.iloc[-1]["facility_%"], "hardest exercise first"
    canvas = (out / "gradebook-canvas.csv").read_text(encoding="utf-8").splitlines()
    assert canvas[0].startswith("Student,ID,SIS User ID,SIS Login ID,Section,Lesson 00") and canvas[1].startswith("Points Possible")


def test_regrading_is_safe_and_keeps_earlier_grades(graded, tmp_path):
    _result, out, subs = graded
    before = book(out)
    late = tmp_path / "late"
    late.mkdir()
    (late / ("1099_" + LESSON)).write_bytes((subs / ("1011_" + LESSON)).read_bytes())
    again = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(late), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0 and "15 earlier gradebook rows kept" in again.stdout
    after = book(out)
    assert after.loc["1099", "points"] == 8.0
    pd.testing.assert_series_equal(after.loc[before.index, "points"], before["points"])
    assert not list(out.rglob("*.tmp")), "no half-written files"


def test_grade_command_errors_are_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert result.returncode == 1 and "is not a folder" in result.stdout and not result.stderr
    (tmp_path / "empty").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(tmp_path / "empty"), "--out", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert result.returncode == 1 and "holds no .ipynb files" in result.stdout


def test_nbgitpuller_links_open_each_lesson():
    from urllib.parse import parse_qs, urlparse

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "course",
            "links",
            "--hub",
            "https://hub.example.ac.id/",
            "--repo",
            "https://github.com/dosen/gg-release.git",
            "--lang",
            "id",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == 7 and rows[0][0] == "notebooks/id/00-getting-started.ipynb"
    link = urlparse(rows[3][1])
    assert link.netloc == "hub.example.ac.id" and link.path == "/hub/user-redirect/git-pull"
    query = parse_qs(link.query)
    assert query["repo"] == ["https://github.com/dosen/gg-release.git"] and query["branch"] == ["main"]
    assert query["urlpath"] == ["lab/tree/gg-release/notebooks/id/03-bureaucratic-reform.ipynb"]
    bad = subprocess.run([sys.executable, "-m", "course", "links", "--hub", "hub", "--repo", "x"], capture_output=True, text=True)
    assert bad.returncode == 1 and "must be full addresses" in bad.stdout
