"""Categorise: the student puts every item into a category; the answer is ``{item key: category key}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ...i18n import pick
from ...words import texts, word
from ..bankyaml import Checker, default_key, entries
from ..vocabulary import LANGUAGES
from .base import (
    CORRECT,
    INCORRECT,
    PARTIAL,
    Choice,
    Exercise,
    Result,
    ScreenOrder,
    Text,
    by_screen,
    choice_list,
    register,
    verdict,
)


@register
@dataclass(frozen=True)
class Categorise(Exercise):
    categories: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "categorise"
    title: ClassVar[Text] = texts("type.categorise.title")
    expected_shape: ClassVar[Text] = texts("type.categorise.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"categories", "items"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"category", "feedback"})
    screen_field: ClassVar[str | None] = "items"

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, dict) and not any(answer.values()))

    def _check(self, answer: Any) -> Result:
        names = {c.key: c.text for c in self.categories}
        right = [item for item in self.items if answer.get(item.key) == item.category]
        score = len(right) / len(self.items)
        status = CORRECT if len(right) == len(self.items) else PARTIAL if right else INCORRECT
        lines = [
            verdict(status),
            texts("check.categorise_placed", right=len(right), total=len(self.items)),
        ]
        for item in self.items:
            given = answer.get(item.key)
            if given == item.category:
                continue
            target = names.get(item.category or "", {})
            lines.append(
                {
                    lang: word(
                        "check.categorise_belongs_because" if item.feedback.get(lang) else "check.categorise_belongs",
                        lang,
                        item=item.text.get(lang, ""),
                        category=target.get(lang, "?"),
                        feedback=item.feedback.get(lang, ""),
                    )
                    for lang in LANGUAGES
                }
                if given
                else texts("check.categorise_not_placed", item=item.text)
            )
        return self._with_explanation(status, score, lines)

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        if not isinstance(answer, dict):
            return str(answer)
        items = {i.key: pick(i.text, lang) for i in self.items}
        cats = {c.key: pick(c.text, lang) for c in self.categories}
        return "\n".join(f"{items.get(k, k)} → {cats.get(answer[k], answer[k])}" for k in by_screen(list(answer), screen.items))

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        cats = {c.key: pick(c.text, lang) for c in self.categories}
        items = {i.key: i for i in self.items}
        ordered = [items[k] for k in by_screen(list(items), screen.items)]
        return "\n".join(f"{pick(i.text, lang)} → {cats.get(i.category or '', '?')}" for i in ordered)

    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> Categorise:
        return cls(**common, categories=choice_list(item["categories"], "categories"), items=choice_list(item["items"], "items"))

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        categories = entries(item, "categories", where, checker)
        items = entries(item, "items", where, checker)
        names = {str(c.get("key", default_key("categories", n))) for n, c in enumerate(categories, start=1)}
        if with_keys:
            for entry in items:
                if entry.get("category") not in names:
                    checker.add(
                        entry,
                        "category",
                        where,
                        f"category '{entry.get('category')}' is not among the categories ({', '.join(sorted(names))})",
                        "use one of the category keys",
                    )

    def widget_spec(self, lang: str) -> dict[str, Any]:
        return {
            "rows": [{"key": i.key, "label": pick(i.text, lang)} for i in self.display_order()],
            "options": [{"value": c.key, "label": pick(c.text, lang)} for c in self.categories],
        }
