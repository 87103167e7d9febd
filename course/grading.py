"""Grade submitted notebooks: ``python -m course grade SUBMISSIONS_DIR --out DIR``.

Answers are read from the answer records saved inside each notebook
(:mod:`course.submissions`); no student code runs. Each answer is validated
against the schema of its exercise type, then checked against the
instructor's bank with the same logic as in the notebook, with partial credit
where the type allows it. Nothing a submission holds can stop the run: what
cannot be read or trusted costs the exercise (or the file) it belongs to and
gets one line in the report; an unexpected error inside one submission
becomes a report line for that submission.

Written to ``DIR`` (all together, atomically, after everything is computed;
an existing gradebook that cannot be read stops the run before anything is
written):

* ``gradebook.csv`` - one row per student, lesson and mode (columns documented in
  the README), merged with the rows already there (:mod:`course.gradebook`);
* ``gradebook-canvas.csv`` - every lesson and mode of the merged gradebook in Canvas's
  gradebook layout;
* ``feedback/<label>/<student>.html`` - each exercise, the answer, the right answer and why;
* ``summary-<label>.csv`` and ``summary-<label>.html`` - exercises by difficulty,
  score distribution, from the merged gradebook;
* ``report-<label>.txt`` - one line per problem met, file by file, in the run's language, each run
  added below the earlier ones.

``<label>`` is the assignment label, ``NN`` for the practice set and
``NN-quiz`` for the quiz (:func:`course.assignments.assignment_label`), so the
two assignments of a lesson never share a file. Files that are not notebooks
(a PDF, an image) become rows of their own (:mod:`course.intake`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .archive import extract_download, is_zip
from .assignments import assignment_label, assignment_title, lesson_title, output_names
from .errors import BankError, CourseError, Problem
from .feedback import student_page, summary_page
from .fileio import StagedWrites
from .gradebook import GRADED_STATUSES, NO_SUBMISSION, Gradebook
from .layouts import Identity
from .lms import Outcome, canvas as lms_canvas, classroom as lms_classroom, moodle as lms_moodle
from .i18n import LANGUAGES, pick
from .intake import NOT_NOTEBOOK, name_unreadable, other_submissions, report_note, student_note
from .messages import Message, say, text_in
from .model import schema
from .model.bank import Bank, find_bank
from .model.types import TYPE_NAMES, UNANSWERED, Exercise, Result
from .roster import Roster, read_roster
from .safety import one_line
from .messages import run_language
from .screen import screens
from .spreadsheet import gradebook_xlsx
from .summary import summarise, table_csv
from .submissions import Submission, find_submissions, read_submission, safe_name

GRADED, UNREADABLE, WRONG_LESSON, SUPERSEDED, FAILED = "graded", "not readable", "wrong lesson", "superseded", "could not be graded"
LESSON = re.compile(r"^[0-9]{2}$")


@dataclass
class Graded:
    """The grade of one submission."""

    submission: Submission
    status: str
    rows: list[tuple[Exercise, Any, Result, float]] = field(default_factory=list)
    points: float = 0.0
    notes: list[Message] = field(default_factory=list)  # written in the reader's language: the report's, the feedback page's
    key: ReleaseKey | None = None  # the release key its letters were read with: the feedback page shows that screen


@dataclass
class GradeRun:
    """What one grading run produced."""

    lesson: str
    graded: list[Graded]
    report: list[str]  # as written: in the run's language
    kept_rows: int
    out: Path
    mode: str = "practice"
    lms_files: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The assignment graded: ``NN`` (practice) or ``NN-quiz``."""
        return assignment_label(self.lesson, self.mode)


@dataclass(frozen=True)
class ReleaseKey:
    """What a lecturer's key file says: per exercise, the master keys in the order students saw them."""

    release: str
    orders: dict[str, dict[str, list[str]]]


@dataclass
class LmsOptions:
    """Where the grades go: the class list and the files the lecturer downloaded from the LMS."""

    roster: Path | None = None
    moodle_worksheet: Path | None = None
    canvas_gradebook: Path | None = None
    canvas_assignment: str | None = None
    points_possible: float | None = None
    classroom: bool = False


