"""Staging and writing a run's files: gradebook rows, feedback pages, summary, report and each LMS's files."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CourseError, Problem
from ..fileio import ReplaceFailed, StagedWrites, recover
from ..i18n import LANGUAGES
from ..intake.roster import Roster
from ..intake.submissions import Submission, safe_name
from ..intake.uploads import NOT_NOTEBOOK, student_note
from ..lms import Outcome
from ..lms import canvas as lms_canvas
from ..lms import classroom as lms_classroom
from ..lms import moodle as lms_moodle
from ..messages import Message, run_language, say, text_in
from ..model.bank import Bank
from ..model.types import UNANSWERED
from ..results.edits import STATE_FILE, column_name, shown
from ..results.feedback import student_page
from ..results.gradebook import GRADED_STATUSES, NO_SUBMISSION, Gradebook, number
from ..results.spreadsheet import gradebook_xlsx
from ..results.summary import ClassSummary, class_summary
from ..safety import one_line
from .assignments import assignment_label, assignment_title, output_names
from .scoring import GRADED, SUPERSEDED, Graded
from .screen import screens

if TYPE_CHECKING:  # the run imports this module: its option types are read at run time only
    from .run import GradeRun, LmsInputs


def report_lines(report: list[Message], lang: str) -> list[str]:
    """The report as written: each entry in ``lang``, on one line."""
    return [one_line(text_in(entry, lang)) for entry in report]


def language_of(run: GradeRun, lang: str | None) -> str:
    """The run's language: ``lang`` (``--lang``) if given, else the one most graded notebooks are in."""
    return run_language(lang, (g.submission.language for g in run.graded))


def closing_line(run: GradeRun, lang: str | None) -> str:
    """The line that closes a run, in its language: what was graded, and where its files are.

    ``python -m course grade`` prints it last; the grading notebook shows it above the report.
    """
    language = language_of(run, lang)
    counted = sum(1 for g in run.graded if g.status == GRADED)
    names = output_names(run.label)
    files = ", ".join(
        [
            "gradebook.csv",
            "gradebook.xlsx",
            "gradebook-canvas.csv",
            names["feedback"],
            names["summary_csv"],
            names["summary_html"],
            names["report"],
        ]
        + ([names["review_csv"], names["review_pages"]] if (run.out / names["review_csv"]).exists() and run.mode == "assessment" else [])
    )
    line = say(
        "grade_done",
        language,
        lesson=run.lesson,
        what=say(f"mode_{run.mode}", language),
        graded=counted,
        ungraded=len(run.graded) - counted,
        notes=len(run.report),
        out=run.out,
        files=files,
    )
    return line + (say("grade_kept", language, kept=run.kept_rows) if run.kept_rows else "")


def feedback_name(student: str) -> str:
    """The feedback page's file name: readable, and distinct for ids that read alike once made safe."""
    name = safe_name(student)
    if name != student:
        name += "-" + hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return name + ".html"


