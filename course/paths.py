"""Where the course finds its data files.

A source checkout (``pip install -e .``) and a student bundle written by
``python -m course release`` share one layout: the ``data/`` folder sits next to
the ``course/`` package. ``COURSE_DATA_DIR`` overrides it (used by tests and by
lecturers who keep their own corpus elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


EMBEDDED_RELEASE = PACKAGE_DIR / "_release"  # a release's student wheel carries its data here (course/authoring/colab.py)


def data_dir() -> Path:
    """Return the folder that holds ``abstracts.csv``, ``concepts.yml`` and the banks.

    ``COURSE_DATA_DIR`` first; then, in a release's student wheel (installed
    alone, as in Colab), the data it carries; else ``data/`` beside the package.
    """
    override = os.environ.get("COURSE_DATA_DIR")
    if override:
        return Path(override)
    return EMBEDDED_RELEASE / "data" if (EMBEDDED_RELEASE / "data").is_dir() else PROJECT_DIR / "data"


def data_file(name: str) -> Path:
    """Return the path of one file in the data folder."""
    return data_dir() / name


DISTRIBUTION = "course"  # the [project] name in pyproject.toml


def package_version() -> str:
    """The course's version, from the installed package's metadata (``pyproject.toml`` is its one source).

    A student release imported without being installed (a folder on
    ``PYTHONPATH``, Colab) reads the ``pyproject.toml`` it ships beside the package.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        import tomllib

        try:
            return str(tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0+unknown"