@dataclass
class LmsInputs:
    """The LMS files, read and checked before anything is graded."""

    options: LmsOptions
    roster: Roster | None = None
    worksheet: lms_moodle.Worksheet | None = None
    canvas: lms_canvas.CanvasBook | None = None
    canvas_column: int | None = None


def read_lms_inputs(options: LmsOptions) -> LmsInputs:
    """Read the roster, worksheet and gradebook export; a bad one stops the run before anything is written."""
    if options.points_possible is not None and not options.points_possible > 0:
        raise CourseError(Problem("grade", f"--points-possible {options.points_possible:g} is not a positive number", "give the LMS assignment's maximum, e.g. --points-possible 100"))
    inputs = LmsInputs(options)
    if options.moodle_worksheet:
        inputs.worksheet = lms_moodle.read_worksheet(Path(options.moodle_worksheet))
    if options.canvas_gradebook:
        inputs.canvas = lms_canvas.read_canvas_gradebook(Path(options.canvas_gradebook))
    if options.roster:
        inputs.roster = read_roster(Path(options.roster))
    elif inputs.worksheet:
        inputs.roster = lms_moodle.worksheet_roster(inputs.worksheet)
    elif inputs.canvas:
        inputs.roster = lms_canvas.canvas_roster(inputs.canvas)
    return inputs


def read_keys(paths: list[Path]) -> dict[str, ReleaseKey]:
    """The key files given with ``--key``, checked against ``release-key.schema.json``, by release id."""
    keys = {}
    for path in paths:
        try:
            data = schema.loads(Path(path).read_bytes())
        except (OSError, ValueError, RecursionError) as error:
            raise CourseError(Problem(str(path), f"cannot be read as a key file ({getattr(error, 'strerror', None) or error})", "give the .key-<release>.json file that release wrote")) from None
        problem = schema.problem("release-key", data, "the key file", bounded=False)
        if problem:
            raise CourseError(Problem(str(path), f"is not a release key file: {problem}", "give the .key-<release>.json file that release wrote"))
        keys[data["release"]] = ReleaseKey(data["release"], data["orders"])
    return keys


def _answer_of(exercise: Exercise, record: dict[str, Any], key: ReleaseKey | None) -> Any:
    """The answer in master keys: letters from an assessment release go through the release's key (the type reads them)."""
    answer = record["answer"]
    if record["mode"] != "assessment" or answer is None:
        return answer
    order = key.orders.get(exercise.id, {}).get("options", []) if key else None
    return exercise.from_release_letters(answer, order)


def _validated_answer(exercise: Exercise, record: dict[str, Any] | None, sub: Submission, notes: list[Message], key: ReleaseKey | None = None) -> Any:
    """The answer to check, or None (with a note) when the record is missing, edited or of the wrong shape."""
    kind = TYPE_NAMES[exercise.kind]
    if record is None:
        if exercise.id in sub.invalid:
            notes.append(Message("record_damaged", exercise=exercise.id, problem=sub.invalid[exercise.id]))
        elif exercise.id in sub.tampered:
            pass  # already reported: the record was edited by hand
        elif exercise.id in sub.shown:
            notes.append(Message("record_missing", exercise=exercise.id))
        else:
            notes.append(Message("cell_missing", exercise=exercise.id))
        return None
    if record["type"] != exercise.kind:
        notes.append(Message("record_wrong_type", exercise=exercise.id, found=TYPE_NAMES.get(record["type"], record["type"]), kind=kind))
        return None
    problem = schema.answer_problem(exercise.kind, record["answer"])
    if problem:
        notes.append(Message("answer_invalid", exercise=exercise.id, kind=kind, problem=problem))
        return None
    return _answer_of(exercise, record, key)


def score(sub: Submission, bank: Bank, key: ReleaseKey | None = None) -> Graded:
    """Check every exercise of the lesson against what the submission recorded."""
    graded = Graded(sub, GRADED, notes=list(sub.problems) + _binding_notes(sub), key=key)
    for exercise in bank.exercises:
        answer = _validated_answer(exercise, sub.records.get(exercise.id), sub, graded.notes, key)
        result = exercise.check(answer)
        if result.review:
            feedback = {lang: pick(result.feedback[1], lang).rstrip(".") for lang in LANGUAGES}
            graded.notes.append(Message("needs_review", exercise=exercise.id, feedback=feedback))
        points = round(exercise.points * result.score, 2)
        graded.rows.append((exercise, answer, result, points))
        graded.points += points
    graded.points = round(graded.points, 2)
    unknown = sorted((set(sub.records) | set(sub.invalid)) - {e.id for e in bank.exercises})
    if unknown:
        graded.notes.append(Message("unknown_records", lesson=bank.lesson, exercises=", ".join(unknown)))
    return graded


