"""Language selection (English ``en``, Bahasa Indonesia ``id``); the words themselves are in :mod:`course.words`.

The language of a lesson is chosen once per kernel. By default it follows the
notebook's folder (``notebooks/en/...`` or ``notebooks/id/...``), so the English
and Indonesian twins of a lesson can share identical code cells. Order of
precedence: :func:`set_language`, the ``COURSE_LANG`` environment variable, the
notebook path JupyterLab gives the kernel (``JPY_SESSION_NAME``), the working
directory, and finally English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .model.vocabulary import LANGUAGES
from .words import has, word

LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}

_chosen: str | None = None


class LanguageError(ValueError):
    """A language code the course does not support."""


def _validated(lang: str) -> str:
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        raise LanguageError(f"unknown language '{lang}': use 'en' (English) or 'id' (Bahasa Indonesia)")
    return code


def set_language(lang: str) -> str:
    """Choose the language for everything the course shows in this kernel."""
    global _chosen
    _chosen = _validated(lang)
    return _chosen


def detect_language(path: str | Path | None = None) -> str:
    """Guess the language from a notebook path or folder (``.../id/...`` means Indonesian)."""
    candidates = [path] if path is not None else [os.environ.get("JPY_SESSION_NAME"), os.getcwd()]
    for candidate in candidates:
        if not candidate:
            continue
        for part in reversed(Path(candidate).parts):
            if part.lower() in LANGUAGES:
                return part.lower()
    return "en"


def get_language() -> str:
    """Return the language in use: ``'en'`` or ``'id'``."""
    if _chosen:
        return _chosen
    env = os.environ.get("COURSE_LANG")
    return _validated(env) if env else detect_language()


def reset_language() -> None:
    """Forget an explicit choice (used by tests)."""
    global _chosen
    _chosen = None


def pick(texts: Mapping[str, str] | str | None, lang: str | None = None) -> str:
    """Return the text for ``lang`` from an ``{'en': ..., 'id': ...}`` mapping, falling back to English."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    lang = lang or get_language()
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def column_label(name: str, lang: str | None = None) -> str:
    """The label of a course column in ``lang``: ``column_label("source", "id")`` is ``"sumber"``.

    A name the catalogue does not know is returned unchanged.
    """
    key = f"column.{name}"
    return word(key, lang or get_language()) if has(key) else name


def localise_columns(table, lang: str | None = None):  # type: ignore[no-untyped-def]
    """A copy of a DataFrame (or Series) whose known English column, index and series names read in ``lang``.

    For display only: code keeps using the English names, e.g.
    ``course.localise_columns(table[["name", "definition"]])`` shows *nama* and
    *definisi* in an Indonesian notebook.
    """
    shown = table.copy()
    if hasattr(shown, "columns"):
        shown.columns = [column_label(c, lang) if isinstance(c, str) else c for c in shown.columns]
    elif isinstance(shown.name, str):
        shown.name = column_label(shown.name, lang)
    if isinstance(shown.index.name, str):
        shown.index.name = column_label(shown.index.name, lang)
    return shown


def t(key: str, lang: str | None = None, **values: object) -> str:
    """Return entry ``student.<key>`` of the catalogue (:mod:`course.words`) in ``lang`` (default: the language in use)."""
    return word(f"student.{key}", lang or get_language(), **values)
