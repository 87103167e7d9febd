"""One assignment, one place: what names the practice set and the quiz of a lesson apart.

A lesson has two assignments a lecturer grades separately: the practice set
(``NN-<slug>.ipynb``) and the quiz (``NN-quiz.ipynb``). Their *assignment
label* (:func:`assignment_label`) is ``NN`` for practice and ``NN-quiz`` for
assessment; every file ``grade`` writes for one run carries it
(:func:`output_names`), and the gradebook keys its rows by student, lesson
and mode, so grading one never touches the other.

Gradebooks written before the ``mode`` column existed are read with
:func:`legacy_mode`, which says which assignment an old row belongs to where
the row itself shows it (see its docstring).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ..i18n import pick
from ..messages import say
from ..model.vocabulary import MODES

if TYPE_CHECKING:
    from ..model.bank import Bank


def assignment_label(lesson: str, mode: str | None) -> str:
    """``NN`` for the practice set, ``NN-quiz`` for the quiz (assessment) of lesson ``NN``."""
    return f"{lesson}-quiz" if mode == "assessment" else lesson


def output_names(label: str) -> dict[str, str]:
    """The files (and folders) one grading run writes in ``--out``, by what they are, for assignment ``label``."""
    return {
        "feedback": f"feedback/{label}/",
        "summary_csv": f"summary-{label}.csv",
        "summary_html": f"summary-{label}.html",
        "options_csv": f"options-{label}.csv",
        "test_csv": f"test-{label}.csv",
        "report": f"report-{label}.txt",
        "page": f"feedback-{label}.html",
        "moodle_worksheet": f"moodle/grading-worksheet-{label}.csv",
        "moodle_zip": f"moodle/feedback-files-{label}.zip",
        "canvas_gradebook": f"canvas/gradebook-{label}.csv",
        "canvas_comments": f"canvas/comments-{label}.zip",
        "classroom_grades": f"classroom/grades-{label}.csv",
        "classroom_feedback": f"classroom/feedback-{label}/",
        "review_csv": f"review-{label}.csv",
        "review_pages": f"review-{label}/",
    }


@functools.lru_cache(maxsize=64)
def _mode_signs(lesson: str) -> tuple[dict[str, str], dict[float, str]]:
    """Per exercise id the one mode it is graded in, and per maximum the one mode that has it."""
    from ..errors import BankError
    from ..model.bank import find_bank

    try:
        bank = find_bank(lesson)
    except (BankError, OSError):
        return {}, {}
    exercises = {mode: {e.id for e in bank.for_mode(mode).exercises} for mode in MODES}
    only = {eid: mode for mode in MODES for eid in exercises[mode] if not any(eid in exercises[m] for m in MODES if m != mode)}
    maxima = {mode: float(sum(e.points for e in bank.for_mode(mode).exercises)) for mode in MODES}
    by_maximum = {value: mode for mode, value in maxima.items() if list(maxima.values()).count(value) == 1}
    return only, by_maximum


def legacy_mode(row: dict[str, Any]) -> str:
    """The mode of a gradebook row written before the ``mode`` column existed, or ``""`` when the row does not show it.

    The decision, in order: (1) the exercise columns the row filled, when
    every one of them belongs to one mode only in the lesson's bank (practice
    and quiz items have distinct ids); (2) else its ``max_points``, when it is
    the maximum of exactly one mode (covers rows of students who handed in
    nothing or an unreadable file). A row whose mode stays unknown keeps a
    blank mode and is never replaced by a row of either mode: the lecturer
    can fill its ``mode`` cell to merge it.
    """
    lesson = str(row.get("lesson", ""))
    only, by_maximum = _mode_signs(lesson)
    filled = {only.get(column) for column, value in row.items() if column.startswith(f"{lesson}-") and value not in ("", None)}
    if filled and None not in filled and len(filled) == 1:
        return filled.pop()
    maximum = row.get("max_points")
    return by_maximum.get(float(maximum), "") if isinstance(maximum, (int, float)) and not isinstance(maximum, bool) else ""


def lesson_title(bank: Bank, lang: str) -> str:
    """``Lesson NN · <title>`` (``Topik NN · ...``) in ``lang``."""
    return f"{'Lesson' if lang == 'en' else 'Topik'} {bank.lesson} · {pick(bank.title, lang)}"


def assignment_title(bank: Bank, mode: str, lang: str) -> str:
    """The lesson's title, marked as the quiz for an assessment."""
    title = lesson_title(bank, lang)
    return say("quiz_title", lang, title=title) if mode == "assessment" else title