def _choose_mode(subs: list[Submission], lesson: str, keys: dict[str, ReleaseKey] | None = None) -> str:
    """The mode most notebooks of the lesson were released in (practice when none says).

    A key file given for a release the lesson's notebooks come from means the
    assessment is graded, even where as many practice notebooks sit beside them
    (a hub home holds both releases of a lesson).
    """
    counts = Counter(s.mode for s in subs if s.readable and s.lesson == lesson and s.mode)
    if keys and any(s.mode == "assessment" and s.release in keys for s in subs if s.readable and s.lesson == lesson):
        return "assessment"
    return counts.most_common(1)[0][0] if counts else "practice"


def _key_for(sub: Submission, keys: dict[str, ReleaseKey]) -> ReleaseKey | None:
    if sub.release in keys:
        return keys[sub.release]
    return next(iter(keys.values())) if len(keys) == 1 and not sub.release else None


def _require_keys(subs: list[Submission], lesson: str, keys: dict[str, ReleaseKey]) -> None:
    """Stop before anything is written when assessment notebooks cannot be mapped back to the options."""
    missing = sorted({s.release or "?" for s in subs if s.readable and s.lesson == lesson and s.mode == "assessment" and _key_for(s, keys) is None})
    if missing:
        raise CourseError(Problem(
            "grade", f"notebooks of release {', '.join(missing)} were released for assessment: the letters students chose map to the options only through that release's key file",
            "pass --key with the file release wrote beside the release folder (<folder>.key-<release>.json); nothing was written",
        ))


def identical_answers(graded: list[Graded], minimum: int = 3) -> list[Message]:
    """One line per group of students whose answer records are identical (possible copying; no penalty).

    A group whose every member scored full points on every answered exercise
    is left out: the right answers are the same for everyone who knows them.
    """
    groups: dict[str, list[Graded]] = {}
    for g in graded:
        answered = sorted((e, json.dumps(r["answer"], sort_keys=True)) for e, r in g.submission.records.items() if r["answer"] is not None)
        if g.status == GRADED and len(answered) >= minimum:
            groups.setdefault(json.dumps(answered), []).append(g)
    lines = []
    for key, members in groups.items():
        if len(members) > 1 and not all(_all_right(g) for g in members):
            count, students = len(json.loads(key)), sorted(g.submission.student for g in members)
            lines.append(Message("identical_answers", count=len(students), exercises=count, students=", ".join(students)))
    return lines


def _all_right(g: Graded) -> bool:
    """Every answered exercise scored full points: honest students who all know the answers hand in the same set."""
    answered = [(exercise, points) for exercise, answer, result, points in g.rows if result.status != UNANSWERED]
    return bool(answered) and all(points >= exercise.points for exercise, points in answered)


def mode_name(mode: str | None) -> Message | str:
    """A release mode as the report names it (practice, assessment), in the reader's language."""
    return Message(f"mode_name_{mode}") if mode in ("practice", "assessment") else str(mode)


def _binding_notes(sub: Submission) -> list[Message]:
    """Records made in another mode or release than the notebook says it belongs to (no penalty: for the lecturer to look at)."""
    notes = []
    modes = {r["mode"] for r in sub.records.values()}
    releases = {r.get("release") for r in sub.records.values() if r.get("format", 1) >= 2}
    if sub.mode and modes - {sub.mode}:
        notes.append(Message("other_mode_records", modes=[mode_name(m) for m in sorted(modes - {sub.mode})], mode=mode_name(sub.mode)))
    if sub.release and releases - {sub.release}:
        others = ", ".join(sorted(str(r) for r in releases - {sub.release}))
        notes.append(Message("other_release_records", others=others, release=sub.release))
    return notes


