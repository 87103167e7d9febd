"""Grading: the run (``run``), each student's file and the lesson's mode (``choosing``), key files (``keys``),
scores (``scoring``), the files written (``outputs``), assignment labels and the screens students saw.

``grade`` and ``LmsOptions`` are the package's face; they load on first use, so importing one
grading module (``assignments``, say) does not import the whole grader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_FACE = {"grade": "run", "GradeRun": "run", "LmsOptions": "run"}
__all__ = ["GradeRun", "LmsOptions", "grade"]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from .run import GradeRun, LmsOptions, grade


def __getattr__(name: str) -> Any:
    if name not in _FACE:
        raise AttributeError(f"module 'course.grading' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"{__name__}.{_FACE[name]}"), name)
    globals()[name] = value
    return value