def _write_outputs(
    out: Path,
    lesson: str,
    mode: str,
    bank: Bank,
    graded: list[Graded],
    report: list[Message],
    languages: tuple[str | None, str],
    book: Gradebook,
    inputs: LmsInputs | None = None,
    more: dict[str, str | bytes] | None = None,
    statistics: bool = True,
) -> tuple[int, list[str], ClassSummary]:
    """Stage and write every file of the run; returns the earlier gradebook rows kept and the LMS files written.

    ``languages`` is ``(--lang or None, the run's language)``: the run's language (chosen once, by the
    caller) writes the report and the summary; a page follows ``--lang``, else its notebook's own language.
    ``more`` are further files of the run (path in ``out`` -> content, e.g. the review sheet), written with the rest.
    ``statistics`` adds the item and test statistics, option counts and charts to the summary (:mod:`course.results.summary`).
    """
    from .run import LmsInputs, LmsOptions

    inputs = inputs or LmsInputs(LmsOptions())
    maximum = sum(e.points for e in bank.exercises)
    lang, language = languages
    label = assignment_label(lesson, mode)
    names = output_names(label)
    staged = StagedWrites(out)
    gradebook_rows = {id(g): _row(g, lesson, mode, maximum, bank) for g in graded if g.status != SUPERSEDED}
    absent = (
        [] if anonymous_canvas(g.submission for g in graded) else _absent(inputs.roster, {r["student"] for r in gradebook_rows.values()})
    )
    rows = [*gradebook_rows.values(), *(_absent_row(person, lesson, mode, maximum) for person in absent)]
    report.extend(book.merge(rows, [e.id for e in bank.exercises]))  # first: pages and LMS files give the gradebook's points
    outcomes: list[Outcome] = []
    keys: dict[tuple[int, str], str] = {}
    for g in graded:
        if g.status == SUPERSEDED:
            continue
        sub = g.submission
        row = gradebook_rows[id(g)]  # as merged: with the lecturer's cells (unless an earlier grade was kept instead)
        points = number(row.get("points")) if row["status"] in GRADED_STATUSES else None
        page_lang = lang or (sub.language if sub.language in LANGUAGES else language)
        page = None
        try:
            seen = screens([r[0] for r in g.rows], sub.records, g.key.orders if g.key else None)
            if g.status in NOT_NOTEBOOK:  # nothing was graded: the page says what was handed in, in the student's words, and no score
                page = student_page(
                    assignment_title(bank, mode, page_lang), sub.student, page_lang, [], None, maximum, [student_note(g.status, page_lang)]
                ).encode("utf-8")
            else:
                notes = [*g.notes, *_lecturer_notes(book, (sub.student, lesson, mode))]
                total = g.points if points is None else points
                page = student_page(
                    assignment_title(bank, mode, page_lang), sub.student, page_lang, g.rows, total, maximum, notes, keys, seen
                ).encode("utf-8")
        except Exception as error:
            report.append(Message("file_note", file=sub.display, note=Message("page_failed", error=type(error).__name__)))
        else:
            staged.add(out / names["feedback"] / feedback_name(sub.student), page)
        outcomes.append(
            Outcome(
                sub.student,
                sub.name,
                row["status"],
                points,
                maximum,
                sub.email,
                sub.late,
                sub.identity,
                page,
                page_lang,
                sub.participant,
                student_note(row["status"], page_lang),
            )
        )
    for person in absent:
        outcomes.append(
            Outcome(person.id, person.name, NO_SUBMISSION, None, maximum, person.email, participant=person.participant, language=language)
        )
    this_run = {(r["student"], lesson, mode) for r in rows}
    kept = sum(1 for key in book.rows if key not in this_run)
    _stage_lms_files(staged, out, label, bank, mode, maximum, outcomes, inputs, report)
    lms_files = sorted(
        str(path.relative_to(out)) for path in staged.files if path.relative_to(out).parts[0] in ("moodle", "canvas", "classroom")
    )
    lms_files = sorted({name if not name.startswith(names["classroom_feedback"]) else names["classroom_feedback"] for name in lms_files})
    summary = class_summary(book.lesson_rows(lesson, mode), bank, graded, language, statistics)
    title = assignment_title(bank, mode, language)
    staged.add(out / "gradebook.csv", book.to_csv())
    workbook = gradebook_xlsx(book.columns, book.rows.values())
    _keep_edited_workbook(staged, out, book, report)
    staged.add(out / "gradebook.xlsx", workbook)
    staged.add(out / STATE_FILE, book.edits.to_json(hashlib.sha256(workbook).hexdigest()))
    staged.add(out / "gradebook-canvas.csv", lms_canvas.gradebook_csv(book))
    staged.add(out / names["summary_csv"], summary.items_csv())
    if statistics:
        staged.add(out / names["options_csv"], summary.options_csv())
        staged.add(out / names["test_csv"], summary.overall_csv())
    lines = report_lines(report, language)
    staged.add(out / names["summary_html"], summary.page(title, lines))
    staged.add(out / names["report"], _report_text(out / names["report"], lines, len(graded), language))
    for name, data in (more or {}).items():
        staged.add(out / name, data)
    try:
        staged.commit()
    except ReplaceFailed as error:
        raise CourseError(
            Problem(
                str(error.path),
                say("results_locked", language, reason=error.strerror or str(error)),
                say("results_locked_fix", language),
            )
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise CourseError(
            Problem(
                str(out),
                f"the results could not be written ({reason})",
                "nothing was changed there; free some space or choose another --out folder, then run grade again",
            )
        ) from None
    return kept, lms_files, summary


def tidy_out(out: Path) -> list[Message]:
    """Put back what a killed run left half-replaced in ``out`` and remove its unfinished files (:func:`course.fileio.recover`)."""
    if not out.is_dir():
        return []
    try:
        put_back, removed = recover(out)
    except OSError as error:
        raise CourseError(
            Problem(
                str(error.filename or out),
                f"an earlier run's unfinished files could not be tidied ({error.strerror or error})",
                "close the folder's files in other programs (Excel), then run grade again",
            )
        ) from None
    return [Message("tidied", put_back=put_back, removed=removed)] if put_back or removed else []


def anonymous_canvas(subs: Iterable[Submission]) -> bool:
    """Whether Canvas's download was made under anonymous grading: it then does not say who handed in (nor who did not)."""
    return any(s.identity is not None and s.identity.source == "canvas" and s.identity.anonymous for s in subs)


def _absent(roster: Roster | None, handed_in: set[str]) -> list[Any]:
    return [p for p in roster.people if p.id not in handed_in and p.id not in roster.in_doubt] if roster else []


def _absent_row(person: Any, lesson: str, mode: str, maximum: float) -> dict[str, Any]:
    """The gradebook row of a student on the roster who handed in nothing."""
    return {
        "student": person.id,
        "name": person.name,
        "email": person.email,
        "lesson": lesson,
        "mode": mode,
        "points": "",
        "max_points": maximum,
        "percent": "",
        "answered": "",
        "answered_%": "",
        "status": NO_SUBMISSION,
        "file": "",
        "late": "",
        "needs_review": "",
        "release": "",
    }


def _lecturer_notes(book: Gradebook, key: tuple[str, str, str]) -> list[Message]:
    """For the student's page: each cell of her row the lecturer set, with the automatic value beside it."""
    record = book.edits.next.get(key)
    if record is None:
        return []
    return [
        Message("lecturer_set", column=column_name(column), value=shown(value), auto=shown(record.auto.get(column, "")))
        for column, value in record.lecturer.items()
    ]


def _keep_edited_workbook(staged: StagedWrites, out: Path, book: Gradebook, report: list[Message]) -> None:
    """A gradebook.xlsx changed since the grader wrote it is kept beside the new one (its edits are not read), and reported."""
    path = out / "gradebook.xlsx"
    if not book.edits.xlsx_digest or not path.is_file():
        return
    try:
        earlier = path.read_bytes()
    except OSError:
        return
    if hashlib.sha256(earlier).hexdigest() != book.edits.xlsx_digest:
        copy = f"gradebook-edited-{time.strftime('%Y%m%d-%H%M%S')}.xlsx"
        staged.add(out / copy, earlier)
        report.append(Message("xlsx_edited", copy=copy, gradebook="gradebook.csv"))


def _stage_lms_files(
    staged: StagedWrites,
    out: Path,
    label: str,
    bank: Bank,
    mode: str,
    maximum: float,
    outcomes: list[Outcome],
    inputs: LmsInputs,
    report: list[Message],
) -> None:
    """The files each LMS imports, named for assignment ``label``: only for the LMSs this run's submissions or options point to."""
    options, possible = inputs.options, inputs.options.points_possible
    names = output_names(label)
    page_name = names["page"]
    sources = {o.identity.source for o in outcomes if o.identity}
    if inputs.worksheet:
        lms_moodle.resolve_participants(inputs.worksheet, outcomes)  # before both Moodle files: each matches by participant
        data, notes = lms_moodle.fill_worksheet(inputs.worksheet, outcomes, possible, page_name, options.keep_lms_grades)
        staged.add(out / names["moodle_worksheet"], data)
        report.extend(notes)
    if inputs.worksheet or "moodle" in sources:
        data, notes = lms_moodle.feedback_zip(outcomes, inputs.worksheet, page_name)
        if data:
            staged.add(out / names["moodle_zip"], data)
        report.extend(notes)
    if inputs.canvas and inputs.canvas_column is not None:
        data, notes, _ = lms_canvas.fill_gradebook(inputs.canvas, inputs.canvas_column, outcomes, possible, options.keep_lms_grades)
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
        "student": sub.student,
        "name": sub.name,
        "lesson": lesson,
        "mode": mode,
        "points": "" if named else g.points,
        "max_points": maximum,
        "percent": "" if named else round(100 * g.points / maximum, 1) if maximum else 0.0,
        "status": status,
        "file": sub.display,
        "release": sub.release or "",
        "needs_review": " ".join([*sub.review, *(exercise.id for exercise, _, result, _ in g.rows if result.review)]),
        "late": "yes" if sub.late else "",
        "email": sub.email,
        "canvas_user_id": sub.identity.canvas_user if sub.identity else "",
    }
    answered = {exercise.id: (points if result.status != UNANSWERED else "") for exercise, _, result, points in g.rows}
    row.update({e.id: answered.get(e.id, "") for e in bank.exercises})
    # completion, per student: how many of the assignment's exercises hold an answer (a completion mark needs no points)
    count = sum(1 for e in bank.exercises if answered.get(e.id, "") != "")
    row["answered"] = "" if named else count
    row["answered_%"] = "" if named else round(100 * count / len(bank.exercises), 1) if bank.exercises else 0.0
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
