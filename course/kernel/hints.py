"""One line in the notebook's language under Python's error, for the errors beginners meet most.

``start_lesson`` installs :func:`explain` as IPython's custom exception handler
(:meth:`~IPython.core.interactiveshell.InteractiveShell.set_custom_exc`) for
the four kinds below; :mod:`.autostart` does so when the kernel starts. The
handler adds the line as a note to the exception (PEP 678, Python 3.11+), then
lets IPython show the traceback as usual: the student still sees Python's own
message, and the note right under it. Nothing here imports pandas: its errors
are explained once a cell has imported it.

* ``NameError``: the cells above, starting with the set-up cell, have not run;
* ``KeyError`` on a pandas table: the labels that are there (and a number
  written as text, or text as a number);
* pandas' "Too many indexers": ``.loc[row, column]`` on a Series;
* ``AttributeError`` for a Series method on a DataFrame (``.tolist``): take
  one column first; and on ``None``: the value has not been computed yet.

A hint is never needed for the course to work: if building one fails, the
traceback is shown without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from ..words import word

SHOWN_LABELS = 12
BASE_ERRORS: tuple[type[BaseException], ...] = (NameError, KeyError, AttributeError)


def _pandas() -> Any:
    """pandas if a cell has imported it, else None (a hint never pays for importing it)."""
    return sys.modules.get("pandas")


def _labels_in(tb: TracebackType | None) -> list[Any] | None:
    """The labels of the pandas Index whose lookup raised, found in the traceback's frames."""
    pd = _pandas()
    if pd is None:
        return None
    found = None
    while tb is not None:
        owner = tb.tb_frame.f_locals.get("self")
        if isinstance(owner, pd.Index):
            found = list(owner)
        tb = tb.tb_next
    return found


def _key_hint(error: KeyError, tb: TracebackType | None, lang: str) -> str:
    key = error.args[0] if error.args else ""
    labels = _labels_in(tb)
    if labels is None:
        return word("hint.key_plain", lang, given=repr(key))
    shown = ", ".join(repr(label) for label in labels[:SHOWN_LABELS]) + (", …" if len(labels) > SHOWN_LABELS else "")
    line = word("hint.key", lang, given=repr(key), available=shown or "—")
    as_text = {str(label): label for label in labels}
    if str(key) in as_text and as_text[str(key)] != key:
        kind = "hint.key_is_number" if isinstance(as_text[str(key)], (int, float)) else "hint.key_is_text"
        line += " " + word(kind, lang, label=repr(as_text[str(key)]))
    return line


def hint_for(error: BaseException, tb: TracebackType | None, lang: str) -> str | None:
    """The line that explains ``error`` to a beginner in ``lang``, or None when it is not a common case."""
    if isinstance(error, NameError):
        return word("hint.name", lang, name=error.name or "")
    pd = _pandas()
    if pd is None:
        return _key_hint(error, tb, lang) if isinstance(error, KeyError) else None
    if isinstance(error, pd.errors.IndexingError) and "Too many indexers" in str(error):
        return word("hint.too_many_indexers", lang)
    if isinstance(error, KeyError):
        return _key_hint(error, tb, lang)
    if isinstance(error, AttributeError):
        owner, name = getattr(error, "obj", None), error.name or ""
        if isinstance(owner, pd.DataFrame) and hasattr(pd.Series, name):
            return word("hint.dataframe_lacks", lang, name=name)
        if owner is None and name and str(error).startswith("'NoneType' object"):
            return word("hint.none_value", lang, name=name)
    return None


def explain(language: Callable[[], str]) -> Callable[..., None]:
    """The custom exception handler: add the hint as a note, then show the traceback as IPython would."""

    def handler(shell: Any, etype: type, value: BaseException, tb: TracebackType | None, tb_offset: int | None = None) -> None:
        try:
            hint = hint_for(value, tb, language())
        except Exception:  # a hint is a courtesy: never let it hide the error itself
            hint = None
        if hint and hint not in getattr(value, "__notes__", []):
            value.add_note(hint)
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    return handler


def install(language: Callable[[], str], shell: Any = None) -> None:
    """Explain the common errors in ``shell`` (default: the running IPython; nothing happens outside IPython)."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None:
        return
    pd = _pandas()
    errors = BASE_ERRORS + ((pd.errors.IndexingError,) if pd is not None else ())
    shell.set_custom_exc(errors, explain(language))