def _choose_lesson(subs: list[Submission], lesson: str | None) -> str:
    if lesson:
        if not LESSON.match(lesson):
            raise CourseError(Problem("grade", f"--lesson {lesson!r} is not a lesson number", "give two digits, e.g. --lesson 03"))
        return lesson
    counts = Counter(s.lesson for s in subs if s.readable and s.lesson)
    if not counts:
        raise CourseError(Problem("grade", "no readable submission says which lesson it is", "pass --lesson NN"))
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = ", ".join(sorted(lesson for lesson, count in ranked if count == ranked[0][1]))
        raise CourseError(Problem("grade", f"the folder holds as many notebooks of lessons {tied} (home folders of a hub?)", "say which lesson to grade with --lesson NN"))
    return ranked[0][0]


def _file_rank(sub: Submission, lesson: str, mode: str) -> tuple:
    """Which of a student's files counts: readable, of the lesson, of the mode, most answers, then newest."""
    return (sub.readable, sub.lesson == lesson, sub.mode in (mode, None), sub.answered, sub.mtime)


def choose_files(subs: list[Submission], lesson: str, mode: str) -> tuple[list[Submission], list[Submission], list[Message]]:
    """One file per student (see :func:`_file_rank`), the files passed over, and a report line per choice.

    A student's notebooks of other lessons (a hub home holds them all) are
    passed over without a line when the student has one of this lesson.
    """
    by_student: dict[str, list[Submission]] = {}
    for sub in subs:
        by_student.setdefault(sub.student, []).append(sub)
    kept: list[Submission] = []
    dropped: list[Submission] = []
    lines: list[Message] = []
    for student, group in by_student.items():
        group.sort(key=lambda s: _file_rank(s, lesson, mode), reverse=True)
        winner, others = group[0], group[1:]
        kept.append(winner)
        dropped.extend(others)
        rivals = [o for o in others if o.lesson == lesson or not o.readable or o.lesson is None] if winner.lesson == lesson else others
        if rivals:
            chosen = Message("chosen_file", student=student, count=len(rivals) + 1, why=_why(winner, rivals, lesson, mode))
            lines.append(Message("file_note", file=winner.display, note=chosen))
    return kept, dropped, lines


def _why(winner: Submission, rivals: list[Submission], lesson: str, mode: str) -> Message:
    runner = rivals[0]
    counts = Message("answered_counts", answered=winner.answered, others=[Message("answered_in", count=r.answered, file=r.display) for r in rivals])
    if not runner.readable:
        return Message("why_unreadable", files=", ".join(r.display for r in rivals))
    if runner.lesson != lesson:
        return Message("why_lesson", lesson=lesson, other=runner.display, other_lesson=runner.lesson or "?")
    if runner.mode not in (mode, None):
        return Message("why_mode", mode=mode_name(mode), other=runner.display, other_mode=mode_name(runner.mode))
    if winner.answered > runner.answered:
        return Message("why_most", counts=counts)
    return Message("why_newest", counts=counts)


def _progress(total: int, show: bool) -> Any:
    """A progress bar on a terminal (none when the output goes to a file or a pipe)."""
    if not show or total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", mininterval=0.2, file=sys.stderr)


PARALLEL_FROM = 64


def _read_pair(pair: tuple[Path, Identity | None], root: Path) -> Submission:
    return read_submission(pair[0], root, pair[1])


def read_all(paths: list[Path], root: Path, show_progress: bool = True, identities: dict[Path, Identity] | None = None) -> list[Submission]:
    """Read every submission, in order; on a machine with several cores, in several processes.

    Reading and parsing JSON is most of the work, and each file is independent:
    with ``fork`` (Linux) the files are shared out among up to four worker
    processes. Reading never raises, so a bad file cannot stop a worker.
    """
    workers = min(os.cpu_count() or 1, 4)
    parallel = len(paths) >= PARALLEL_FROM and workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    if parallel:  # compile the validators once, before the workers are forked, instead of once in each
        for name, definition in (("notebook", None), ("notebook", "cell"), ("notebook", "stamp"), ("answer-record", None)):
            schema.validator(name, definition)
    pool = multiprocessing.get_context("fork").Pool(workers) if parallel else None
    bar = _progress(len(paths), show_progress)
    try:
        pairs = [(p, (identities or {}).get(p)) for p in paths]
        reader = functools.partial(_read_pair, root=root)
        results = pool.imap(reader, pairs, chunksize=16) if pool else (reader(p) for p in pairs)
        subs = []
        for sub in results:
            subs.append(sub)
            if bar:
                bar.update(1)
        return subs
    finally:
        if pool:
            pool.close()
            pool.join()
        if bar:
            bar.close()


