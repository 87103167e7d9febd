"""Which lesson and mode a folder holds, and which file counts for each student."""

from __future__ import annotations

from collections import Counter

from ..errors import CourseError, Problem
from ..intake.submissions import Submission
from ..messages import Message
from ..model.vocabulary import LESSON
from .keys import ReleaseKey
from .scoring import mode_name


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
        raise CourseError(
            Problem(
                "grade",
                f"the folder holds as many notebooks of lessons {tied} (home folders of a hub?)",
                "say which lesson to grade with --lesson NN",
            )
        )
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
    counts = Message(
        "answered_counts", answered=winner.answered, others=[Message("answered_in", count=r.answered, file=r.display) for r in rivals]
    )
    if not runner.readable:
        return Message("why_unreadable", files=", ".join(r.display for r in rivals))
    if runner.lesson != lesson:
        return Message("why_lesson", lesson=lesson, other=runner.display, other_lesson=runner.lesson or "?")
    if runner.mode not in (mode, None):
        return Message("why_mode", mode=mode_name(mode), other=runner.display, other_mode=mode_name(runner.mode))
    if winner.answered > runner.answered:
        return Message("why_most", counts=counts)
    return Message("why_newest", counts=counts)
