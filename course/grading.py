"""Grade submitted notebooks: ``python -m course grade SUBMISSIONS_DIR --out DIR``.

Answers are read from the answer records saved inside each notebook
(:mod:`course.submissions`); no student code runs. Each answer is checked
against the instructor's bank with the same logic as in the notebook, with
partial credit where the type allows it (multiple choice, categorise,
ordering, short text).

Written to ``DIR`` (every file atomically; running grade again is safe):

* ``gradebook.csv`` - one row per student and lesson (columns documented in
  the README); rows of students not in this run are kept, so a later run with
  late submissions never loses an earlier grade;
* ``gradebook-canvas.csv`` - the same points in Canvas's gradebook layout;
* ``feedback/<student>.html`` - each exercise, the answer, the right answer and why;
* ``summary.csv`` and ``summary.html`` - exercises by difficulty, score distribution;
* ``report.txt`` - one line per problem met, file by file.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import BankError, CourseError, Problem
from .model.bank import Bank, find_bank, option_key_for_letter
from .model.types import Exercise, MultipleChoice, Result, SingleChoice
from .feedback import student_page, summary_page
from .fileio import write_text_atomic
from .i18n import pick
from .submissions import Submission, find_submissions, read_submission, safe_name

GRADED, UNREADABLE, WRONG_LESSON, SUPERSEDED = "graded", "not readable", "wrong lesson", "superseded"
BASE_COLUMNS = ["student", "name", "lesson", "points", "max_points", "percent", "status", "file"]


@dataclass
class Graded:
    """The grade of one submission."""

    submission: Submission
    status: str
    rows: list[tuple[Exercise, Any, Result, float]] = field(default_factory=list)
    points: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class GradeRun:
    """What one grading run produced."""

    lesson: str
    graded: list[Graded]
    report: list[str]
    kept_rows: int
    out: Path


def _answer_of(exercise: Exercise, record: dict[str, Any] | None) -> Any:
    if record is None:
        return None
    answer = record.get("answer")
    if record.get("mode") == "assessment" and isinstance(exercise, SingleChoice) and answer is not None:
        if isinstance(exercise, MultipleChoice) and isinstance(answer, list):
            return sorted(k for k in (option_key_for_letter(exercise, a) for a in answer) if k)
        return option_key_for_letter(exercise, answer)
    return answer


def score(sub: Submission, bank: Bank) -> Graded:
    """Check every exercise of the lesson against what the submission recorded."""
    graded = Graded(sub, GRADED, notes=list(sub.problems))
    for exercise in bank.exercises:
        record = sub.records.get(exercise.id)
        if record is None and exercise.id in sub.tampered:
            pass  # already reported: the record was edited by hand
        elif record is None and exercise.id in sub.shown:
            graded.notes.append(f"{exercise.id}: no answer record (its output was cleared, or the cell never ran): 0 points")
        elif record is None:
            graded.notes.append(f"{exercise.id}: the exercise's cell is missing (deleted?): 0 points")
        answer = _answer_of(exercise, record)
        result = exercise.check(answer)
        points = round(exercise.points * result.score, 2)
        graded.rows.append((exercise, answer, result, points))
        graded.points += points
    graded.points = round(graded.points, 2)
    unknown = sorted(set(sub.records) - {e.id for e in bank.exercises})
    if unknown:
        graded.notes.append(f"answer records for exercises not in lesson {bank.lesson} were ignored: {', '.join(unknown)}")
    return graded


def _choose_lesson(subs: list[Submission], lesson: str | None) -> str:
    if lesson:
        return lesson
    counts = Counter(s.lesson for s in subs if s.readable and s.lesson)
    if not counts:
        raise CourseError(Problem("grade", "no readable submission says which lesson it is", "pass --lesson NN"))
    return counts.most_common(1)[0][0]


def _latest_per_student(subs: list[Submission]) -> tuple[list[Submission], list[Submission]]:
    by_student: dict[str, list[Submission]] = {}
    for sub in subs:
        by_student.setdefault(sub.student, []).append(sub)
    kept, dropped = [], []
    for group in by_student.values():
        group.sort(key=lambda s: (s.readable, s.mtime, s.attempts), reverse=True)
        kept.append(group[0])
        dropped.extend(group[1:])
    return kept, dropped


def _progress(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", mininterval=0.2, file=sys.stderr, disable=total < 2)


def grade(
    submissions: Path, out: Path, lang: str | None = None, lesson: str | None = None, show_progress: bool = True, log: Callable[[str], None] = print
) -> GradeRun:
    """Grade every notebook under ``submissions`` and write the results to ``out``."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise CourseError(Problem(str(submissions), "is not a folder", "give the folder that holds the submitted .ipynb files"))
    paths = find_submissions(submissions)
    if not paths:
        raise CourseError(Problem(str(submissions), "holds no .ipynb files", "check the folder, or unzip the LMS download first"))
    bar = _progress(len(paths)) if show_progress else None
    subs = []
    for path in paths:
        subs.append(read_submission(path, submissions))
        if bar:
            bar.update(1)
    lesson = _choose_lesson(subs, lesson)
    try:
        bank = find_bank(lesson)
    except BankError as error:
        raise CourseError(error.problems) from None
    kept, superseded = _latest_per_student(subs)
    graded = [_grade_one(sub, bank, lesson) for sub in kept]
    for sub in superseded:
        graded.append(Graded(sub, SUPERSEDED, notes=[f"an older file of student '{sub.student}': a newer one was graded"]))
    if bar:
        bar.close()
    report = [f"{g.submission.path.relative_to(submissions)}: {note}" for g in graded for note in g.notes]
    kept_rows = _write_outputs(out, lesson, bank, graded, report, lang, submissions)
    for line in report:
        log(line)
    return GradeRun(lesson, graded, report, kept_rows, out)


