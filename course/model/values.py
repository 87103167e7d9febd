"""Values from code exercises: storing them as JSON, comparing them tolerantly, explaining misses.

A student's value travels in the notebook (and the answer store) as JSON, so
:func:`to_json` turns numbers, text, lists, dicts, pandas Series and
DataFrames into plain data (the *stored form*, whose schema is the ``code``
definition in ``schemas/answers.schema.json``). Everything else here works on
the stored form alone, in pure Python, so the grader compares answers without
importing pandas. This module never imports pandas: it recognises a Series or
DataFrame only if the process already imported pandas. Rebuilding live values
and evaluating a bank's solution expressions need pandas and live above the
model, in :mod:`course.livevalues`.

Comparison (:func:`equal`) forgives what a person would forgive: float
rounding noise, ``int`` against ``float``, NumPy scalars, case and spacing in
text, and, where the exercise allows it, order and index labels.
:func:`diagnose` says what is wrong in words a beginner understands, without
giving the answer away.
"""

from __future__ import annotations

import contextlib
import math
import sys
from typing import Any

from ..words import texts

Text = dict[str, str]
KIND = "__kind__"
MAX_CELLS = 10_000
NAN = {KIND: "nan"}


def _pandas() -> Any:
    """pandas if the process already imported it (a value cannot be a DataFrame otherwise)."""
    return sys.modules.get("pandas")


def _scalar(value: Any) -> Any:
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0 and not isinstance(value, (str, bytes)):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    pd = _pandas()
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return dict(NAN)
    if isinstance(value, float):
        if math.isnan(value):
            return dict(NAN)
        if math.isinf(value):
            return {KIND: "other", "type": "float", "text": "inf" if value > 0 else "-inf"}
    if isinstance(value, (bool, int, float, str)) or value is None:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
            return {KIND: "other", "type": "int", "text": f"{value:.6e}"}
        return value if not isinstance(value, str) else value[:MAX_CELLS]
    return {KIND: "other", "type": type(value).__name__, "text": _safe_text(value)[:200]}


def _safe_text(value: Any) -> str:
    try:
        return str(value)
    except Exception:
        return f"<{type(value).__name__}>"


def to_json(value: Any, stored_ok: bool = True) -> Any:
    """The stored form of ``value`` (too large, too deep or exotic values are described, not stored).

    ``stored_ok`` lets an already stored form (a dict with ``__kind__``, as read
    back from a notebook) pass unchanged; the kernel passes ``False`` for a
    student's live value, so a dict the student built is always stored as a dict.
    Never raises: self-referencing containers, values with more than
    ``MAX_CELLS`` parts and objects whose ``__eq__``, ``__repr__`` or ``__str__``
    raise are described instead of stored.
    """
    budget = [MAX_CELLS * 2]
    try:
        return _to_json(value, stored_ok, (), budget)
    except _TooLarge:
        return {KIND: "too-large", "type": type(value).__name__, "shape": []}
    except RecursionError:
        return {KIND: "other", "type": type(value).__name__, "text": "nested too deeply"}
    except Exception:
        return {KIND: "other", "type": _type_name(value), "text": "could not be read"}


class _TooLarge(Exception):
    """More parts than any answer needs."""


