"""Good governance in Jupyter: the package the lesson notebooks import.

Importing ``course`` is cheap: the submodules load when first used, so a lesson
pays only for what it touches (see ``benchmarks/bench_startup.py``).

Notebook API (all documented in the README):

* ``load_abstracts(path=None)`` - the corpus as a pandas DataFrame;
* ``concepts`` - concept table, evidence quotes, glossary;
* ``set_language('en' | 'id')`` / ``get_language()``;
* ``start_lesson("00")``, ``show("00-id")``, ``check("00-id", value)``,
  ``answer("00-id", response)``, ``progress()`` - the exercises.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .model.evaluator import use_solution_evaluator as _use_solution_evaluator
from .paths import package_version as _package_version

__version__ = _package_version()

_LAZY = {
    "load_abstracts": ("course.library.corpus", "load_abstracts"),
    "check_abstracts": ("course.library.corpus", "check_abstracts"),
    "split_list": ("course.library.corpus", "split_list"),
    "mark_unknown": ("course.library.corpus", "mark_unknown"),
    "load_reference": ("course.library.corpus", "load_reference"),
    "labels": ("course.library.corpus", "labels"),
    "textstats": ("course.library.textstats", None),
    "COLUMNS": ("course.library.corpus", "COLUMNS"),
    "CorpusError": ("course.errors", "CorpusError"),
    "BankError": ("course.errors", "BankError"),
    "set_language": ("course.i18n", "set_language"),
    "get_language": ("course.i18n", "get_language"),
    "concepts": ("course.library.concepts", None),
    "start_lesson": ("course.kernel.session", "start_lesson"),
    "show": ("course.kernel.session", "show"),
    "check": ("course.kernel.session", "check"),
    "answer": ("course.kernel.session", "answer"),
    "progress": ("course.kernel.session", "progress"),
    "use_release": ("course.kernel.home", "use_release"),
}

# The names of _LAZY, written out so that tools can read them (tests/library/test_package_api.py checks they agree).
__all__ = [
    "COLUMNS",
    "BankError",
    "CorpusError",
    "answer",
    "check",
    "check_abstracts",
    "concepts",
    "get_language",
    "labels",
    "load_abstracts",
    "load_reference",
    "mark_unknown",
    "progress",
    "set_language",
    "show",
    "split_list",
    "start_lesson",
    "textstats",
    "use_release",
]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from .errors import BankError, CorpusError
    from .i18n import get_language, set_language
    from .kernel.home import use_release
    from .kernel.session import answer, check, progress, show, start_lesson
    from .library import concepts, textstats
    from .library.corpus import COLUMNS, check_abstracts, labels, load_abstracts, load_reference, mark_unknown, split_list


def _evaluate_solution(expression: str) -> Any:
    """The course's evaluator of bank solutions, loaded on first use (:mod:`course.library.livevalues`)."""
    from .library.livevalues import evaluate_solution

    return evaluate_solution(expression)


# The pure exercise model evaluates no expressions itself: it is given this evaluator.
_use_solution_evaluator(_evaluate_solution)


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'course' has no attribute '{name}'") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
