"""The kernel side of the exercises: the notebook API, the widgets and the answer store.

Builds on the pure model (:mod:`course.model`); the grader never imports this package.
The notebook API loads on first use, so a kernel's start-up (:mod:`.autostart`) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["answer", "check", "progress", "show", "start_lesson"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module(".session", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
