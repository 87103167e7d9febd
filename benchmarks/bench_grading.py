#!/usr/bin/env python3
"""Grading throughput, measured side by side in one run (run by hand).

1. ``python -m course grade`` on 500 submissions of lesson 01 (the lesson
   notebook of a practice release, about 150 KB each) answered by a real kernel (right, partly right and
   empty answers, as students save them), against the floor: a fresh Python
   that only reads and ``json``-parses the same 500 files. Best of 3 each;
   every grading run writes into a new folder. Target: at most 3x the floor.
   The first (cold) run is printed too: it computes the bank's solution
   values once and keeps them in the course's cache (``course.model.cache``).
2. With ``--nbgrader``: ``nbgrader autograde`` on 20 submissions of an
   equivalent assignment (lesson 00's nine questions, each an autograded
   answer cell with a hidden test cell). Target: the course grades at least
   100x more submissions per second. nbgrader is installed only for this, in
   ``.venv-bench`` (created on first use with pip); nothing of it is committed.
3. The cost of the class summary's statistics and charts (issue 23, point 5): a Moodle ZIP
   of 200 students' lesson 01 notebooks graded by ``python -m course grade`` as it is (item
   and test statistics, option counts, histogram, scatter and option charts) and with
   ``--no-statistics``. Best of 3 each. Target: at most 2x.

    python benchmarks/bench_grading.py [--submissions 500] [--nbgrader] [--nbgrader-submissions 20]
                                       [--statistics-students 200] [--only-statistics]
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
from course.authoring.release import release  # noqa: E402
from course.library.livevalues import from_json  # noqa: E402
from course.model.bank import find_bank  # noqa: E402

QUESTIONS = [  # the nbgrader twin of lesson 00's nine exercises: (answer line, test line)
    ('answer_run_a_cell = "Shift + Enter"', 'assert answer_run_a_cell == "Shift + Enter"'),
    ('answer_unknown_title = "leave it empty"', 'assert answer_unknown_title == "leave it empty"'),
    (
        'answer_what_is_known = {"authors", "abstract_en", "abstract_id"}',
        'assert answer_what_is_known == {"authors", "abstract_en", "abstract_id"}',
    ),
    ("answer_fewer_words = False", "assert answer_fewer_words is False"),
    ('indonesian_words = abstracts["abstract_id"].str.split().str.len().loc["fatmawati"]', "assert indonesian_words == 127"),
    (
        'word_length = (abstracts["abstract_id"].str.len() / abstracts["abstract_id"].str.split().str.len()).round(2)',
        "assert list(word_length) == [7.82, 8.03]",
    ),
    ('answer_steps = ["setup", "load", "split", "count", "ratio"]', 'assert answer_steps == ["setup", "load", "split", "count", "ratio"]'),
    ('answer_concepts = {"value-system": "eb", "transparency": "f"}', 'assert answer_concepts["transparency"] == "f"'),
    ('answer_why_quote = "evidence that readers can check"', 'assert "evidence" in answer_why_quote'),
]


LESSON01 = "01-good-governance-and-public-policy.ipynb"
FLOOR = "import json, sys\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n        json.loads(f.read())\n"


def right_calls(lesson: str) -> list[str]:
    """answer()/check() calls that answer every exercise of a lesson right, as a student sees it (letters)."""
    calls = []
    for exercise in find_bank(lesson).for_mode("practice").exercises:
        if exercise.kind in ("single", "multiple"):
            letters = [chr(65 + n) for n, o in enumerate(exercise.display_order()) if o.correct]
            calls.append(f"answer({exercise.id!r}, {letters[0] if exercise.kind == 'single' else ', '.join(letters)!r})")
        elif exercise.kind == "truefalse":
            calls.append(f"answer({exercise.id!r}, {exercise.answer!r})")
        elif exercise.kind == "categorise":
            calls.append(f"answer({exercise.id!r}, { ({i.key: i.category for i in exercise.items})!r})")
        elif exercise.kind == "ordering":
            calls.append(f"answer({exercise.id!r}, {[i.key for i in exercise.items]!r})")
        elif exercise.kind == "text":
            calls.append(f"answer({exercise.id!r}, {exercise.model_answer.get('en', 'an answer')!r})")
        elif getattr(exercise, "solution", None):  # the bank's own expression: a Series or table has no literal to type
            calls.append(f"check({exercise.id!r}, {exercise.solution})")
        else:
            calls.append(f"check({exercise.id!r}, {from_json(exercise.expected())!r})")
    return calls


def student_notebooks(bundle: Path, work: Path, lesson_file: str, variants: dict[str, str]) -> dict[str, bytes]:
    """Answer the released lesson in a real kernel, once per variant, and return the saved files."""
    saved = {}
    env = dict(os.environ, PYTHONPATH=str(bundle), COURSE_ANSWER_DIR=str(work / "answers"))
    for name, calls in variants.items():
        nb = nbformat.read(bundle / "notebooks" / "en" / lesson_file, as_version=4)
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


def timed(command: list[str]) -> float:
    """Seconds one command takes, run as on a lecturer's machine: Python caches its bytecode there.

    (Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run compile the course from source and
    measures the compiler, not the grader; the cold first run below still shows that cost once.)
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
    return elapsed


