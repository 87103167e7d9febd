"""The notebook API: ``start_lesson``, ``show``, ``check``, ``answer``, ``progress``.

A lesson's set-up cell calls ``start_lesson("00")`` once. It picks the
language (from the notebook's folder unless given), loads the lesson's bank,
opens the answer store and tells the student in one line what to expect.
Afterwards:

* ``show("00-some-id")`` shows one exercise (a widget, or for a code exercise
  the question) followed by its answer record;
* ``check("00-some-id", value)`` checks a value computed in a code cell;
* ``answer("00-some-id", response)`` answers any exercise from code (the
  masters use it to demonstrate answers, so nbval tests the checking);
* ``progress()`` lists what is answered and, in practice mode, what is right.

Every answer is saved in the answer store and refreshed in the notebook's answer
record (:mod:`.record`), so it survives a restart and travels with the file.
``start_lesson`` also explains common Python errors in one line (:mod:`.hints`).
"""

from __future__ import annotations

import difflib
import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from IPython.display import display, update_display

from ..errors import CourseError
from ..i18n import LANGUAGE_NAMES, LanguageError, get_language, pick
from ..model import record, schema
from ..model.bank import Bank, bank_paths, find_bank, load_bank
from ..model.exercises import Exercise, Result
from ..model.exercises.base import RECORDED_RESULT, shown_value
from ..model.texts import number_text, short_title
from ..model.vocabulary import LANGUAGES, LESSON, LESSON_EXERCISE, MODES, RECORDED, UNANSWERED
from ..words import word
from . import hints
from .fallback import fallback_html, front_end_fallback
from .home import find_release
from .progress_table import Progress
from .render import ExerciseWidget, build_spec, code_question_bundle, feedback_bundle
from .store import AnswerStore, default_store_path


class CourseMessage(Exception):
    """A mistake in a call that the student can fix: shown as one line, never as a traceback."""


def _msg(key: str, lang: str, **kw: Any) -> str:
    """Entry ``session.<key>`` of the catalogue (:mod:`course.words`) in ``lang``."""
    return word(f"session.{key}", lang or get_language(), **kw)


@dataclass
class LessonSession:
    """State of one lesson in one kernel: bank, language, mode, answers."""

    bank: Bank
    lang: str
    mode: str
    store: AnswerStore
    release: str | None = None
    attempts: dict[str, int] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)
    views: dict[str, ExerciseWidget] = field(default_factory=dict)

    @property
    def lesson(self) -> str:
        return self.bank.lesson

    def number(self, exercise: Exercise) -> int:
        return self.bank.exercises.index(exercise) + 1

    def restore(self) -> None:
        for exercise in self.bank.exercises:
            saved = self.store.get(exercise.id)
            if saved and saved.get("answer") is not None:
                self.answers[exercise.id] = saved["answer"]
                self.attempts[exercise.id] = int(saved.get("attempts") or 1)
                self.results[exercise.id] = self.evaluate(exercise, saved["answer"])

    def evaluate(self, exercise: Exercise, answer: Any) -> Result:
        result = exercise.check_attempt(answer, self.attempts.get(exercise.id, 0))
        return RECORDED_RESULT if self.mode == "assessment" and result.answered else result

    def record_for(self, exercise: Exercise) -> dict[str, Any]:
        return record.make_record(
            self.lesson,
            exercise.id,
            exercise.kind,
            self.mode,
            self.answers.get(exercise.id),
            self.attempts.get(exercise.id, 0),
            self.release,
        )

    def record_bundle(self, exercise: Exercise) -> dict[str, Any]:
        """The answer record of ``exercise``; for a widget exercise with its text copy (see :mod:`.fallback`)."""
        bundle = record.bundle(self.record_for(exercise), self.lang)
        if not exercise.answered_with_check:
            spec = build_spec(exercise, self.lang, self.mode, self.number(exercise))
            bundle["text/html"] = fallback_html(spec, self.answers.get(exercise.id), self.lang) + bundle["text/html"]
        return bundle

    def prepare(self, exercise: Exercise, response: Any) -> tuple[Any, Result | None]:
        """The stored form of a response, or the result that refuses it (nothing is then recorded).

        The same schema as the grader's (:func:`course.model.schema.answer_problem`)
        decides, so an answer the kernel records is an answer the grader reads.
        """
        try:
            stored = exercise.from_response(response)
            refused = exercise.response_problem(response, stored)
            problem = pick(refused, self.lang) if refused else schema.answer_problem(exercise.kind, stored)
        except Exception:
            stored, problem = None, pick(exercise.unreadable_problem(), self.lang)
        if problem:
            return None, Result(
                UNANSWERED,
                0.0,
                ({lang: _msg("refused", lang, problem=problem, expected=pick(exercise.expected_shape, lang)) for lang in LANGUAGES},),
            )
        return stored, None

    def submit(self, exercise: Exercise, answer: Any, announce: Callable[[Result, str], None] | None = None) -> tuple[Result, str]:
        """Check (or record) one answer, refresh the notebook's record, then save it in the store.

        ``announce`` (the widget's feedback) is called as soon as the result is
        known, before the store's write reaches the disk, so the student sees
        the feedback without waiting for it. A refused answer records nothing.
        """
        stored, refusal = self.prepare(exercise, answer)
        if refusal is not None:
            return refusal, ""
        if exercise.is_empty(stored):
            return exercise.check(None), ""
        self.attempts[exercise.id] = self.attempts.get(exercise.id, 0) + 1
        self.answers[exercise.id] = stored
        result = self.evaluate(exercise, stored)
        self.results[exercise.id] = result
        if announce is not None:
            announce(result, "")
        update_display(self.record_bundle(exercise), raw=True, display_id=record.display_id(exercise.id))
        note = ""
        try:
            self.store.save(exercise.id, stored, self.attempts[exercise.id])
        except OSError as error:
            note = _msg("store_failed", self.lang, error=error.strerror or error)
        return result, note


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run a notebook API call; a mistake or an unexpected error becomes one line, never a traceback."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except CourseMessage as message:
            print(message)
        except (CourseError, LanguageError) as error:
            print(error)
        except Exception as error:
            print(_msg("unexpected", _language(), error=type(error).__name__))
        return None

    return call


