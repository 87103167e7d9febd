"""The grading notebook's HTML: the Jinja2 macros of ``panel.html``, rendered by the grader's environment.

The environment is :func:`course.results.templates.environment` (autoescape,
``StrictUndefined``) with this folder as its loader, so every text the panel
passes in (a file name, a path, an error) is escaped; only a value the caller
wraps in :class:`markupsafe.Markup` reaches the notebook as HTML.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ...results.templates import environment as results_environment

FOLDER = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The grader's template environment, loading from this folder (made on first use)."""
    return results_environment().overlay(loader=FileSystemLoader(FOLDER))


def fragment(name: str, *args: object) -> str:
    """The HTML of macro ``name`` of ``panel.html``, called with ``args``."""
    return str(getattr(environment().get_template("panel.html").module, name)(*args))
