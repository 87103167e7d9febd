"""Making untrusted text safe where it lands: one report line, one spreadsheet cell, one HTML attribute.

* :func:`one_line` - control characters (newlines, escapes, bidirectional
  overrides) are shown as ``\\xNN`` / ``\\uNNNN``, so a file name cannot forge
  or hide report lines;
* :func:`csv_cell` - a text a spreadsheet would run as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``, as
  the OWASP guidance on CSV injection advises; numbers are left alone;
  :func:`from_csv_cell` takes that ``'`` off again when a sheet the grader
  wrote comes back;
* HTML escaping is :func:`html.escape` (with ``quote=True`` for attributes).
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