def _check_places(submissions: Path, out: Path) -> None:
    if not submissions.exists():
        raise CourseError(Problem(str(submissions), "is not a folder", "give the folder that holds the submitted .ipynb files, or the ZIP the LMS gave you"))
    if not submissions.is_dir() and not is_zip(submissions):
        raise CourseError(Problem(str(submissions), "is not a folder or a zip file", "give the folder that holds the submitted .ipynb files, or the ZIP the LMS gave you"))
    if out.exists() and not out.is_dir():
        raise CourseError(Problem(str(out), "is a file, not a folder", "give --out a folder for the gradebook and feedback pages"))
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise CourseError(Problem(str(out), f"cannot be made: {parent} is a file", "give --out a folder"))
    try:
        if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
            raise CourseError(Problem(str(out), "is inside the submissions folder", "give --out a folder outside it, so feedback pages are never read as submissions"))
    except OSError:
        pass


def grade(
    submissions: Path, out: Path, lang: str | None = None, lesson: str | None = None, show_progress: bool = True,
    log: Callable[[str], None] = print, keys: list[Path] | None = None, lms: LmsOptions | None = None,
) -> GradeRun:
    """Grade every notebook under ``submissions`` (a folder, or an LMS's ZIP) and write the results to ``out``.

    Notebooks released for assessment need the release's key file (``keys``):
    their choice answers are the letters on the students' screens. ``lms``
    names the class list and the LMS files to fill (see :class:`LmsOptions`).
    """
    submissions, out = Path(submissions), Path(out)
    release_keys = read_keys(list(keys or []))
    _check_places(submissions, out)
    if lang is not None and lang not in LANGUAGES:
        raise CourseError(Problem("grade", f"unknown language {lang!r}", "use --lang en or --lang id"))
    inputs = read_lms_inputs(lms or LmsOptions())
    book = Gradebook.read(out / "gradebook.csv")  # before anything is written: an unreadable gradebook stops the run
    if submissions.is_dir():
        return _grade_folder(submissions, out, lang, lesson, show_progress, log, release_keys, inputs, book, [])
    with tempfile.TemporaryDirectory(prefix="course-grade-") as folder:
        skipped = extract_download(submissions, Path(folder))
        unpacked = [Message("file_note", file=f"{submissions.name}: {one_line(entry)}", note=reason) for entry, reason in skipped]
        return _grade_folder(Path(folder), out, lang, lesson, show_progress, log, release_keys, inputs, book, unpacked)


def _grade_folder(
    submissions: Path, out: Path, lang: str | None, lesson: str | None, show_progress: bool, log: Callable[[str], None],
    release_keys: dict[str, ReleaseKey], inputs: LmsInputs, book: Gradebook, report: list[Message],
) -> GradeRun:
    inventory = find_submissions(submissions)
    others = other_submissions(inventory, submissions)
    if not inventory.files and not inventory.skipped and not others:
        if report:  # a zip whose every entry was refused
            raise CourseError([Problem("grade", str(line)) for line in report] + [Problem("the zip file", "holds no notebook that could be unpacked", "see the lines above")])
        raise CourseError(Problem(str(submissions), "holds no .ipynb files", "check the folder, or unzip the LMS download first"))
    subs = read_all(inventory.files, submissions, show_progress, inventory.identities(submissions))
    for sub in subs:
        name_unreadable(sub)
    subs += others
    if not subs and not lesson:
        skipped = [Problem(one_line(_display(path, submissions)), str(reason)) for path, reason in inventory.skipped]
        raise CourseError(skipped + [Problem(str(submissions), "holds no notebook that could be read", "see the lines above")])
    lesson = _choose_lesson(subs, lesson)
    mode = _choose_mode(subs, lesson, release_keys)
    try:
        bank = find_bank(lesson).for_mode(mode)
    except BankError as error:
        raise CourseError(error.problems) from None
    if inputs.canvas:
        inputs.canvas_column = lms_canvas.choose_column(inputs.canvas, inputs.options.canvas_assignment, lesson, _title_variants(bank, mode), mode == "assessment")
    roster_lines = _apply_roster(subs, inputs)
    kept, superseded, choices = choose_files(subs, lesson, mode)
    _require_keys(kept, lesson, release_keys)
    language = run_language(lang, (s.language for s in subs))
    graded = [_grade_one(sub, bank, lesson, _key_for(sub, release_keys), mode) for sub in kept]
    graded += [Graded(sub, SUPERSEDED) for sub in superseded]
    rows_of_their_own = {s.path for s in others}
    report += [Message("file_note", file=one_line(_display(path, submissions)), note=reason) for path, reason in inventory.skipped if path not in rows_of_their_own]
    report += choices
    report += [Message("file_note", file=g.submission.display, note=note) for g in graded for note in g.notes]
    report += identical_answers(graded)
    report += roster_lines(kept)
    kept_rows, lms_files = _write_outputs(out, lesson, mode, bank, graded, report, lang, book, inputs)
    lines = report_lines(report, language)
    for line in lines:
        log(line)
    return GradeRun(lesson, graded, lines, kept_rows, out, mode, lms_files)


