"""Sign-in names for the campus hub: normalised, checked, and turned into safe system user names.

A student types a student number (``2023010045``, ``21/478123/SP/12345``) or a campus
login (``Ani.Lestari``). The hub keeps the normalised name (lower case, surrounding
spaces dropped, ``/`` written as ``-``); the student's system user is ``jupyter-<name>``
(the Littlest JupyterHub's convention, which the grader reads too), so a name can never
be ``root`` or another account of the server, and a student number, which Linux refuses
as a user name on its own, works. Anything else is refused with a message saying why.
This module uses only the standard library, so it is tested without JupyterHub.
"""

from __future__ import annotations

import re
from pathlib import Path

SYSTEM_PREFIX = "jupyter-"
MAX_SYSTEM_NAME = 32  # Linux user names: at most 32 characters
MAX_NAME = MAX_SYSTEM_NAME - len(SYSTEM_PREFIX)
NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


def normalise(typed: str) -> str:
    """The hub name for what a student typed: lower case, no surrounding spaces, ``/`` as ``-``."""
    return typed.strip().lower().replace("/", "-")


def problem(name: str) -> str | None:
    """Why ``name`` (already normalised) cannot be a student's name, as a words.yml key, or None when it can."""
    if not name:
        return "hub.name_empty"
    if len(name) > MAX_NAME:
        return "hub.name_too_long"
    if not NAME.fullmatch(name) or name.endswith((".", "-")) or ".." in name:
        return "hub.name_characters"
    return None


def system_name(name: str) -> str:
    """The system user of the hub user ``name``: ``jupyter-<name>``."""
    if problem(name):
        raise ValueError(f"{name!r}: not a safe hub user name; fix: letters, digits, '.', '-' or '_', at most {MAX_NAME} characters")
    return SYSTEM_PREFIX + name


def read_allow_list(path: Path) -> set[str]:
    """The names in an allow list file: one a line, normalised; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise ValueError(f"{path}: cannot read the allow list ({error.strerror}); fix: COURSE_HUB_ALLOWED names a readable file") from None
    names: set[str] = set()
    for number, line in enumerate(lines, start=1):
        name = normalise(line.split("#", 1)[0])
        if not name:
            continue
        if problem(name):
            raise ValueError(
                f"{path}, line {number}: {line.strip()!r} is not a usable name; "
                f"fix: letters, digits, '.', '-' or '_', at most {MAX_NAME} characters"
            )
        names.add(name)
    return names
