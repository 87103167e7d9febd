"""Scoring one submission against the bank: validated answers, points, notes on the records, identical answer sets."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..i18n import LANGUAGES, pick
from ..intake.submissions import Submission
from ..intake.uploads import report_note
from ..messages import Message
from ..model import schema, textmatch
from ..model.bank import Bank
from ..model.types import TYPE_NAMES, UNANSWERED, Exercise, Result
from ..model.vocabulary import MODES
from .keys import ReleaseKey

GRADED, UNREADABLE, WRONG_LESSON, SUPERSEDED, FAILED = "graded", "not readable", "wrong lesson", "superseded", "could not be graded"


@dataclass
class Graded:
    """The grade of one submission."""

    submission: Submission
    status: str
    rows: list[tuple[Exercise, Any, Result, float]] = field(default_factory=list)
    points: float = 0.0
    notes: list[Message] = field(default_factory=list)  # written in the reader's language: the report's, the feedback page's
    key: ReleaseKey | None = None  # the release key its letters were read with: the feedback page shows that screen


def _answer_of(exercise: Exercise, record: dict[str, Any], key: ReleaseKey | None) -> Any:
    """The answer in master keys: letters from an assessment release go through the release's key (the type reads them)."""
    answer = record["answer"]
    if record["mode"] != "assessment" or answer is None:
        return answer
    order = key.orders.get(exercise.id, {}).get("options", []) if key else None
    return exercise.from_release_letters(answer, order)


def _validated_answer(
    exercise: Exercise, record: dict[str, Any] | None, sub: Submission, notes: list[Message], key: ReleaseKey | None = None
) -> Any:
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


class LecturerPoints(Protocol):
    """Where an assessment's prose gets its points: the lecturer's review sheet (:class:`course.results.review.ReviewSheet`)."""

    def points(self, student: str, exercise: Exercise, answer: str) -> float | None: ...


class NoPointsYet:
    """A review sheet with nothing filled in: every answer a person grades waits for review."""

    def points(self, student: str, exercise: Exercise, answer: str) -> float | None:
        return None


def score(sub: Submission, bank: Bank, key: ReleaseKey | None = None, lecturer: LecturerPoints | None = None) -> Graded:
    """Check every exercise of the lesson against what the submission recorded.

    With ``lecturer`` (an assessment run), an answered item a person grades
    (:attr:`Exercise.graded_by_people`, the short texts) earns no automatic
    points: it takes the points the lecturer gave this very answer, else it
    waits for review with 0 points.
    """
    graded = Graded(sub, GRADED, notes=list(sub.problems) + _binding_notes(sub, key.family if key else frozenset()), key=key)
    for exercise in key.as_issued(bank.exercises) if key else bank.exercises:  # each item as the student's release showed it
        answer = _validated_answer(exercise, sub.records.get(exercise.id), sub, graded.notes, key)
        result = exercise.check(answer)
        given = None
        if lecturer is not None and exercise.graded_by_people and result.answered and isinstance(answer, str):
            given = lecturer.points(sub.student, exercise, answer)
            result = exercise.lecturer_result(given) if given is not None else exercise.awaiting_lecturer()
        elif result.review:
            feedback = {lang: pick(result.feedback[1], lang).rstrip(".") for lang in LANGUAGES}
            graded.notes.append(Message("needs_review", exercise=exercise.id, feedback=feedback))
        points = round(given if given is not None else exercise.points * result.score, 2)
        graded.rows.append((exercise, answer, result, points))
        graded.points += points
    graded.points = round(graded.points, 2)
    unknown = sorted((set(sub.records) | set(sub.invalid)) - {e.id for e in bank.exercises})
    if unknown:
        graded.notes.append(Message("unknown_records", lesson=bank.lesson, exercises=", ".join(unknown)))
    return graded


def identical_answers(graded: list[Graded], minimum: int = 3) -> list[Message]:
    """One line per group of students whose answer records are identical (possible copying; no penalty).

    A group whose every member scored full points on every answered exercise
    is left out: the right answers are the same for everyone who knows them.
    """
    lines = []
    for members, count in _identical_groups(graded, minimum):
        if not all(_all_right(g) for g in members):
            students = sorted(g.submission.student for g in members)
            lines.append(Message("identical_answers", count=len(students), exercises=count, students=", ".join(students)))
    return lines


def _identical_groups(graded: list[Graded], minimum: int) -> list[tuple[list[Graded], int]]:
    """Groups of two or more graded students whose answered records are all identical, with the number of exercises."""
    groups: dict[str, list[Graded]] = {}
    for g in graded:
        answered = sorted((e, json.dumps(r["answer"], sort_keys=True)) for e, r in g.submission.records.items() if r["answer"] is not None)
        if g.status == GRADED and len(answered) >= minimum:
            groups.setdefault(json.dumps(answered), []).append(g)
    return [(members, len(json.loads(key))) for key, members in groups.items() if len(members) > 1]


LONG_TEXT_WORDS = 20
"""A text answer this long or longer that two students share word for word is reported (see :func:`identical_texts`)."""


