"""Grade submitted notebooks: ``python -m course grade SUBMISSIONS_DIR --out DIR``.

Answers are read from the answer records saved inside each notebook
(:mod:`course.intake.submissions`); no student code runs. Each answer is validated
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
  the README), merged with the rows already there (:mod:`course.results.gradebook`);
* ``gradebook-canvas.csv`` - every lesson and mode of the merged gradebook in Canvas's
  gradebook layout;
* ``feedback/<label>/<student>.html`` - each exercise, the answer, the right answer and why;
* ``summary-<label>.csv``, ``options-<label>.csv``, ``test-<label>.csv`` and ``summary-<label>.html`` -
  item statistics (facility, discrimination, ...), option counts, the test's figures and the charts,
  from the merged gradebook (:mod:`course.results.summary`; only the plain table with ``statistics=False``);
* ``report-<label>.txt`` - one line per problem met, file by file, in the run's language, each run
  added below the earlier ones;
* for a quiz with short texts, ``review-<label>.csv`` and ``review-<label>/`` - the lecturer's
  review sheet, whose points count on the next run (:mod:`course.results.review`).

``<label>`` is the assignment label, ``NN`` for the practice set and
``NN-quiz`` for the quiz (:func:`course.assignments.assignment_label`), so the
two assignments of a lesson never share a file. Files that are not notebooks
(a PDF, an image) become rows of their own (:mod:`course.intake.uploads`).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import BankError, CourseError, Problem
from ..i18n import LANGUAGES, pick
from ..intake.archive import close_downloads, is_zip, list_download
from ..intake.layouts import Identity
from ..intake.submissions import Inventory, ReadBytes, Submission, find_submissions, read_submission
from ..intake.uploads import name_unreadable, other_submissions
from ..lms import canvas as lms_canvas
from ..lms import moodle as lms_moodle
from ..lms.moodle_teams import expand_teams
from ..messages import Message, run_language
from ..model import schema
from ..model.bank import Bank, find_bank
from ..results.gradebook import NO_SUBMISSION, Gradebook
from ..results.review_pages import open_review_sheet, review_files
from ..results.summary import ClassSummary
from ..safety import one_line
from .assignments import assignment_label, assignment_title, lesson_title
from .choosing import _choose_lesson, _choose_mode, _without_keys, choose_files, settle_namesake
from .keys import ReleaseKey, _key_for, read_keys
from .lms_inputs import LmsInputs, LmsOptions, read_lms_inputs  # LmsOptions: part of run's face
from .outputs import _write_outputs, anonymous_canvas, report_lines, tidy_out
from .scoring import FAILED, SUPERSEDED, Graded, _grade_one, identical_answers, identical_texts, shared_answers


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
    summary: ClassSummary | None = None  # the class summary's tables and charts, in the run's language

    @property
    def label(self) -> str:
        """The assignment graded: ``NN`` (practice) or ``NN-quiz``."""
        return assignment_label(self.lesson, self.mode)


class ProgressBar(Protocol):
    """What a run needs of a progress bar: one step per notebook read, then closed."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> object: ...


Progress = Callable[[int], ProgressBar | None]  # the bar for reading this many notebooks, or None for no bar