def report_lines(report: list[Message], lang: str) -> list[str]:
    """The report as written: each entry in ``lang``, on one line."""
    return [one_line(text_in(entry, lang)) for entry in report]


def _title_variants(bank: Bank, mode: str = "practice") -> list[str]:
    titles = [lesson_title(bank, language) for language in LANGUAGES] + [pick(bank.title, language) for language in LANGUAGES]
    return titles + [assignment_title(bank, mode, language) for language in LANGUAGES] if mode == "assessment" else titles


def _apply_roster(subs: list[Submission], inputs: LmsInputs) -> Callable[[list[Submission]], list[Message]]:
    """Give each submission the roster's id, name and email; returns what to report once files are chosen."""
    roster = inputs.roster
    late = lms_moodle.late_participants(inputs.worksheet) if inputs.worksheet else set()
    unmatched: set[int] = set()
    shared: set[int] = set()
    for sub in subs:
        identity = sub.identity or Identity(sub.student, sub.name)
        person = roster.match(identity, sub.student) if roster else None
        if person:
            sub.student, sub.name, sub.email = one_line(person.id), one_line(person.name or sub.name), one_line(person.email)
            sub.participant = person.participant or sub.participant
        elif roster:
            (shared if roster.shared_name(identity, sub.student) else unmatched).add(id(sub))
        sub.late = sub.late or (bool(sub.participant) and sub.participant in late)

    def lines(kept: list[Submission]) -> list[Message]:
        if roster is None:
            moodle = [s for s in kept if s.identity and s.identity.source == "moodle"]
            return [Message("moodle_numbers")] if moodle else []
        where = roster.path.name if roster.path else Message("the_roster")
        found = [Message("file_note", file=s.display, note=Message("not_on_roster", student=s.student, roster=where)) for s in kept if id(s) in unmatched]
        found += [Message("file_note", file=s.display, note=Message("shared_name", student=s.student, roster=where)) for s in kept if id(s) in shared]
        handed_in = {s.student for s in kept}
        missing = [p for p in roster.people if p.id not in handed_in]
        if missing:
            names = ", ".join(one_line(p.name or p.id) for p in missing[:20])
            found.append(Message("absent", count=len(missing), roster=where, names=names, more=" ..." if len(missing) > 20 else "", status=Message(f"status_{NO_SUBMISSION}")))
        return found

    return lines


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name


def _grade_one(sub: Submission, bank: Bank, lesson: str, key: ReleaseKey | None = None, mode: str = "practice") -> Graded:
    """Grade one submission; an unexpected error becomes a note on it, never a stop."""
    try:
        if sub.handed_in:  # a PDF, an image, an empty file: named, never graded
            return Graded(sub, sub.handed_in, notes=[report_note(sub)])
        if not sub.readable:
            return Graded(sub, UNREADABLE, notes=[Message("zero_points", note=problem) for problem in sub.problems or [Message("unreadable")]])
        if sub.lesson and sub.lesson != lesson:
            return Graded(sub, WRONG_LESSON, notes=sub.problems + [Message("wrong_lesson", found=sub.lesson, lesson=lesson)])
        graded = score(sub, bank, key)
        if sub.mode and sub.mode != mode:
            graded.notes.insert(0, Message("other_mode_practice" if sub.mode == "practice" else "other_mode", found=mode_name(sub.mode), lesson=lesson, mode=mode_name(mode)))
        return graded
    except Exception as error:  # noqa: BLE001 - one strange file must never stop the class
        return Graded(sub, FAILED, notes=[Message("grading_failed", error=type(error).__name__)])


