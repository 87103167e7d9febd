"""Exercise types and their pure checking logic (no widgets, no kernel): the names the course has always imported.

Each type lives in its own module in :mod:`course.model.exercises`; this module
re-exports them. Every exercise turns a student's answer into a
:class:`Result`: a status, a score between 0 and 1 and feedback lines in
English and Indonesian that say *why*. Answers are plain JSON values so that
they can be saved in the answer store and in the notebook itself:

=============  ===========================================================
type           answer
=============  ===========================================================
``single``     the key of the chosen option, e.g. ``"b"``
``multiple``   the sorted list of chosen keys, e.g. ``["a", "c"]``
``truefalse``  ``true`` or ``false``
``categorise`` ``{item key: category key}``
``ordering``   the list of item keys in the student's order
``text``       the student's text
``code``       the value the student computed, as :mod:`.values` stores it
=============  ===========================================================

An exercise without its key (a student copy in assessment mode) records
answers and returns the status ``recorded``.
"""

from __future__ import annotations

from .exercises import TYPES, Categorise, Code, Criterion, Exercise, Hint, MultipleChoice, Ordering, ShortText, SingleChoice, TrueFalse
from .exercises.base import NOT_ANSWERED, RECORDED_RESULT, Choice, Result, Text, invalid, seeded_order, shuffled
from .exercises.text import COVERAGE_NOTE
from .exercises.truefalse import FALSE_WORDS, TRUE_WORDS, parse_truefalse
from .vocabulary import CORRECT, INCORRECT, PARTIAL, RECORDED, REVIEW, UNANSWERED

TYPE_NAMES: dict[str, Text] = {kind: cls.title for kind, cls in TYPES.items()}

__all__ = [
    "CORRECT",
    "COVERAGE_NOTE",
    "FALSE_WORDS",
    "INCORRECT",
    "NOT_ANSWERED",
    "PARTIAL",
    "RECORDED",
    "RECORDED_RESULT",
    "REVIEW",
    "TRUE_WORDS",
    "TYPES",
    "TYPE_NAMES",
    "UNANSWERED",
    "Categorise",
    "Choice",
    "Code",
    "Criterion",
    "Exercise",
    "Hint",
    "MultipleChoice",
    "Ordering",
    "Result",
    "ShortText",
    "SingleChoice",
    "Text",
    "TrueFalse",
    "invalid",
    "parse_truefalse",
    "seeded_order",
    "shuffled",
]
