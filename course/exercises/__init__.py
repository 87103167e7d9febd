"""Interactive exercises: banks (YAML), checking, widgets, answer store and the notebook API."""

from .session import answer, check, progress, show, start_lesson

__all__ = ["answer", "check", "progress", "show", "start_lesson"]
