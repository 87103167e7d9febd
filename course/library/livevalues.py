"""Live values: the pandas side of the exercise model's stored values.

The pure model (:mod:`course.model.values`) compares values in their *stored
form* (plain JSON) and never imports pandas. Two things need pandas and the
course's data, so they live here, above the model:

* :func:`evaluate_solution` computes the value a bank's ``solution`` expression
  stands for. It is the evaluator the model is given when ``course`` is
  imported (:mod:`course.model.evaluator`). A value is kept in the course's
  disk cache (:mod:`course.model.cache`), keyed by the expression, the data
  files and the course's code, so the grader imports pandas only when a value
  is not there yet.
* :func:`from_json` rebuilds a live value (a Series, a DataFrame) from its
  stored form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..model import values
from ..model.cache import cached
from ..model.values import KIND


@lru_cache(maxsize=64)
def evaluate_solution(expression: str) -> Any:
    """Evaluate an instructor's ``solution`` expression against the bundled corpus; returns the stored form.

    Names available: ``pd`` (pandas), ``course``, ``concepts`` and ``abstracts``
    (the corpus with the ids as index, as the lessons load it).
    """
    return cached("solution", expression, lambda: values.to_json(_evaluate(expression)))


def _evaluate(expression: str) -> Any:
    import pandas as pd

    import course
    from course.library import concepts

    namespace = {"pd": pd, "course": course, "concepts": concepts, "abstracts": course.load_abstracts().set_index("id")}
    return eval(compile(expression, "<solution>", "eval"), namespace)


def from_json(data: Any) -> Any:
    """Rebuild a live value from its stored form (pandas objects need pandas; imported on demand)."""
    if isinstance(data, list):
        return [from_json(v) for v in data]
    if not isinstance(data, dict):
        return data
    kind = data.get(KIND)
    if kind == "nan":
        return float("nan")
    if kind in ("series", "frame"):
        import pandas as pd

        if kind == "series":
            return pd.Series(
                [from_json(v) for v in data["values"]], index=[from_json(i) for i in data["index"]], name=data.get("name"), dtype=object
            )
        rows = [[from_json(v) for v in row] for row in data["data"]]
        return pd.DataFrame(rows, columns=data["columns"], index=[from_json(i) for i in data["index"]], dtype=object)
    if kind == "dict":
        return {_hashable(from_json(k)): from_json(v) for k, v in data["items"]}
    return data


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