def _type_name(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:
        return "object"


def _to_json(value: Any, stored_ok: bool, path: tuple[int, ...], budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if len(path) > 20:
        return {KIND: "other", "type": _type_name(value), "text": "nested too deeply"}
    if isinstance(value, (list, tuple, set, frozenset, dict)) or _pandas_object(value):
        if id(value) in path:
            return {KIND: "other", "type": _type_name(value), "text": "refers to itself"}
        path = (*path, id(value))
    inner = lambda v: _to_json(v, stored_ok, path, budget)  # noqa: E731
    pd = _pandas()
    if pd is not None and isinstance(value, pd.DataFrame):
        if value.size > MAX_CELLS:
            return {KIND: "too-large", "type": "DataFrame", "shape": list(value.shape)}
        return {
            KIND: "frame",
            "columns": [_scalar(c) for c in value.columns],
            "index": [_scalar(i) for i in value.index],
            "data": [[_scalar(v) for v in row] for row in value.itertuples(index=False, name=None)],
        }
    if pd is not None and isinstance(value, pd.Series):
        if value.size > MAX_CELLS:
            return {KIND: "too-large", "type": "Series", "shape": [value.size]}
        return {
            KIND: "series",
            "name": _scalar(value.name),
            "index": [_scalar(i) for i in value.index],
            "values": [inner(v) for v in value.tolist()],
        }
    if not isinstance(value, (list, tuple, dict, str)) and hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1:
        size = getattr(value, "size", 0)
        if size > MAX_CELLS:
            return {KIND: "too-large", "type": type(value).__name__, "shape": [int(size)]}
        return inner(list(value.tolist()))
    if isinstance(value, (list, tuple, set, frozenset)):
        if len(value) > MAX_CELLS:
            return {KIND: "too-large", "type": type(value).__name__, "shape": [len(value)]}
        items = sorted(value, key=_sort_key_live) if isinstance(value, (set, frozenset)) else list(value)
        return [inner(v) for v in items]
    if isinstance(value, dict):
        if stored_ok and KIND in value:
            return value
        if len(value) > MAX_CELLS:
            return {KIND: "too-large", "type": "dict", "shape": [len(value)]}
        return {KIND: "dict", "items": [[inner(k), inner(v)] for k, v in value.items()]}
    if callable(value) and not hasattr(value, "item"):
        return {KIND: "callable", "text": str(getattr(value, "__qualname__", "") or type(value).__name__)[:200]}
    return _scalar(value)


def _pandas_object(value: Any) -> bool:
    pd = _pandas()
    return pd is not None and isinstance(value, (pd.Series, pd.DataFrame))


def _sort_key_live(value: Any) -> tuple[int, Any]:
    """Sort live set members without calling their own comparison (which may raise)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, type(value).__name__ + ":" + _safe_text(value))


# --- comparison on the stored form -------------------------------------------------------------


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_nan(value: Any) -> bool:
    return isinstance(value, dict) and value.get(KIND) == "nan"


def _kind(value: Any) -> str | None:
    return value.get(KIND) if isinstance(value, dict) else None


def _key(value: Any) -> tuple:
    """A total order over stored values that treats 1 and 1.0 alike (for ignore_order)."""
    if _number(value):
        return (1, float(value), "")
    if isinstance(value, str):
        return (2, 0.0, " ".join(value.split()).casefold())
    if value is None or _is_nan(value):
        return (0, 0.0, "")
    return (3, 0.0, repr(value))


def _label(value: Any) -> str:
    """An index or column label as text (``1`` and ``1.0`` and ``"1"`` all read "1")."""
    if _number(value) and float(value).is_integer():
        return str(int(value))
    return "nan" if _is_nan(value) else str(value)


def _same_scalar(a: Any, b: Any, tol: float) -> bool:
    if _is_nan(a) or _is_nan(b):
        return _is_nan(a) and _is_nan(b)
    if _number(a) and _number(b):
        return math.isclose(a, b, rel_tol=tol, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _same_list(a: list, b: list, tol: float, ignore_order: bool) -> bool:
    if len(a) != len(b):
        return False
    if ignore_order:
        a, b = sorted(a, key=_key), sorted(b, key=_key)
    return all(_same(x, y, tol, False, False) for x, y in zip(a, b, strict=True))


def _series_pairs(series: dict, ignore_order: bool, ignore_index: bool) -> tuple[list[str], list]:
    pairs = list(zip(series["index"], series["values"], strict=True))
    if ignore_order:
        pairs.sort(key=(lambda p: _key(p[1])) if ignore_index else (lambda p: _label(p[0])))
    return [_label(i) for i, _ in pairs], [v for _, v in pairs]


def _frame_rows(frame: dict, ignore_order: bool, ignore_index: bool) -> tuple[list[str], list[str], list[list]]:
    columns = [_label(c) for c in frame["columns"]]
    index = [_label(i) for i in frame["index"]]
    rows = [list(r) for r in frame["data"]]
    if ignore_order:
        order = sorted(range(len(columns)), key=lambda n: columns[n])
        columns = [columns[n] for n in order]
        rows = [[row[n] for n in order] for row in rows]
        ranked = sorted(zip(index, rows, strict=True), key=lambda p: p[0])
        index, rows = [i for i, _ in ranked], [r for _, r in ranked]
    if ignore_index:
        index = [str(n) for n in range(len(index))]
    return columns, index, rows


def _same(a: Any, b: Any, tol: float, ignore_order: bool, ignore_index: bool) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka == "frame" and kb == "frame":
        ca, ia, ra = _frame_rows(a, ignore_order, ignore_index)
        cb, ib, rb = _frame_rows(b, ignore_order, ignore_index)
        return ca == cb and ia == ib and _same_list([v for r in ra for v in r], [v for r in rb for v in r], tol, False)
    if ka == "series" and kb == "series":
        ia, va = _series_pairs(a, ignore_order, ignore_index)
        ib, vb = _series_pairs(b, ignore_order, ignore_index)
        return (ignore_index or ia == ib) and _same_list(va, vb, tol, False)
    if ignore_index and ka == "series" and isinstance(b, list):
        return _same_list(a["values"], b, tol, ignore_order)
    if ignore_index and isinstance(a, list) and kb == "series":
        return _same_list(a, b["values"], tol, ignore_order)
    if isinstance(a, list) and isinstance(b, list):
        return _same_list(a, b, tol, ignore_order)
    if ka == "dict" and kb == "dict":
        da = {_label(k) if not isinstance(k, (list, dict)) else repr(k): v for k, v in a["items"]}
        db = {_label(k) if not isinstance(k, (list, dict)) else repr(k): v for k, v in b["items"]}
        return da.keys() == db.keys() and all(_same(da[k], db[k], tol, ignore_order, ignore_index) for k in da)
    if ka in ("too-large", "callable", "other") or kb in ("too-large", "callable", "other"):
        return False
    if (isinstance(a, (list, dict)) and not _is_nan(a)) or (isinstance(b, (list, dict)) and not _is_nan(b)):
        return False
    return _same_scalar(a, b, tol)


def equal(answer: Any, expected: Any, tol: float = 1e-6, ignore_order: bool = False, ignore_index: bool = False) -> bool:
    """True if ``answer`` matches ``expected`` (live values or stored forms)."""
    return _same(to_json(answer), to_json(expected), tol, ignore_order, ignore_index)


# --- words for people --------------------------------------------------------------------------


def _describe(value: Any) -> Text:
    kind = _kind(value)
    if kind == "frame":
        return texts("value.kind.frame", rows=len(value["index"]), cols=len(value["columns"]))
    if kind == "series":
        return texts("value.kind.series", n=len(value["values"]))
    if isinstance(value, list):
        return texts("value.kind.list", n=len(value))
    if isinstance(value, bool):
        return texts("value.kind.bool")
    if _number(value) or _is_nan(value):
        return texts("value.kind.number")
    if isinstance(value, str):
        return texts("value.kind.text")
    if kind == "callable":
        return texts("value.kind.function")
    if kind == "dict":
        return texts("value.kind.dict")
    return texts("value.kind.other")


def is_empty_result(value: Any) -> bool:
    """True for a table, Series or list with nothing in it (what a filter that matched no row gives)."""
    value = to_json(value)
    if _kind(value) == "frame":
        return not value["index"]
    if _kind(value) == "series":
        return not value["values"]
    return isinstance(value, list) and not value


def diagnose(answer: Any, expected: Any, tol: float = 1e-6) -> list[Text]:
    """Explain in words why ``answer`` does not match ``expected``, without revealing it.

    Every explanation names what to look at in words lesson 00 teaches: the kind
    and size of what was sent against what the question asks for, and, when
    nothing was kept, the usual reasons a condition matches no row.
    """
    got, want = to_json(answer), to_json(expected)
    lines = _diagnosis(got, want, tol)
    if is_empty_result(got) and not is_empty_result(want):
        lines.append(texts("value.empty"))
    return lines


def _diagnosis(got: Any, want: Any, tol: float) -> list[Text]:
    if _kind(got) == "callable":
        return [texts("value.function_not_called", name=got.get("text", ""))]
    if _kind(got) == "too-large":
        return [texts("value.too_large")]
    g, w = _describe(got), _describe(want)
    if g != w:
        lines = [texts("value.wrong_kind", want=w, got=g)]
        if _number(want) and (_kind(got) == "series" or isinstance(got, list)):
            lines.append(texts("value.many_to_one"))
        if _number(want) and isinstance(got, str):
            lines.append(texts("value.remove_quotes"))
        return lines
    if _number(got) and _number(want):
        if abs(got - want) == 1:
            return [texts("value.off_by_one")]
        if want and abs(got - want) / abs(want) < 0.1:
            return [texts("value.close")]
        return [texts("value.wrong_number")]
    if _kind(got) == "series" and _kind(want) == "series":
        if len(got["values"]) != len(want["values"]):
            return [texts("value.series_length", want=len(want["values"]), got=len(got["values"]))]
        if _same_list(got["values"], want["values"], tol, False):
            return [texts("value.series_index")]
        if _same_list(got["values"], want["values"], tol, True):
            return [texts("value.series_order")]
    if _kind(got) == "frame" and _kind(want) == "frame":
        gs, ws = (len(got["index"]), len(got["columns"])), (len(want["index"]), len(want["columns"]))
        if gs != ws:
            return [texts("value.frame_shape", want_rows=ws[0], want_cols=ws[1], got_rows=gs[0], got_cols=gs[1])]
    if isinstance(got, list) and isinstance(want, list):
        if len(got) != len(want):
            return [texts("value.list_length", want=len(want), got=len(got))]
        if _same_list(got, want, tol, True):
            return [texts("value.list_order")]
    return [texts("value.other", got=g)]


def as_text(value: Any, limit: int = 2000) -> str:
    """A stored value as plain text for a feedback page (tables as aligned columns)."""
    kind = _kind(value)
    if kind == "series":
        rows = [[_label(i), _cell(v)] for i, v in zip(value["index"], value["values"], strict=True)]
        text = _columns(rows)
    elif kind == "frame":
        rows = [[""] + [_label(c) for c in value["columns"]]]
        rows += [[_label(i)] + [_cell(v) for v in row] for i, row in zip(value["index"], value["data"], strict=True)]
        text = _columns(rows)
    else:
        text = _cell(value)
    return text if len(text) <= limit else text[:limit] + " …"


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    if _is_nan(value):
        return "NaN"
    kind = _kind(value)
    if kind == "dict":
        return "{" + ", ".join(f"{_cell(k)!s}: {_cell(v)}" for k, v in value["items"]) + "}"
    if kind in ("callable", "other"):
        return str(value.get("text", ""))
    if kind == "too-large":
        return f"({value.get('type', 'value')} of shape {value.get('shape')})"
    if kind in ("series", "frame"):
        return as_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(repr(v) if isinstance(v, str) else _cell(v) for v in value) + "]"
    return repr(value)


def _columns(rows: list[list[str]]) -> str:
    widths = [max(len(r[n]) for r in rows if n < len(r)) for n in range(max((len(r) for r in rows), default=0))]
    return "\n".join("  ".join(c.ljust(widths[n]) for n, c in enumerate(r)).rstrip() for r in rows)
