"""Ordering: the student puts the items in order; the answer is the list of item keys.

Partial credit counts the pairs of items that are in the right order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, ClassVar

from ...i18n import pick
from ...words import texts
from ..bankyaml import Checker, entries
from ..texts import label
from .base import CORRECT, INCORRECT, PARTIAL, Choice, Exercise, Result, ScreenOrder, Text, choice_list, register, verdict


@register
@dataclass(frozen=True)
class Ordering(Exercise):
    items: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "ordering"
    title: ClassVar[Text] = texts("type.ordering.title")
    expected_shape: ClassVar[Text] = texts("type.ordering.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"items"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"feedback"})  # the items' order is the key: a release reorders them
    screen_field: ClassVar[str | None] = "items"

    def shuffled_on_screen(self) -> bool:
        return self.has_key  # a student copy stores them shuffled already

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, list) and not any(answer))

    def _check(self, answer: Any) -> Result:
        key = [i.key for i in self.items]
        steps = {i.key: i.text for i in self.items}
        given = [a for a in answer if a in steps]
        if len(set(given)) != len(key) or len(given) != len(key):
            missing = [k for k in key if k not in given]
            lines = [verdict(INCORRECT), texts("check.ordering_once")]
            lines += [texts("check.ordering_missing", item=steps[k]) for k in missing]
            return Result(INCORRECT, 0.0, tuple(lines))
        position = {k: i for i, k in enumerate(given)}
        pairs = [(a, b) for i, a in enumerate(key) for b in key[i + 1 :]]
        right_pairs = sum(position[a] < position[b] for a, b in pairs)
        score = right_pairs / len(pairs)
        in_place = sum(a == b for a, b in zip(given, key, strict=False))
        status = CORRECT if given == key else PARTIAL if score >= 0.5 else INCORRECT
        lines = [
            verdict(status),
            texts("check.ordering_in_place", in_place=in_place, total=len(key)),
        ]
        for a, b in itertools.pairwise(key):
            if position[a] > position[b]:
                lines.append(texts("check.ordering_before", first=steps[a], second=steps[b]))
                break
        return self._with_explanation(status, score, lines)

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        if not isinstance(answer, list):
            return str(answer)
        items = {i.key: pick(i.text, lang) for i in self.items}
        return "\n".join(f"{n}. {items.get(k, k) if k else '—'}" for n, k in enumerate(answer, start=1))

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return "\n".join(f"{n}. {pick(i.text, lang)}" for n, i in enumerate(self.items, start=1))

    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> Ordering:
        return cls(**common, items=choice_list(item["items"], "items"))

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        entries(item, "items", where, checker)

    def widget_spec(self, lang: str) -> dict[str, Any]:
        return {
            "rows": [{"key": str(n), "label": f"{label('position', lang)} {n}"} for n in range(1, len(self.items) + 1)],
            "options": [{"value": i.key, "label": pick(i.text, lang)} for i in self.display_order()],
        }
