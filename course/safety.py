"""Making untrusted text safe where it lands: one report line, one spreadsheet cell, one HTML attribute.

* :func:`one_line` - control characters (newlines, escapes, bidirectional
  overrides) are shown as ``\\xNN`` / ``\\uNNNN``, so a file name cannot forge
  or hide report lines;
* :func:`csv_cell` - a text a spreadsheet would run as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``, as
  the OWASP guidance on CSV injection advises; numbers are left alone;
  :func:`from_csv_cell` takes that ``'`` off again when a sheet the grader
  wrote comes back (the review sheet);
* :func:`csv_cell_exact` and :func:`csv_cell_text` - the same guard for CSVs
  the grader reads back (``gradebook.csv``): :func:`csv_cell_text` undoes it
  exactly, so an id such as ``=cmd|x`` or ``-1`` is the same id on the next run;
* HTML escaping is :func:`html.escape` (with ``quote=True`` for attributes).
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _code(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape(match: re.Match[str]) -> str:
    return _code(match.group())


def one_line(text: Any) -> str:
    """``text`` with every control or direction-changing character made visible."""
    return _CONTROL.sub(_escape, str(text))


def csv_cell(value: Any) -> Any:
    """A value safe to put in a CSV cell a person will open in a spreadsheet."""
    if isinstance(value, str):
        value = value if not value.startswith(FORMULA_STARTS) else "'" + value
        return one_line(value)
    return value


def from_csv_cell(text: str) -> str:
    """A cell read back from a sheet the grader wrote: the ``'`` that :func:`csv_cell` put before a formula taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


_LOOKS_ESCAPED = re.compile(r"\\(?=x[0-9a-f]{2}|u[0-9a-f]{4})")
_ESCAPED = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})")


def csv_cell_exact(value: Any) -> Any:
    """Like :func:`csv_cell`, but :func:`csv_cell_text` gives the text back exactly.

    Control characters become ``\\xNN`` as in :func:`one_line`; so do a backslash
    that would read as such an escape and a space at either end (a spreadsheet
    or a reader would trim it). A text starting with a formula character or
    with ``'`` gets a leading ``'``.
    """
    if not isinstance(value, str):
        return value
    text = one_line(_LOOKS_ESCAPED.sub(lambda _: "\\x5c", value))
    if text[:1].isspace():
        text = _code(text[0]) + text[1:]
    if text[-1:].isspace():
        text = text[:-1] + _code(text[-1])
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def csv_cell_text(cell: str) -> str:
    """The text :func:`csv_cell_exact` wrote as ``cell``: the guard ``'`` and the escapes undone."""
    if cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")):
        cell = cell[1:]
    return _ESCAPED.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)), cell)