def _language() -> str:
    if _session is not None:
        return _session.lang
    try:
        return get_language()
    except Exception:
        return "en"


_session: LessonSession | None = None


@_guarded
def start_lesson(lesson: str, lang: str | None = None, mode: str | None = None, bank: str | Path | None = None, quiz: bool = False) -> None:
    """Set up the exercises of ``lesson`` (e.g. ``"00"``) for this notebook.

    ``lang`` defaults to the notebook's folder (``en`` or ``id``); ``mode``
    to the bank's mode (``practice`` unless released for assessment); ``bank``
    to the lesson's file in ``data/exercises``. A lesson notebook gets the
    practice exercises of the bank, a quiz notebook (``quiz=True``) its
    assessment-only items. In a released notebook the release decides all of
    this: its bank holds only what the release hands out.
    """
    _start(lesson, lang, mode, bank, quiz)


def _start(
    lesson: Any, lang: str | None = None, mode: str | None = None, bank: str | Path | None = None, quiz: bool = False
) -> LessonSession:
    global _session
    import pandas as pd

    from ..i18n import _validated

    pd.set_option("display.max_colwidth", None)  # show whole texts in tables, not "..."
    language = _validated(lang) if lang is not None else get_language()
    if not isinstance(lesson, str) or not LESSON.fullmatch(lesson):
        raise CourseMessage(
            _msg("bad_lesson", language, call="start_lesson()", call_name="course.start_lesson", example="01", given=shown_value(lesson))
        )
    home = find_release() if bank is None else None
    if home is not None:  # a released notebook: its release decides the bank and the mode
        path = home.bank(lesson)
        if path is None:
            raise CourseMessage(_msg("not_in_release", language, lesson=lesson, root=home.root))
        loaded, chosen_mode = load_bank(path), home.mode
    else:
        if not bank and not any(p.name.split("-")[0] == lesson for p in bank_paths()):
            raise CourseMessage(_msg("no_bank", language, lesson=lesson))
        loaded = load_bank(bank) if bank else find_bank(lesson)
        chosen_mode = mode or loaded.mode
        if loaded.has_keys:
            loaded = loaded.for_mode("assessment" if quiz else "practice")
    if chosen_mode not in MODES:
        raise CourseMessage(_msg("bad_mode", language, mode=shown_value(chosen_mode)))
    kinds = {e.id: e.kind for e in loaded.exercises}
    store = AnswerStore.open(default_store_path(loaded.lesson, language), kinds)
    _session = LessonSession(loaded, language, chosen_mode, store, release=home.release if home else None)
    _session.restore()
    hints.install(_language)
    lines = [
        _msg(
            "started",
            language,
            lesson=loaded.lesson,
            title=pick(loaded.title, language),
            language=LANGUAGE_NAMES[language],
            mode=_msg(f"mode_{chosen_mode}", language),
            count=len(loaded.exercises),
        )
    ]
    if store.warning:
        lines.append(_msg("corrupt", language, path=store.warning))
    display({"text/plain": "\n".join(lines), "text/html": "<br>".join(html.escape(line) for line in lines)}, raw=True)
    return _session


def current_session(exercise_id: Any = None, call: str = "show") -> LessonSession:
    """The lesson in use; started from the exercise id's prefix ("00-...") if needed."""
    if exercise_id is None:
        if _session is None:
            raise CourseMessage(_msg("no_lesson", _language()))
        return _session
    if not isinstance(exercise_id, str) or not LESSON_EXERCISE.fullmatch(exercise_id):
        raise _bad_id(exercise_id, call)
    lesson = exercise_id.split("-")[0]
    if _session is not None and (lesson == _session.lesson or _find(exercise_id) is not None):
        return _session
    return _start(lesson)


def _bad_id(given: Any, call: str) -> CourseMessage:
    """The one-line message for a call without a proper exercise id."""
    example = _session.bank.exercises[0].id if _session else "01-..."
    return CourseMessage(_msg("bad_id", _language(), call=f"{call}()", call_name=call, example=example, given=shown_value(given)))


