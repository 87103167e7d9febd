"""The exercise types, one module each, and the registry that finds a type by its ``kind``.

Every module registers its class with :func:`.base.register` when it is
imported; the imports below are the list of types, in the order the course
names them. Adding a type: see the README, "Adding an exercise type".
"""

from __future__ import annotations

from .base import TYPES, Choice, Exercise, Result
from .categorise import Categorise
from .code import Code, Hint
from .multiple import MultipleChoice
from .ordering import Ordering
from .single import SingleChoice, key_for_letter
from .text import Criterion, ShortText
from .truefalse import TrueFalse

__all__ = [
    "TYPES",
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
    "TrueFalse",
    "exercise_type",
    "key_for_letter",
]


def exercise_type(kind: str) -> type[Exercise]:
    """The class of exercises of ``kind`` (``KeyError`` for an unknown kind)."""
    return TYPES[kind]
