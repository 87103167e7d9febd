"""The exercises' HTML as Jinja2 macros, rendered by the course's one environment.

``fallback.html`` holds the exercises' text copies (:mod:`course.kernel.fallback`),
``exercise.html`` the feedback and a code exercise's question (:mod:`course.kernel.render`).

The environment is :func:`course.results.templates.environment` (autoescape,
``StrictUndefined``) with this folder as its loader, so every text passed in
(a heading, an option, a saved answer) is escaped; only a value the caller
wraps in :class:`markupsafe.Markup` reaches the notebook as HTML.

Escaping spells quotes as the notebooks' saved outputs hold them (``&quot;``
and ``&#x27;``, the standard library's spelling, where Jinja2 writes ``&#34;``
and ``&#39;``): the same HTML either way, and the committed lessons' outputs,
which strict nbval compares byte for byte, stay as they are.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from ...results.templates import environment as results_environment

FOLDER = Path(__file__).resolve().parent
SAVED_SPELLING = {"&#34;": "&quot;", "&#39;": "&#x27;"}  # Jinja2's spelling of a quote -> the saved outputs' spelling


def escape_as_saved(value: Any) -> Any:
    """A value printed by a template: Markup as it is, anything else escaped with quotes spelt as the saved outputs spell them."""
    if hasattr(value, "__html__"):
        return value
    escaped = str(escape(value))  # markupsafe escapes & < > " ' and nothing else, so its quote entities come only from quotes
    for jinja_spelling, saved_spelling in SAVED_SPELLING.items():
        escaped = escaped.replace(jinja_spelling, saved_spelling)
    return Markup(escaped)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The kernel's template environment, loading from this folder (made on first use)."""
    return results_environment().overlay(loader=FileSystemLoader(FOLDER), finalize=escape_as_saved)


def macro(template: str, name: str, **values: Any) -> str:
    """The HTML of macro ``name`` of ``template`` (a file of this folder), called with ``values``."""
    return str(getattr(environment().get_template(template).module, name)(**values))


def fragment(name: str, **values: Any) -> str:
    """The HTML of macro ``name`` of ``fallback.html``, called with ``values``."""
    return macro("fallback.html", name, **values)
