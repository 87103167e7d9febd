"""Which lesson and mode a folder holds, and which file counts for each student."""

from __future__ import annotations

import json
from collections import Counter

from ..errors import CourseError, Problem
from ..intake.layouts import Identity
from ..intake.roster import Roster
from ..intake.submissions import Submission
from ..messages import Message
from ..model.vocabulary import LESSON, LESSON_EXERCISE
from ..safety import one_line
from .keys import AMBIGUOUS, ReleaseKey, _key_for, _require_keys
from .scoring import mode_name

NAMED_BY_FILE_NAME = ("classroom", "file")  # sources whose student is read from a name the uploader chose
NAME_CLASH = "file"  # in needs_review: which of several files under the student's name is hers


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


def key_lessons(keys: dict[str, ReleaseKey] | None) -> set[str]:
    """The lessons the lecturer's key files are for, read from the exercise ids they hold (``03-...`` is lesson 03)."""
    return {exercise[:2] for key in (keys or {}).values() for exercise in key.orders if LESSON_EXERCISE.match(exercise)}


def _choose_lesson(subs: list[Submission], lesson: str | None, keys: dict[str, ReleaseKey] | None = None) -> str:
    """The lesson to grade: ``--lesson``, else the one lesson of the key files, else the one lesson every readable notebook is of.

    Never a count of the students' files: a few extra files stamped for
    another lesson must not decide what the class is graded on. Where the
    notebooks (within the key files' lessons, when those name several) are
    of more than one lesson, the run stops and asks for ``--lesson``; a
    student can make it ask, never make it grade another lesson.
    """
    if lesson:
        if not LESSON.match(lesson):
            raise CourseError(Problem("grade", f"--lesson {lesson!r} is not a lesson number", "give two digits, e.g. --lesson 03"))
        return lesson
    from_keys = key_lessons(keys)
    if len(from_keys) == 1:
        return next(iter(from_keys))
    found = {s.lesson for s in subs if s.readable and s.lesson and (not from_keys or s.lesson in from_keys)}
    if len(found) == 1:
        return found.pop()
    if not found:
        raise CourseError(Problem("grade", "no readable notebook says which lesson it is", "pass --lesson NN, e.g. --lesson 03"))
    lessons = ", ".join(sorted(found))
    raise CourseError(
        Problem(
            "grade",
            f"the notebooks are of lessons {lessons}, and the grader never lets the students' files decide which one is graded",
            f"pass --lesson NN to say which lesson to grade, e.g. --lesson {min(found)}; nothing was written",
        )
    )


def _file_rank(sub: Submission, lesson: str, mode: str) -> tuple:
    """Which of a student's files counts: readable, of the lesson, of the mode, most answers, then newest."""
    return (sub.readable, sub.lesson == lesson, sub.mode in (mode, None), sub.answered, sub.mtime)


def choose_files(
    subs: list[Submission], lesson: str, mode: str, roster_emails: bool = False
) -> tuple[list[Submission], list[Submission], list[Message]]:
    """One file per student (see :func:`_file_rank`), the files passed over, and a report line per choice.

    A student's notebooks of other lessons (a hub home holds them all) are
    passed over without a line when the student has one of this lesson.
    Where the student's name comes from a file name anyone could have given
    (Google Classroom, loose files), two files under one name are never
    silently taken as hers: with a roster that has emails (the grade goes to
    her account), or when the files hold different answers, a line names
    every file and the row is marked in ``needs_review`` (:data:`NAME_CLASH`).
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
        if _name_in_doubt([winner, *rivals], roster_emails):
            winner.review.append(NAME_CLASH)
            files = ", ".join(s.display for s in [winner, *rivals])
            clash = Message("name_clash", student=student, count=len(rivals) + 1, files=files)
            lines.append(Message("file_note", file=winner.display, note=clash))
    return kept, dropped, lines


def settle_namesake(sub: Submission, identity: Identity, roster: Roster) -> bool:
    """A file under a name two or more people on the roster share: whose it is, when her NIM is in the file name.

    Returns True when the NIM decided (the file is hers). Otherwise the file is
    never merged with a namesake's: it gets a row of its own (the name and the
    file name), marked :data:`NAME_CLASH` in ``needs_review``, and none of the
    namesakes is listed as having handed in nothing (``roster.in_doubt``).
    """
    namesakes = roster.namesakes(identity, sub.student)
    owner = roster.by_id_in(namesakes, sub.path.name)
    if owner:
        sub.student, sub.name, sub.email = one_line(owner.id), one_line(owner.name), one_line(owner.email)
        sub.participant = owner.participant or sub.participant
        return True
    roster.in_doubt.update(person.id for person in namesakes)
    sub.student = one_line(f"{sub.student} ({sub.path.name})")
    sub.review.append(NAME_CLASH)
    return False


def _name_in_doubt(files: list[Submission], roster_emails: bool) -> bool:
    """Several files under one name that only a file name gave, and a reason to doubt they are all hers."""
    named = any(s.identity is not None and s.identity.source in NAMED_BY_FILE_NAME for s in files)
    return len(files) > 1 and named and (roster_emails or len({_answer_set(s) for s in files}) > 1)


def _answer_set(sub: Submission) -> str:
    """What a file holds, for comparing two files: readable or not, what it is, each exercise's answer."""
    answers = {exercise: record.get("answer") for exercise, record in sub.records.items()}
    return json.dumps([sub.readable, sub.handed_in, answers], sort_keys=True, default=str)


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


def _without_keys(kept: list[Submission], lesson: str, keys: dict[str, ReleaseKey]) -> dict[int, Message]:
    """The quiz notebooks no key file given reads, each with its report line (by ``id()``); one file costs only itself.

    A notebook whose stamp names a release none of the key files is for (its
    release id changed by hand, or a key not given), or one with no stamp
    when several key files are given, cannot be mapped back to the options.
    When no quiz notebook of the lesson can be read with the keys given, the
    key file is missing for the class, not for one file: the run stops.
    """
    missing, keyed = {}, False
    for sub in kept:
        # a stampless notebook in a run with key files is read as a quiz: its letters need a key (never the practice order)
        quiz = sub.mode == "assessment" or (
            sub.mode is None and (bool(keys) or any(r["mode"] == "assessment" for r in sub.records.values()))
        )
        if not (sub.readable and not sub.handed_in and sub.lesson in (lesson, None) and quiz):  # None: no stamp
            continue
        key = _key_for(sub, keys)
        if key == AMBIGUOUS:  # stampless, and its records name no release given: never read through a guessed order
            missing[id(sub)] = Message("stampless_without_key", count=len(keys))
        elif key is not None:
            keyed = True
            if not sub.release and len(keys) > 1:  # read by the release its answers name: said once, on the file's own line
                sub.problems.append(Message("stampless_read_by_records", count=len(keys), release=key.release))
        elif sub.release:
            missing[id(sub)] = Message("release_without_key", release=sub.release, releases=", ".join(sorted(keys)) or "-")
        elif len(keys) != 1:
            missing[id(sub)] = Message("stampless_without_key", count=len(keys))
    if missing and not keyed:
        _require_keys(kept, lesson, keys)
    return missing