def _exercise(exercise_id: Any, call: str) -> tuple[LessonSession, Exercise]:
    if not isinstance(exercise_id, str):  # current_session(None) would mean "the lesson in use"
        raise _bad_id(exercise_id, call)
    session = current_session(exercise_id, call)
    found = _find(exercise_id)
    if found is None:
        close = difflib.get_close_matches(exercise_id, [e.id for e in session.bank.exercises], n=1)
        hint = _msg("did_you_mean", session.lang, close=close[0]) if close else ""
        raise CourseMessage(_msg("unknown_id", session.lang, id=exercise_id, lesson=session.lesson, hint=hint))
    return session, found


def _find(exercise_id: str) -> Exercise | None:
    try:
        return _session.bank.get(exercise_id) if _session else None
    except KeyError:
        return None


def build_view(exercise_id: str) -> ExerciseWidget:
    """Create the widget of one exercise, restored to the saved answer (used by show())."""
    session, exercise = _exercise(exercise_id, "show")
    view = ExerciseWidget(
        exercise,
        session.lang,
        session.mode,
        lambda answer, announce=None: session.submit(exercise, answer, announce),
        session.number(exercise),
    )
    if exercise.id in session.answers:
        view.answer = session.answers[exercise.id]
        view.show_result(session.results[exercise.id])
    session.views[exercise.id] = view
    return view


@_guarded
def show(exercise_id: str) -> None:
    """Show one exercise in the notebook's language, with its answer record below it."""
    session, exercise = _exercise(exercise_id, "show")
    if exercise.answered_with_check:
        display(code_question_bundle(exercise, session.lang, session.number(exercise)), raw=True)
        if exercise.id in session.results:
            display(feedback_bundle(exercise, session.results[exercise.id], session.lang), raw=True)
    else:
        view = build_view(exercise_id)
        display(view, *front_end_fallback(view.spec, session.lang))
    _display_record(session, exercise)


def _display_record(session: LessonSession, exercise: Exercise) -> None:
    display(session.record_bundle(exercise), raw=True, display_id=record.display_id(exercise.id))


@_guarded
def check(exercise_id: str, value: Any) -> None:
    """Check the value you computed for a code exercise, e.g. ``check("00-word-count", n)``."""
    session, exercise = _exercise(exercise_id, "check")
    if not exercise.answered_with_check:
        print(_msg("not_code", session.lang, id=exercise_id, kind=exercise.kind))
        return
    result, note = session.submit(exercise, value)
    display(feedback_bundle(exercise, result, session.lang, note), raw=True)
    _display_record(session, exercise)


@_guarded
def answer(exercise_id: str, response: Any) -> None:
    """Answer an exercise from code, exactly as its widget would (and update the widget).

    Choice exercises accept the letters shown on screen ("C", "A, B" or ["A", "B"]) or the option keys.
    """
    session, exercise = _exercise(exercise_id, "answer")
    if exercise.answered_with_check:
        print(_msg("code_only", session.lang, id=exercise_id))
        return
    view = session.views.get(exercise_id)
    if view is not None:
        result = view.submit(response)
        note = view.note
    else:
        result, note = session.submit(exercise, response)
    display(feedback_bundle(exercise, result, session.lang, note), raw=True)
    _display_record(session, exercise)


@_guarded
def progress() -> Progress:
    """What you have answered in this lesson and, in practice mode, how well (numbers as the notebook's language writes them)."""
    session = current_session()
    lang, rows, points = session.lang, [], 0.0
    practice = session.mode != "assessment"
    exercises = session.bank.exercises
    scored = [e for e in exercises if not (practice and e.graded_by_people)]  # a keyword hint is not a grade
    scored_ids = {e.id for e in scored}
    for number, exercise in enumerate(exercises, start=1):
        result = session.results.get(exercise.id)
        status = result.status if result else UNANSWERED
        if exercise.id not in scored_ids:  # prose in practice: answered or not, never points
            label = _msg("text_answered" if result else UNANSWERED, lang)
            rows.append((str(number), short_title(exercise, lang), label, "–"))
            continue
        earned = round(exercise.points * result.score, 2) if result and status != RECORDED else 0.0
        points += earned
        shown = f"{number_text(earned, lang)} / {number_text(exercise.points, lang)}" if practice else ""
        rows.append((str(number), short_title(exercise, lang), _msg(status, lang), shown))
    answered = sum(1 for e in exercises if e.id in session.results)
    total_points = sum(e.points for e in scored)
    if not practice:
        key = "progress_summary_assessment"
    else:
        key = "progress_summary" if len(scored) == len(exercises) else "progress_summary_texts"
    summary = _msg(
        key,
        lang,
        answered=answered,
        total=len(exercises),
        points=number_text(round(points, 2), lang),
        max=number_text(total_points, lang),
    )
    headers = (_msg("col_number", lang), _msg("col_exercise", lang), _msg("col_status", lang), _msg("col_points", lang))
    return Progress(rows, _msg("progress_title", lang, lesson=session.lesson), summary, headers)
