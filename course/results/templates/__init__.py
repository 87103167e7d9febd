"""The grader's HTML pages as Jinja2 templates, and the one environment that renders them.

Autoescape is on for every template, so any text passed in is escaped; only
values wrapped in :class:`markupsafe.Markup` by the caller reach the page as
HTML. A field a template names but the caller did not pass is an error
(``StrictUndefined``), not an empty string.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

FOLDER = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The course's one template environment (made on first use)."""
    return Environment(
        loader=FileSystemLoader(FOLDER),
        autoescape=True,  # every template here is HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **values: Any) -> str:
    """Template ``name`` of this folder, filled with ``values``."""
    return environment().get_template(name).render(**values)