def feedback_name(student: str) -> str:
    """The feedback page's file name: readable, and distinct for ids that read alike once made safe."""
    name = safe_name(student)
    if name != student:
        name += "-" + hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return name + ".html"


def _write_outputs(
    out: Path, lesson: str, mode: str, bank: Bank, graded: list[Graded], report: list[Message], lang: str | None, book: Gradebook, inputs: LmsInputs | None = None,
) -> tuple[int, list[str]]:
    """Stage and write every file of the run; returns the earlier gradebook rows kept and the LMS files written."""
    inputs = inputs or LmsInputs(LmsOptions())
    maximum = sum(e.points for e in bank.exercises)
    language = run_language(lang, (g.submission.language for g in graded))
    label = assignment_label(lesson, mode)
    names = output_names(label)
    staged = StagedWrites()
    rows: list[dict[str, Any]] = []
    outcomes: list[Outcome] = []
    keys: dict[tuple[int, str], str] = {}
    for g in graded:
        if g.status == SUPERSEDED:
            continue
        sub = g.submission
        page_lang = lang or (sub.language if sub.language in LANGUAGES else language)
        page = None
        try:
            seen = screens([row[0] for row in g.rows], sub.records, g.key.orders if g.key else None)
            if g.status in NOT_NOTEBOOK:  # nothing was graded: the page says what was handed in, in the student's words, and no score
                page = student_page(assignment_title(bank, mode, page_lang), sub.student, page_lang, [], None, maximum, [student_note(g.status, page_lang)]).encode("utf-8")
            else:
                page = student_page(assignment_title(bank, mode, page_lang), sub.student, page_lang, g.rows, g.points, maximum, g.notes, keys, seen).encode("utf-8")
        except Exception as error:  # noqa: BLE001
            report.append(Message("file_note", file=sub.display, note=Message("page_failed", error=type(error).__name__)))
        else:
            staged.add(out / names["feedback"] / feedback_name(sub.student), page)
        row = _row(g, lesson, mode, maximum, bank)
        rows.append(row)
        outcomes.append(Outcome(sub.student, sub.name, row["status"], g.points if row["status"] in GRADED_STATUSES else None, maximum,
                                sub.email, sub.late, sub.identity, page, page_lang, sub.participant, student_note(row["status"], page_lang)))
    for person in _absent(inputs.roster, {r["student"] for r in rows}):
        rows.append({"student": person.id, "name": person.name, "email": person.email, "lesson": lesson, "mode": mode, "points": "", "max_points": maximum,
                     "percent": "", "status": NO_SUBMISSION, "file": "", "late": "", "needs_review": "", "release": ""})
        outcomes.append(Outcome(person.id, person.name, NO_SUBMISSION, None, maximum, person.email, participant=person.participant, language=language))
    report.extend(book.merge(rows, [e.id for e in bank.exercises]))
    this_run = {(r["student"], lesson, mode) for r in rows}
    kept = sum(1 for key in book.rows if key not in this_run)
    _stage_lms_files(staged, out, label, bank, mode, maximum, outcomes, inputs, report)
    lms_files = sorted(str(path.relative_to(out)) for path in staged.files if path.relative_to(out).parts[0] in ("moodle", "canvas", "classroom"))
    lms_files = sorted({name if not name.startswith(names["classroom_feedback"]) else names["classroom_feedback"] for name in lms_files})
    difficulty, distribution = summarise(book.lesson_rows(lesson, mode), bank)
    title = assignment_title(bank, mode, language)
    staged.add(out / "gradebook.csv", book.to_csv())
    staged.add(out / "gradebook.xlsx", gradebook_xlsx(book.columns, book.rows.values()))
    staged.add(out / "gradebook-canvas.csv", lms_canvas.gradebook_csv(book))
    staged.add(out / names["summary_csv"], table_csv(difficulty))
    lines = report_lines(report, language)
    staged.add(out / names["summary_html"], summary_page(title, language, difficulty, distribution, lines))
    staged.add(out / names["report"], _report_text(out / names["report"], lines, len(graded), language))
    try:
        staged.commit()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CourseError(Problem(str(out), f"the results could not be written ({reason})", "nothing was changed there; free some space or choose another --out folder, then run grade again")) from None
    return kept, lms_files