def identical_texts(graded: list[Graded], least_words: int = LONG_TEXT_WORDS) -> list[Message]:
    """One line per text item and group of students who wrote the same long text (possible copying; no penalty).

    Texts are compared after :func:`course.model.textmatch.normalise` (case,
    accents, punctuation and spacing do not count). Only texts of
    ``least_words`` words or more count: the quiz asks for 30 words or more,
    and while two students may well both write "It is tokenism.", the same
    twenty words in the same order rarely come from two pens.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    lengths: dict[tuple[str, str], int] = {}
    for g in graded:
        if g.status != GRADED:
            continue
        for exercise, answer, _result, _points in g.rows:
            if exercise.graded_by_people and isinstance(answer, str) and len(answer.split()) >= least_words:
                same = (exercise.id, textmatch.normalise(answer))
                groups.setdefault(same, []).append(g.submission.student)
                lengths.setdefault(same, len(answer.split()))
    return [
        Message("identical_texts", count=len(students), exercise=same[0], words=lengths[same], students=", ".join(sorted(students)))
        for same, students in groups.items()
        if len(students) > 1
    ]


def shared_answers(graded: list[Graded], minimum: int = 3) -> list[Message]:
    """One line per pair of students who gave the same uncommon answers to ``minimum`` or more exercises they did not get fully right.

    Identical right answers prove nothing, and a wrong answer half the class
    gives is a common mistake; the same *uncommon* wrong answers are what
    copying leaves behind. An answer counts when it scored less than full
    points and at most a tenth of the graded students (at least two) gave
    it. Pairs whose whole answer sets are identical are left to
    :func:`identical_answers`.
    """
    members = [g for g in graded if g.status == GRADED]
    limit = max(2, len(members) // 10)
    buckets: dict[tuple[str, str], set[str]] = {}
    for g in members:
        for exercise, answer, result, points in g.rows:
            if result.status != UNANSWERED and answer not in (None, "", [], {}) and points < exercise.points:
                same = textmatch.normalise(answer) if isinstance(answer, str) else json.dumps(answer, sort_keys=True)
                buckets.setdefault((exercise.id, same), set()).add(g.submission.student)
    pairs: dict[tuple[str, str], list[str]] = {}
    for (exercise_id, _), students in buckets.items():
        if 2 <= len(students) <= limit:
            for pair in itertools.combinations(sorted(students), 2):
                pairs.setdefault(pair, []).append(exercise_id)
    whole = {frozenset(g.submission.student for g in group) for group, _ in _identical_groups(graded, minimum)}
    return [
        Message("shared_answers", first=first, second=second, count=len(exercises), exercises=", ".join(sorted(exercises)))
        for (first, second), exercises in sorted(pairs.items())
        if len(exercises) >= minimum and not any({first, second} <= group for group in whole)
    ]


def _all_right(g: Graded) -> bool:
    """Every answered exercise scored full points: honest students who all know the answers hand in the same set."""
    answered = [(exercise, points) for exercise, answer, result, points in g.rows if result.status != UNANSWERED]
    return bool(answered) and all(points >= exercise.points for exercise, points in answered)


def mode_name(mode: str | None) -> Message | str:
    """A release mode as the report names it (practice, assessment), in the reader's language."""
    return Message(f"mode_name_{mode}") if mode in MODES else str(mode)


def _binding_notes(sub: Submission, updates: frozenset[str] = frozenset()) -> list[Message]:
    """Records made in another mode or release than the notebook says it belongs to (no penalty: for the lecturer to look at).

    ``updates`` are the releases of the notebook's folder (one key file): a
    notebook kept through an update holds records of several of them.
    """
    notes = []
    modes = {r["mode"] for r in sub.records.values()}
    releases = {r.get("release") for r in sub.records.values() if r.get("format", 1) >= 2}
    if sub.mode and modes - {sub.mode}:
        notes.append(Message("other_mode_records", modes=[mode_name(m) for m in sorted(modes - {sub.mode})], mode=mode_name(sub.mode)))
    if sub.release and releases - {sub.release} - updates:
        others = ", ".join(sorted(str(r) for r in releases - {sub.release} - updates))
        notes.append(Message("other_release_records", others=others, release=sub.release))
    return notes


def _grade_one(
    sub: Submission, bank: Bank, lesson: str, key: ReleaseKey | None = None, mode: str = "practice", lecturer: LecturerPoints | None = None
) -> Graded:
    """Grade one submission; an unexpected error becomes a note on it, never a stop."""
    try:
        if sub.handed_in:  # a PDF, an image, an empty file: named, never graded
            return Graded(sub, sub.handed_in, notes=[report_note(sub)])
        if not sub.readable:
            return Graded(
                sub, UNREADABLE, notes=[Message("zero_points", note=problem) for problem in sub.problems or [Message("unreadable")]]
            )
        if sub.lesson and sub.lesson != lesson:
            return Graded(sub, WRONG_LESSON, notes=[*sub.problems, Message("wrong_lesson", found=sub.lesson, lesson=lesson)])
        graded = score(sub, bank, key, (lecturer or NoPointsYet()) if mode == "assessment" else None)
        if sub.mode and sub.mode != mode:
            graded.notes.insert(
                0,
                Message(
                    "other_mode_practice" if sub.mode == "practice" else "other_mode",
                    found=mode_name(sub.mode),
                    lesson=lesson,
                    mode=mode_name(mode),
                ),
            )
        return graded
    except Exception as error:
        return Graded(sub, FAILED, notes=[Message("grading_failed", error=type(error).__name__)])
