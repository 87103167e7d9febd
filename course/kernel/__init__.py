"""The kernel side of the exercises: the notebook API, the widgets and the answer store.

Builds on the pure model (:mod:`course.model`); the grader never imports this package.
"""

from .session import answer, check, progress, show, start_lesson

__all__ = ["answer", "check", "progress", "show", "start_lesson"]