def _absent(roster: Roster | None, handed_in: set[str]) -> list[Any]:
    return [p for p in roster.people if p.id not in handed_in] if roster else []


def _stage_lms_files(
    staged: StagedWrites, out: Path, label: str, bank: Bank, mode: str, maximum: float, outcomes: list[Outcome], inputs: LmsInputs, report: list[Message],
) -> None:
    """The files each LMS imports, named for assignment ``label``: only for the LMSs this run's submissions or options point to."""
    options, possible = inputs.options, inputs.options.points_possible
    names = output_names(label)
    page_name = names["page"]
    sources = {o.identity.source for o in outcomes if o.identity}
    if inputs.worksheet:
        lms_moodle.resolve_participants(inputs.worksheet, outcomes)  # before both Moodle files: each matches by participant
        data, notes = lms_moodle.fill_worksheet(inputs.worksheet, outcomes, possible, page_name)
        staged.add(out / names["moodle_worksheet"], data)
        report.extend(notes)
    if inputs.worksheet or "moodle" in sources:
        data, notes = lms_moodle.feedback_zip(outcomes, inputs.worksheet, page_name)
        if data:
            staged.add(out / names["moodle_zip"], data)
        report.extend(notes)
    if inputs.canvas and inputs.canvas_column is not None:
        data, notes, _ = lms_canvas.fill_gradebook(inputs.canvas, inputs.canvas_column, outcomes, possible)
        staged.add(out / names["canvas_gradebook"], data)
        report.extend(notes)
    elif "canvas" in sources or options.canvas_assignment:
        title = options.canvas_assignment or assignment_title(bank, mode, "en")
        staged.add(out / names["canvas_gradebook"], lms_canvas.standalone_gradebook(outcomes, title, possible or maximum))
    if "canvas" in sources:
        data, notes = lms_canvas.comment_zip(outcomes, page_name)
        if data:
            staged.add(out / names["canvas_comments"], data)
        report.extend(notes)
    if options.classroom or "classroom" in sources:
        staged.add(out / names["classroom_grades"], lms_classroom.grade_list(outcomes, possible, label))
        for outcome in outcomes:
            if outcome.page and outcome.graded:
                staged.add(out / names["classroom_feedback"] / lms_classroom.page_file_name(outcome, label), outcome.page)


def _row(g: Graded, lesson: str, mode: str, maximum: float, bank: Bank) -> dict[str, Any]:
    sub = g.submission
    status = g.status if not g.notes or g.status != GRADED else "graded with notes"
    named = status in NOT_NOTEBOOK  # a PDF, an image: never a grade of 0
    row: dict[str, Any] = {
        "student": sub.student, "name": sub.name, "lesson": lesson, "mode": mode, "points": "" if named else g.points, "max_points": maximum,
        "percent": "" if named else round(100 * g.points / maximum, 1) if maximum else 0.0, "status": status, "file": sub.display,
        "release": sub.release or "",
        "needs_review": " ".join(exercise.id for exercise, _, result, _ in g.rows if result.review),
        "late": "yes" if sub.late else "", "email": sub.email,
        "canvas_user_id": sub.identity.canvas_user if sub.identity else "",
    }
    answered = {exercise.id: (points if result.status != UNANSWERED else "") for exercise, _, result, points in g.rows}
    row.update({e.id: answered.get(e.id, "") for e in bank.exercises})
    return row


def _report_text(path: Path, lines: list[str], files: int, lang: str) -> str:
    """This run's lines, in ``lang``, below the earlier runs' (the report of a lesson is a log, never replaced)."""
    try:
        earlier = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        earlier = ""
    head = say("report_head_one" if files == 1 else "report_head", lang, when=time.strftime("%Y-%m-%d %H:%M:%S"), files=files)
    body = "\n".join(lines) if lines else say("no_problems", lang)
    return (earlier.rstrip("\n") + "\n\n" if earlier.strip() else "") + head + "\n" + body + "\n"