def course_grading(count: int, work: Path) -> dict[str, float]:
    """Seconds for the floor (best of 3), the first grading run, and grading (best of 3)."""
    bundle = work / "release"
    release(bundle, mode="practice", langs=["en"], lessons=["01"], log=lambda line: None)
    right = right_calls("01")
    files = student_notebooks(bundle, work, LESSON01, {"right": "\n".join(right), "partly": "\n".join(right[::2]), "empty": ""})
    subs = work / "submissions"
    subs.mkdir()
    variants = list(files.values())
    for number in range(count):
        (subs / f"{20000 + number}_{LESSON01}").write_bytes(variants[number % len(variants)])
    paths = [str(p) for p in sorted(subs.iterdir())]
    env_cache = work / "cache"
    os.environ["COURSE_CACHE_DIR"] = str(env_cache)  # a cold cache for the first run, kept for the next ones
    grade = lambda n: [sys.executable, "-m", "course", "grade", str(subs), "--out", str(work / f"grades-{n}")]  # noqa: E731
    first = timed(grade(0))
    rows = sum(1 for _ in (work / "grades-0" / "gradebook.csv").open(encoding="utf-8-sig")) - 1
    if rows != count:
        raise RuntimeError(f"graded {rows} of {count}")
    floor = min(timed([sys.executable, "-c", FLOOR, *paths]) for _ in range(3))
    ours = min(timed(grade(n)) for n in range(1, 4))
    return {"floor": floor, "first": first, "grade": ours, "count": count, "size": sum(len(v) for v in variants) / len(variants)}