def _grade_one(sub: Submission, bank: Bank, lesson: str) -> Graded:
    if not sub.readable:
        return Graded(sub, UNREADABLE, notes=[f"{problem}: 0 points" for problem in sub.problems or ["could not be read"]])
    if sub.lesson and sub.lesson != lesson:
        return Graded(sub, WRONG_LESSON, notes=sub.problems + [f"is the notebook of lesson {sub.lesson}, not lesson {lesson}: 0 points"])
    return score(sub, bank)


def _write_outputs(out: Path, lesson: str, bank: Bank, graded: list[Graded], report: list[str], lang: str | None, root: Path) -> int:
    maximum = sum(e.points for e in bank.exercises)
    languages = Counter(g.submission.language for g in graded if g.submission.language)
    language = lang or (languages.most_common(1)[0][0] if languages else "en")
    title = _lesson_title(bank, language)
    rows = []
    used: dict[str, str] = {}
    for g in graded:
        if g.status == SUPERSEDED:
            continue
        sub = g.submission
        page_lang = lang or sub.language or language
        name = _unique(safe_name(sub.student), used, sub.student)
        write_text_atomic(out / "feedback" / f"{name}.html", student_page(_lesson_title(bank, page_lang), sub.student, page_lang, g.rows, g.points, maximum, g.notes))
        row = {
            "student": sub.student, "name": sub.name, "lesson": lesson, "points": g.points, "max_points": maximum,
            "percent": round(100 * g.points / maximum, 1) if maximum else 0.0, "status": g.status if not g.notes or g.status != GRADED else "graded with notes",
            "file": str(sub.path.relative_to(root)),
        }
        row.update({exercise.id: points for exercise, _, _, points in g.rows} or {e.id: 0 for e in bank.exercises})
        rows.append(row)
    kept = _write_gradebook(out / "gradebook.csv", rows, [e.id for e in bank.exercises])
    _write_canvas(out / "gradebook-canvas.csv", rows, title)
    difficulty, distribution = _summary(graded, bank, maximum, language)
    write_text_atomic(out / "summary.csv", difficulty.to_csv(index=False))
    write_text_atomic(out / "summary.html", summary_page(title, language, difficulty, distribution, report))
    write_text_atomic(out / "report.txt", "\n".join(report) + ("\n" if report else "no problems found\n"))
    return kept


def _lesson_title(bank: Bank, lang: str) -> str:
    return f"{'Lesson' if lang == 'en' else 'Pelajaran'} {bank.lesson} · {pick(bank.title, lang)}"


def _unique(name: str, used: dict[str, str], student: str) -> str:
    candidate, number = name, 2
    while candidate in used and used[candidate] != student:
        candidate, number = f"{name}-{number}", number + 1
    used[candidate] = student
    return candidate


def _write_gradebook(path: Path, rows: list[dict[str, Any]], exercise_ids: list[str]) -> int:
    columns = BASE_COLUMNS[:6] + exercise_ids + BASE_COLUMNS[6:]
    fresh = pd.DataFrame(rows, columns=columns)
    kept = 0
    if path.exists():
        try:
            earlier = pd.read_csv(path, dtype={"student": str, "lesson": str}, keep_default_na=False)
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError):
            os.replace(path, path.with_suffix(".unreadable.csv"))
            earlier = pd.DataFrame(columns=columns)
        if {"student", "lesson"} <= set(earlier.columns):
            new_keys = set(zip(fresh["student"].astype(str), fresh["lesson"].astype(str)))
            old = earlier[[(str(s), str(l)) not in new_keys for s, l in zip(earlier["student"], earlier["lesson"])]]
            kept = len(old)
            fresh = pd.concat([old, fresh], ignore_index=True)
            fresh = fresh[[c for c in columns if c in fresh.columns] + [c for c in fresh.columns if c not in columns]]
    fresh = fresh.sort_values(["lesson", "student"], kind="stable")
    write_text_atomic(path, fresh.to_csv(index=False))
    return kept


def _write_canvas(path: Path, rows: list[dict[str, Any]], title: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    maximum = rows[0]["max_points"] if rows else 0
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title])
    writer.writerow(["Points Possible", "", "", "", "", maximum])
    for row in sorted(rows, key=lambda r: r["name"] or r["student"]):
        user_id = row["student"] if str(row["student"]).isdigit() else ""
        writer.writerow([row["name"] or row["student"], user_id, "", "", "", row["points"]])
    write_text_atomic(path, buffer.getvalue())


def _summary(graded: list[Graded], bank: Bank, maximum: float, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    scored = [g for g in graded if g.status == GRADED]
    records = []
    for number, exercise in enumerate(bank.exercises):
        results = [g.rows[number][2] for g in scored]
        n = len(results) or 1
        records.append({
            "exercise": exercise.id, "type": exercise.kind, "points": exercise.points,
            "answered_%": round(100 * sum(r.answered for r in results) / n, 1),
            "mean_score_%": round(100 * sum(r.score for r in results) / n, 1),
            "fully_correct_%": round(100 * sum(r.status == "correct" for r in results) / n, 1),
        })
    difficulty = pd.DataFrame(records).sort_values(["mean_score_%", "exercise"], kind="stable")
    percents = [100 * g.points / maximum if maximum else 0 for g in graded if g.status != SUPERSEDED]
    bins = [f"{low}-{low + 9}%" if low < 90 else "90-100%" for low in range(0, 100, 10)]
    counts = Counter(min(int(p // 10), 9) for p in percents)
    distribution = pd.DataFrame({"range": bins, "students": [counts.get(i, 0) for i in range(10)]})
    return difficulty, distribution