def terminal_progress(total: int) -> ProgressBar | None:
    """The command line's bar: tqdm on a terminal (none for one notebook, or when the output goes to a file or a pipe)."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", mininterval=0.2, file=sys.stderr)


PARALLEL_FROM = 64


def _read_pair(pair: tuple[Path, Identity | None], root: Path, read: ReadBytes | None = None) -> Submission:
    return read_submission(pair[0], root, pair[1], read)


def read_all(
    paths: list[Path],
    root: Path,
    show_progress: bool = True,
    identities: dict[Path, Identity] | None = None,
    read: ReadBytes | None = None,
    progress: Progress = terminal_progress,
) -> list[Submission]:
    """Read every submission, in order; on a machine with several cores, in several processes.

    Reading and parsing JSON is most of the work, and each file is independent:
    with ``fork`` (Linux) the files are shared out among up to four worker
    processes. Reading never raises, so a bad file cannot stop a worker.
    ``progress`` makes the bar that counts the files read (none with ``show_progress=False``).
    """
    workers = min(os.cpu_count() or 1, 4)
    parallel = len(paths) >= PARALLEL_FROM and workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    if parallel:  # compile the validators once, before the workers are forked, instead of once in each
        for name, definition in (("notebook", None), ("notebook", "cell"), ("notebook", "stamp"), ("answer-record", None)):
            schema.validator(name, definition)
    pool = multiprocessing.get_context("fork").Pool(workers) if parallel else None
    bar = progress(len(paths)) if show_progress else None
    try:
        pairs = [(p, (identities or {}).get(p)) for p in paths]
        reader = functools.partial(_read_pair, root=root, read=read)
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
        raise CourseError(
            Problem(
                str(submissions), "is not a folder", "give the folder that holds the submitted .ipynb files, or the ZIP the LMS gave you"
            )
        )
    if not submissions.is_dir() and not is_zip(submissions):
        raise CourseError(
            Problem(
                str(submissions),
                "is not a folder or a zip file",
                "give the folder that holds the submitted .ipynb files, or the ZIP the LMS gave you",
            )
        )
    if out.exists() and not out.is_dir():
        raise CourseError(Problem(str(out), "is a file, not a folder", "give --out a folder for the gradebook and feedback pages"))
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise CourseError(Problem(str(out), f"cannot be made: {parent} is a file", "give --out a folder"))
    try:
        if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
            raise CourseError(
                Problem(
                    str(out),
                    "is inside the submissions folder",
                    "give --out a folder outside it, so feedback pages are never read as submissions",
                )
            )
    except OSError:
        pass


def grade(
    submissions: Path,
    out: Path,
    lang: str | None = None,
    lesson: str | None = None,
    show_progress: bool = True,
    keys: list[Path] | None = None,
    lms: LmsOptions | None = None,
    statistics: bool = True,
    progress: Progress = terminal_progress,
) -> GradeRun:
    """Grade every notebook under ``submissions`` (a folder, or an LMS's ZIP) and write the results to ``out``.

    Notebooks released for assessment need the release's key file (``keys``):
    their choice answers are the letters on the students' screens. ``lms``
    names the class list and the LMS files to fill (see :class:`LmsOptions`). ``statistics=False`` leaves out the
    item and test statistics, option counts and charts (the summary keeps its plain table). ``progress`` makes the
    bar that counts the notebooks read (:data:`Progress`; the command line's :func:`terminal_progress` by default,
    the grading notebook passes its own); ``show_progress=False`` shows none.
    """
    submissions, out = Path(submissions), Path(out)
    release_keys = read_keys(list(keys or []))
    _check_places(submissions, out)
    if lang is not None and lang not in LANGUAGES:
        raise CourseError(Problem("grade", f"unknown language {lang!r}", "use --lang en or --lang id"))
    inputs = read_lms_inputs(lms or LmsOptions())
    tidied = tidy_out(out)  # a killed run's half-written results put back before the gradebook is read
    book = Gradebook.read(out / "gradebook.csv")  # before anything is written: an unreadable gradebook stops the run
    if submissions.is_dir():
        source = Source(submissions, find_submissions(submissions), report=list(tidied))
    else:  # an LMS's ZIP: its notebooks are read straight from it, never unpacked to disk
        download = list_download(submissions)
        skipped = [Message("file_note", file=f"{submissions.name}: {one_line(entry)}", note=reason) for entry, reason in download.skipped]
        source = Source(download.root, download.inventory, download.reader, tidied + skipped)
    try:
        return _grade_folder(source, out, lang, lesson, show_progress, release_keys, inputs, book, statistics, progress)
    finally:
        close_downloads()


@dataclass
class Source:
    """Where the submissions are: the folder (or the ZIP's folder) their paths are relative to, what it holds, how to read it."""

    root: Path
    inventory: Inventory
    read: ReadBytes | None = None  # None: from the disk
    report: list[Message] = field(default_factory=list)  # entries of a ZIP that were not read


def _grade_folder(
    source: Source,
    out: Path,
    lang: str | None,
    lesson: str | None,
    show_progress: bool,
    release_keys: dict[str, ReleaseKey],
    inputs: LmsInputs,
    book: Gradebook,
    statistics: bool = True,
    progress: Progress = terminal_progress,
) -> GradeRun:
    submissions, inventory, report = source.root, source.inventory, source.report
    identities = inventory.owned(submissions)
    others = other_submissions(inventory, submissions)
    if not inventory.files and not inventory.skipped and not others:
        if report:  # a zip whose every entry was refused
            raise CourseError(
                [Problem("grade", str(line)) for line in report]
                + [Problem("the zip file", "holds no notebook that could be read", "see the lines above")]
            )
        raise CourseError(Problem(str(submissions), "holds no .ipynb files", "check the folder, or unzip the LMS download first"))
    subs = read_all(inventory.files, submissions, show_progress, identities, source.read, progress)
    for sub in subs:
        name_unreadable(sub)
    subs += others
    subs, team_lines = expand_teams(subs, inputs.worksheet)  # a Moodle group's folder: one submission per member
    report += team_lines
    if not subs and not lesson:
        skipped = [Problem(one_line(_display(path, submissions)), str(reason)) for path, reason in inventory.skipped]
        raise CourseError([*skipped, Problem(str(submissions), "holds no notebook that could be read", "see the lines above")])
    lesson = _choose_lesson(subs, lesson, release_keys)
    mode = _choose_mode(subs, lesson, release_keys)
    try:
        bank = find_bank(lesson).for_mode(mode)
    except BankError as error:
        raise CourseError(error.problems) from None
    if inputs.canvas:
        inputs.canvas_column = lms_canvas.choose_column(
            inputs.canvas, inputs.options.canvas_assignment, lesson, _title_variants(bank, mode), mode == "assessment"
        )
    roster_lines = _apply_roster(subs, inputs)
    roster_emails = bool(inputs.roster and any(person.email for person in inputs.roster.people))
    kept, superseded, choices = choose_files(subs, lesson, mode, roster_emails)
    without_key = _without_keys(kept, lesson, release_keys)
    language = run_language(lang, (s.language for s in subs))
    sheet = open_review_sheet(out, assignment_label(lesson, mode), mode, bank)  # before anything is written: the lecturer's points
    graded = [
        Graded(sub, FAILED, notes=[without_key[id(sub)]])
        if id(sub) in without_key
        else _grade_one(sub, bank, lesson, _key_for(sub, release_keys), mode, sheet)
        for sub in kept
    ]
    graded += [Graded(sub, SUPERSEDED) for sub in superseded]
    rows_of_their_own = {s.path for s in others}
    report += [
        Message("file_note", file=one_line(_display(path, submissions)), note=reason)
        for path, reason in inventory.skipped
        if path not in rows_of_their_own
    ]
    report += choices
    report += [Message("file_note", file=g.submission.display, note=note) for g in graded for note in g.notes]
    report += identical_answers(graded) + identical_texts(graded) + shared_answers(graded)
    report += roster_lines(kept)
    review: dict[str, str | bytes] = {}
    if sheet:
        review, review_lines = review_files(sheet, graded, assignment_label(lesson, mode), language)
        report += review_lines
    kept_rows, lms_files, summary = _write_outputs(
        out, lesson, mode, bank, graded, report, (lang, language), book, inputs, review, statistics
    )
    return GradeRun(lesson, graded, report_lines(report, language), kept_rows, out, mode, lms_files, summary)


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
        elif roster and not (roster.shared_name(identity, sub.student) and settle_namesake(sub, identity, roster)):  # NIM decided
            (shared if roster.shared_name(identity, sub.student) else unmatched).add(id(sub))
        sub.late = sub.late or (bool(sub.participant) and sub.participant in late)

    def lines(kept: list[Submission]) -> list[Message]:
        if roster is None:
            moodle = [s for s in kept if s.identity and s.identity.source == "moodle"]
            return [Message("moodle_numbers")] if moodle else []
        where = roster.path.name if roster.path else Message("the_roster")
        doubtful = ", ".join(s.display for s in kept if id(s) in shared)
        found = [
            Message("file_note", file=s.display, note=Message("not_on_roster", student=s.student, roster=where))
            for s in kept
            if id(s) in unmatched and not (s.identity and s.identity.anonymous)  # an anonymous id is on no class list
        ]
        found += [
            Message("file_note", file=s.display, note=Message("shared_name", student=s.name, roster=where, files=doubtful))
            for s in kept
            if id(s) in shared
        ]
        handed_in = {s.student for s in kept}
        if anonymous_canvas(kept):
            return [*found, Message("canvas_anonymous_roster", roster=where)]
        missing = [p for p in roster.people if p.id not in handed_in and p.id not in roster.in_doubt]
        if missing:
            names = ", ".join(one_line(p.name or p.id) for p in missing[:20])
            found.append(
                Message(
                    "absent",
                    count=len(missing),
                    roster=where,
                    names=names,
                    more=" ..." if len(missing) > 20 else "",
                    status=Message(f"status_{NO_SUBMISSION}"),
                )
            )
        return found

    return lines


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name