def statistics_cost(count: int, work: Path) -> dict[str, float]:
    """Seconds to grade a Moodle ZIP of ``count`` students with the summary's statistics and charts and without (best of 3)."""
    import zipfile

    bundle = work / "release"
    release(bundle, mode="practice", langs=["en"], lessons=["01"], log=lambda line: None)
    right = right_calls("01")
    variants = {"right": "\n".join(right), "partly": "\n".join(right[::2]), "odd": "\n".join(right[1::2]), "few": "\n".join(right[:3])}
    files = list(student_notebooks(bundle, work, LESSON01, variants).values())
    download = work / "PA101-Lesson 01-12345.zip"
    with zipfile.ZipFile(download, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            folder = f"Student {number:03d}_{40000 + number}_assignsubmission_file_"
            archive.writestr(f"{folder}/{LESSON01}", files[(number * 7 + number // 4) % len(files)])
    os.environ["COURSE_CACHE_DIR"] = str(work / "cache")
    grade = lambda name, *extra: [sys.executable, "-m", "course", "grade", str(download), "--out", str(work / name), *extra]  # noqa: E731
    timed(grade("warm"))  # the bank's solution values into the cache, as on a lecturer's second run
    summary = (work / "warm" / "summary-01.html").read_text(encoding="utf-8")
    rows = sum(1 for _ in (work / "warm" / "gradebook.csv").open(encoding="utf-8-sig")) - 1
    if rows != count or summary.count("<img") < 2:
        raise RuntimeError(f"graded {rows} of {count}; {summary.count('<img')} charts")
    plain = min(timed(grade(f"plain-{n}", "--no-statistics")) for n in range(3))
    full = min(timed(grade(f"full-{n}")) for n in range(3))
    return {"plain": plain, "full": full, "count": count, "charts": summary.count("<img")}


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
    cells = [
        new_code_cell(
            'import pandas as pd\nabstracts = pd.read_csv("abstracts.csv").set_index("id")', metadata=meta(grade_id="setup", locked=True)
        )
    ]
    for number, (answer, test) in enumerate(QUESTIONS, start=1):
        cells.append(new_markdown_cell(f"Question {number}"))
        cells.append(new_code_cell(f"### BEGIN SOLUTION\n{answer}\n### END SOLUTION", metadata=meta(grade_id=f"q{number}", solution=True)))
        cells.append(new_code_cell(test, metadata=meta(grade_id=f"q{number}-test", grade=True, locked=True, points=1)))
    source = course / "source" / "ps00"
    source.mkdir(parents=True)
    nbformat.write(
        new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}),
        source / "lesson00.ipynb",
    )
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
    parser.add_argument("--nbgrader", action="store_true", help="also time nbgrader autograde (installs it into .venv-bench)")
    parser.add_argument("--nbgrader-submissions", type=int, default=20)
    parser.add_argument("--statistics-students", type=int, default=200)
    parser.add_argument("--only-statistics", action="store_true", help="time only the summary's statistics and charts (part 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        s = statistics_cost(args.statistics_students, work / "statistics")
        print(f"{s['count']} students in a Moodle ZIP of lesson 01, summary with {s['charts']} charts")
        print(f"grade --no-statistics         : {s['plain']:6.2f} s  (best of 3)")
        print(f"grade (statistics and charts) : {s['full']:6.2f} s  (best of 3)")
        ratio = s["full"] / s["plain"]
        print(f"-> with statistics and charts grading takes {ratio:.2f}x (target: at most 2x): {'OK' if ratio <= 2 else 'MISSED'}")
        if args.only_statistics:
            return
        m = course_grading(args.submissions, work / "course")
        theirs = nbgrader_grading(args.nbgrader_submissions, work / "nbgrader") if args.nbgrader else None
    n = m["count"]
    print(f"{n} submissions of lesson 01 (about {m['size'] / 1024:.0f} KB each)")
    print(f"floor: read + json-parse      : {m['floor']:6.2f} s  (best of 3)")
    print(f"python -m course grade        : {m['grade']:6.2f} s  (best of 3)   first run, cold cache: {m['first']:.2f} s")
    ratio = m["grade"] / m["floor"]
    print(
        f"-> grading is {ratio:.2f}x the floor (target: at most 3x): {'OK' if ratio <= 3 else 'MISSED'}"
        f"; first run {m['first'] / m['floor']:.2f}x"
    )
    if theirs:
        seconds, autograded = theirs
        per_ours, per_theirs = m["grade"] / n, seconds / autograded
        print(f"nbgrader autograde            : {autograded} submissions in {seconds:.2f} s = {1000 * per_theirs:.1f} ms each")
        print(f"-> per submission, course grade is {per_theirs / per_ours:.0f}x faster than nbgrader autograde (target: at least 100x)")


if __name__ == "__main__":
    main()
