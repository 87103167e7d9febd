#!/usr/bin/env python3
"""Grading throughput, measured side by side in one run (run by hand).

* ``python -m course grade`` on 500 submissions of lesson 00, released in
  assessment mode and answered by a real kernel (right, partly right and
  empty answers, as students would save them). Target: under 5 seconds on
  2 cores.
* ``nbgrader autograde`` on 20 submissions of an equivalent assignment: the
  same nine questions, each an autograded answer cell with a hidden test cell,
  the same corpus file. Target: the course grades at least 100x more
  submissions per second.

nbgrader is installed only for this benchmark, in ``.venv-bench`` (created on
the first run with pip: ``python -m venv .venv-bench && .venv-bench/bin/pip
install nbgrader pandas``). Nothing of nbgrader is committed.

    python benchmarks/bench_grading.py [--submissions 500] [--nbgrader-submissions 20]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course.release import release  # noqa: E402

LESSON = "00-getting-started.ipynb"
VARIANTS = {
    "right": ('answer("00-run-a-cell", "C")\nanswer("00-unknown-title", "D")\nanswer("00-fewer-words", False)\n'
              'answer("00-what-is-known", ["A", "B", "F"])\nanswer("00-steps-to-compare", ["setup", "load", "split", "count", "ratio"])\n'
              'answer("00-why-quote", "A quote is evidence readers can check, kept to what the authors actually wrote.")',
              'abstracts["abstract_id"].str.split().str.len().loc["fatmawati"]'),
    "partly": ('answer("00-run-a-cell", "A")\nanswer("00-what-is-known", ["A", "C"])\nanswer("00-why-quote", "It is evidence.")',
               'abstracts["abstract_en"].str.split().str.len().loc["fatmawati"]'),
    "empty": ("", None),
}
QUESTIONS = [  # the nbgrader twin of lesson 00's nine exercises: (answer line, test line)
    ('answer_run_a_cell = "Shift + Enter"', 'assert answer_run_a_cell == "Shift + Enter"'),
    ('answer_unknown_title = "leave it empty"', 'assert answer_unknown_title == "leave it empty"'),
    ('answer_what_is_known = {"authors", "abstract_en", "abstract_id"}', 'assert answer_what_is_known == {"authors", "abstract_en", "abstract_id"}'),
    ("answer_fewer_words = False", "assert answer_fewer_words is False"),
    ('indonesian_words = abstracts["abstract_id"].str.split().str.len().loc["fatmawati"]', "assert indonesian_words == 127"),
    ('word_length = (abstracts["abstract_id"].str.len() / abstracts["abstract_id"].str.split().str.len()).round(2)',
     'assert list(word_length) == [7.82, 8.03]'),
    ('answer_steps = ["setup", "load", "split", "count", "ratio"]', 'assert answer_steps == ["setup", "load", "split", "count", "ratio"]'),
    ('answer_concepts = {"value-system": "eb", "transparency": "f"}', 'assert answer_concepts["transparency"] == "f"'),
    ('answer_why_quote = "evidence that readers can check"', 'assert "evidence" in answer_why_quote'),
]


def student_notebooks(bundle: Path, work: Path) -> dict[str, bytes]:
    """Answer the released lesson in a real kernel, once per variant, and return the saved files."""
    saved = {}
    env = dict(os.environ, PYTHONPATH=str(bundle), COURSE_ANSWER_DIR=str(work / "answers"))
    for name, (calls, code) in VARIANTS.items():
        nb = nbformat.read(bundle / "notebooks" / "en" / LESSON, as_version=4)
        for cell in nb.cells:
            if code and "indonesian_words = None" in cell.source:
                cell.source = cell.source.replace("indonesian_words = None", f"indonesian_words = {code}")
        if calls:
            nb.cells.append(new_code_cell(calls))
        previous = dict(os.environ)
        os.environ.update(env)
        try:
            NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(bundle / "notebooks" / "en")}}).execute()
        finally:
            os.environ.clear()
            os.environ.update(previous)
        saved[name] = nbformat.writes(nb).encode("utf-8")
    return saved


def course_grading(count: int, work: Path) -> tuple[float, int]:
    bundle = work / "release"
    release(bundle, mode="assessment", langs=["en"], lessons=["00"], log=lambda line: None)
    files = student_notebooks(bundle, work)
    subs = work / "submissions"
    subs.mkdir()
    variants = list(files.values())
    for number in range(count):
        (subs / f"{20000 + number}_{LESSON}").write_bytes(variants[number % len(variants)])
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "course", "grade", str(subs), "--out", str(work / "grades")],
                            capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    rows = sum(1 for _ in (work / "grades" / "gradebook.csv").open()) - 1
    return elapsed, rows


def nbgrader_python() -> Path:
    venv = ROOT / ".venv-bench"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print("creating .venv-bench with nbgrader (once; needs PyPI) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "nbgrader", "pandas"], check=True)
    return python


def nbgrader_assignment(course: Path) -> None:
    meta = lambda **kw: {"nbgrader": {"schema_version": 3, "task": False, "locked": False, "solution": False, "grade": False, **kw}}  # noqa: E731
    cells = [new_code_cell('import pandas as pd\nabstracts = pd.read_csv("abstracts.csv").set_index("id")', metadata=meta(grade_id="setup", locked=True))]
    for number, (answer, test) in enumerate(QUESTIONS, start=1):
        cells.append(new_markdown_cell(f"Question {number}"))
        cells.append(new_code_cell(f"### BEGIN SOLUTION\n{answer}\n### END SOLUTION", metadata=meta(grade_id=f"q{number}", solution=True)))
        cells.append(new_code_cell(test, metadata=meta(grade_id=f"q{number}-test", grade=True, locked=True, points=1)))
    source = course / "source" / "ps00"
    source.mkdir(parents=True)
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}), source / "lesson00.ipynb")
    shutil.copy(ROOT / "data" / "abstracts.csv", source / "abstracts.csv")
    (course / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "bench"\n')


def nbgrader_grading(count: int, work: Path) -> tuple[float, int]:
    python = nbgrader_python()
    course = work / "nbgrader-course"
    nbgrader_assignment(course)
    env = dict(os.environ, PATH=str(python.parent) + os.pathsep + os.environ.get("PATH", ""))  # nbgrader calls alembic by name
    env.pop("PYTHONPATH", None)

    def run(*args: str) -> None:
        result = subprocess.run([str(python), "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader {args[0]} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")

    run("generate_assignment", "ps00", "--force")
    released = json.loads((course / "release" / "ps00" / "lesson00.ipynb").read_text())
    for number in range(count):
        nb = json.loads(json.dumps(released))
        for cell in nb["cells"]:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("q") and not grade_id.endswith("-test"):
                cell["source"] = QUESTIONS[int(grade_id[1:]) - 1][0] if number % 3 != 2 else "pass"
        folder = course / "submitted" / f"s{number:03d}" / "ps00"
        folder.mkdir(parents=True)
        (folder / "lesson00.ipynb").write_text(json.dumps(nb))
        shutil.copy(course / "release" / "ps00" / "abstracts.csv", folder / "abstracts.csv")
    start = time.perf_counter()
    run("autograde", "ps00", "--force")
    elapsed = time.perf_counter() - start
    graded = len(list((course / "autograded").glob("*/ps00/lesson00.ipynb")))
    return elapsed, graded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--nbgrader-submissions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ours, graded = course_grading(args.submissions, work / "course")
        theirs, autograded = nbgrader_grading(args.nbgrader_submissions, work / "nbgrader")
    per_ours, per_theirs = ours / graded, theirs / autograded
    print(f"python -m course grade   : {graded:4d} submissions in {ours:6.2f} s  = {1000 * per_ours:8.1f} ms each "
          f"(target: {args.submissions} in under 5 s: {'OK' if ours < 5 else 'MISSED'})")
    print(f"nbgrader autograde       : {autograded:4d} submissions in {theirs:6.2f} s  = {1000 * per_theirs:8.1f} ms each")
    ratio = per_theirs / per_ours
    print(f"-> throughput per submission: course grade is {ratio:.0f}x nbgrader autograde (target: at least 100x): {'OK' if ratio >= 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
