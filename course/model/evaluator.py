"""The hook through which a code exercise's ``solution`` expression becomes a value.

A bank may give a code exercise its right value as an expression over the
course's data (``solution: "len(abstracts)"``). Evaluating it needs pandas and
the corpus, which the pure model does not import, so the model asks whatever
evaluator it was given: :func:`use_solution_evaluator` sets it, and importing
``course`` gives the model the course's own
(:func:`course.livevalues.evaluate_solution`). The model
itself never imports anything above it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SolutionEvaluator = Callable[[str], Any]
"""Takes a solution expression, returns its value in stored form (see :func:`course.model.values.to_json`)."""

_evaluator: SolutionEvaluator | None = None


def use_solution_evaluator(evaluate: SolutionEvaluator | None) -> SolutionEvaluator | None:
    """Make ``evaluate`` the model's solution evaluator; returns the one it replaces."""
    global _evaluator
    previous, _evaluator = _evaluator, evaluate
    return previous


def evaluate_solution(expression: str) -> Any:
    """The stored-form value of ``expression``, from the evaluator in use."""
    if _evaluator is None:
        raise LookupError(
            f"no solution evaluator to compute {expression!r}: call "
            "course.model.evaluator.use_solution_evaluator first (importing course does)"
        )
    return _evaluator(expression)
