"""Values from code exercises: storing them as JSON, comparing them tolerantly, explaining misses.

A student's value travels in the notebook (and the answer store) as JSON, so
:func:`to_json` turns numbers, text, lists, dicts, pandas Series and
DataFrames into plain data and :func:`from_json` turns them back. Comparison
(:func:`equal`) forgives what a person would forgive: float rounding noise,
``int`` against ``float``, NumPy scalars, case and spacing in text, and, where
the exercise allows it, order and index labels. :func:`diagnose` says what is
wrong in words a beginner understands, without giving the answer away.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import pandas as pd

Text = dict[str, str]
KIND = "__kind__"
MAX_CELLS = 10_000


def _both(en: str, id: str) -> Text:
    return {"en": en, "id": id}


def _scalar(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, (pd.Series, pd.DataFrame, pd.Index)) and getattr(value, "ndim", 0) == 0:
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return {KIND: "nan"}
    if value is pd.NA or value is pd.NaT:
        return {KIND: "nan"}
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return str(value)


def to_json(value: Any) -> Any:
    """A JSON-ready representation of ``value`` (too large or exotic values are described, not stored)."""
    if isinstance(value, pd.DataFrame):
        if value.size > MAX_CELLS:
            return {KIND: "too-large", "type": "DataFrame", "shape": list(value.shape)}
        return {
            KIND: "frame",
            "columns": [_scalar(c) for c in value.columns],
            "index": [_scalar(i) for i in value.index],
            "data": [[_scalar(v) for v in row] for row in value.itertuples(index=False, name=None)],
        }
    if isinstance(value, pd.Series):
        if value.size > MAX_CELLS:
            return {KIND: "too-large", "type": "Series", "shape": [value.size]}
        return {
            KIND: "series",
            "name": _scalar(value.name),
            "index": [_scalar(i) for i in value.index],
            "values": [_scalar(v) for v in value.tolist()],
        }
    if isinstance(value, pd.Index) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1):
        return to_json(list(value.tolist()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else list(value)
        if len(items) > MAX_CELLS:
            return {KIND: "too-large", "type": type(value).__name__, "shape": [len(items)]}
        return [to_json(v) for v in items]
    if isinstance(value, dict):
        if KIND in value:  # already stored form (an answer read back from a notebook or the store)
            return value
        return {KIND: "dict", "items": [[to_json(k), to_json(v)] for k, v in value.items()]}
    if callable(value):
        return {KIND: "callable", "text": getattr(value, "__qualname__", type(value).__name__)}
    scalar = _scalar(value)
    if isinstance(scalar, str) and not isinstance(value, str):
        return {KIND: "other", "type": type(value).__name__, "text": scalar[:200]}
    return scalar


def from_json(data: Any) -> Any:
    """Rebuild a value stored by :func:`to_json` (Series and DataFrames included)."""
    if isinstance(data, list):
        return [from_json(v) for v in data]
    if not isinstance(data, dict):
        return data
    kind = data.get(KIND)
    if kind == "nan":
        return float("nan")
    if kind == "series":
        return pd.Series([from_json(v) for v in data["values"]], index=[from_json(i) for i in data["index"]], name=data.get("name"), dtype=object)
    if kind == "frame":
        rows = [[from_json(v) for v in row] for row in data["data"]]
        return pd.DataFrame(rows, columns=data["columns"], index=[from_json(i) for i in data["index"]], dtype=object)
    if kind == "dict":
        return {_hashable(from_json(k)): from_json(v) for k, v in data["items"]}
    return data


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _normal(value: Any) -> Any:
    return from_json(to_json(value))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same_scalar(a: Any, b: Any, tol: float) -> bool:
    if _number(a) and _number(b):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=tol, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, float) and isinstance(b, float):
        return math.isnan(a) and math.isnan(b)
    return a == b


def _same_list(a: list, b: list, tol: float, ignore_order: bool) -> bool:
    if len(a) != len(b):
        return False
    if ignore_order:
        a, b = sorted(a, key=repr), sorted(b, key=repr)
    return all(_same(x, y, tol, False, False) for x, y in zip(a, b))


def _same(a: Any, b: Any, tol: float, ignore_order: bool, ignore_index: bool) -> bool:
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        if ignore_order:
            a, b = a.sort_index().sort_index(axis=1), b.sort_index().sort_index(axis=1)
        if ignore_index:
            a, b = a.reset_index(drop=True), b.reset_index(drop=True)
        if list(map(str, a.columns)) != list(map(str, b.columns)) or list(map(str, a.index)) != list(map(str, b.index)):
            return False
        return _same_list(a.values.ravel().tolist(), b.values.ravel().tolist(), tol, False)
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if ignore_order:
            a, b = (a.sort_values(key=lambda s: s.map(repr)), b.sort_values(key=lambda s: s.map(repr))) if ignore_index else (a.sort_index(key=lambda s: s.map(str)), b.sort_index(key=lambda s: s.map(str)))
        if not ignore_index and list(map(str, a.index)) != list(map(str, b.index)):
            return False
        return _same_list(a.tolist(), b.tolist(), tol, False)
    if isinstance(a, pd.Series) and isinstance(b, list) and ignore_index:
        return _same_list(a.tolist(), b, tol, ignore_order)
    if isinstance(a, list) and isinstance(b, pd.Series) and ignore_index:
        return _same_list(a, b.tolist(), tol, ignore_order)
    if isinstance(a, list) and isinstance(b, list):
        return _same_list(a, b, tol, ignore_order)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k], tol, ignore_order, ignore_index) for k in a)
    if isinstance(a, (pd.Series, pd.DataFrame, list, dict)) or isinstance(b, (pd.Series, pd.DataFrame, list, dict)):
        return False
    return _same_scalar(a, b, tol)


def equal(answer: Any, expected: Any, tol: float = 1e-6, ignore_order: bool = False, ignore_index: bool = False) -> bool:
    """True if ``answer`` (a live value or its stored JSON) matches ``expected``."""
    return _same(_normal(answer), _normal(expected), tol, ignore_order, ignore_index)


def _describe(value: Any) -> Text:
    if isinstance(value, pd.DataFrame):
        return _both(f"a table (DataFrame) with {value.shape[0]} rows and {value.shape[1]} columns", f"sebuah tabel (DataFrame) dengan {value.shape[0]} baris dan {value.shape[1]} kolom")
    if isinstance(value, pd.Series):
        return _both(f"a Series with {len(value)} values", f"sebuah Series berisi {len(value)} nilai")
    if isinstance(value, list):
        return _both(f"a list with {len(value)} items", f"sebuah list berisi {len(value)} butir")
    if isinstance(value, bool):
        return _both("True or False", "True atau False")
    if _number(value):
        return _both("a number", "sebuah angka")
    if isinstance(value, str):
        return _both("a text", "sebuah teks")
    if isinstance(value, dict) and value.get(KIND) == "callable":
        return _both("a function", "sebuah fungsi")
    return _both("a value of another kind", "nilai dengan jenis lain")


def diagnose(answer: Any, expected: Any, tol: float = 1e-6) -> list[Text]:
    """Explain in words why ``answer`` does not match ``expected``, without revealing it."""
    got, want = _normal(answer), _normal(expected)
    if isinstance(got, dict) and got.get(KIND) == "callable":
        return [_both(
            f"You passed the function {got['text']} itself, not its result: add () to call it.",
            f"Anda mengirim fungsi {got['text']} itu sendiri, bukan hasilnya: tambahkan () untuk memanggilnya.",
        )]
    if isinstance(got, dict) and got.get(KIND) == "too-large":
        return [_both("Your value is far too large for this question: select fewer rows or columns.", "Nilai Anda terlalu besar untuk soal ini: pilihlah lebih sedikit baris atau kolom.")]
    g, w = _describe(got), _describe(want)
    if g != w:
        lines = [_both(f"The question asks for {w['en']}, but you passed {g['en']}.", f"Soal ini meminta {w['id']}, tetapi Anda mengirim {g['id']}.")]
        if _number(want) and isinstance(got, (pd.Series, list)):
            lines.append(_both("To turn many values into one number, use .sum(), len(...) or pick one row with .loc[...].", "Untuk mengubah banyak nilai menjadi satu angka, gunakan .sum(), len(...), atau ambil satu baris dengan .loc[...]."))
        if _number(want) and isinstance(got, str):
            lines.append(_both("Remove the quotation marks: \"5\" is text, 5 is a number.", "Hapus tanda petiknya: \"5\" adalah teks, 5 adalah angka."))
        return lines
    if _number(got) and _number(want):
        if abs(got - want) == 1:
            return [_both("Off by one: check whether you count from 0 or 1, or include both ends.", "Selisih satu: periksa apakah Anda menghitung dari 0 atau 1, atau menyertakan kedua ujungnya.")]
        if want and abs(got - want) / abs(want) < 0.1:
            return [_both("Close, but not exact: did you round, or count something slightly different?", "Hampir, tetapi belum tepat: apakah Anda membulatkan, atau menghitung sesuatu yang sedikit berbeda?")]
        return [_both("That is not the expected number. Re-read the question: what exactly should be counted?", "Itu bukan angka yang diharapkan. Baca ulang soalnya: apa tepatnya yang harus dihitung?")]
    if isinstance(got, pd.Series) and isinstance(want, pd.Series):
        if len(got) != len(want):
            return [_both(f"Expected {len(want)} values, but your Series has {len(got)}.", f"Diharapkan {len(want)} nilai, tetapi Series Anda berisi {len(got)}.")]
        if _same_list(got.tolist(), want.tolist(), tol, False):
            return [_both("The values are right but the row labels (index) differ: did you use set_index('id') as in the lesson?", "Nilainya benar tetapi label barisnya (index) berbeda: apakah Anda memakai set_index('id') seperti di pelajaran?")]
        if _same_list(got.tolist(), want.tolist(), tol, True):
            return [_both("The right values, but in a different order.", "Nilainya benar, tetapi urutannya berbeda.")]
    if isinstance(got, pd.DataFrame) and isinstance(want, pd.DataFrame) and got.shape != want.shape:
        return [_both(f"Expected {want.shape[0]} rows and {want.shape[1]} columns, but your table has {got.shape[0]} and {got.shape[1]}.", f"Diharapkan {want.shape[0]} baris dan {want.shape[1]} kolom, tetapi tabel Anda memiliki {got.shape[0]} dan {got.shape[1]}.")]
    if isinstance(got, list) and isinstance(want, list):
        if len(got) != len(want):
            return [_both(f"Expected {len(want)} items, but your list has {len(got)}.", f"Diharapkan {len(want)} butir, tetapi list Anda berisi {len(got)}.")]
        if _same_list(got, want, tol, True):
            return [_both("The right items, but in a different order.", "Butirnya benar, tetapi urutannya berbeda.")]
    return [_both("Not the expected result yet. Compare your steps with the worked example above.", "Hasilnya belum sesuai harapan. Bandingkan langkah Anda dengan contoh yang dikerjakan di atas.")]


@lru_cache(maxsize=64)
def evaluate_solution(expression: str) -> Any:
    """Evaluate an instructor's ``solution`` expression against the bundled corpus.

    Names available: ``pd`` (pandas), ``course``, ``concepts`` and ``abstracts``
    (the corpus with the ids as index, as the lessons load it).
    """
    import course
    from course import concepts

    namespace = {"pd": pd, "course": course, "concepts": concepts, "abstracts": course.load_abstracts().set_index("id")}
    return eval(compile(expression, "<solution>", "eval"), namespace)  # noqa: S307 - instructor-authored bank
