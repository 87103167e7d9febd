"""True or false: the answer is ``true`` or ``false`` (words in either language are understood)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ...words import texts
from ..bankyaml import Checker
from ..texts import label
from .base import CORRECT, INCORRECT, Exercise, Result, ScreenOrder, Text, register, shown_value, verdict

TRUE_WORDS = frozenset({"true", "benar", "yes", "ya", "betul"})
FALSE_WORDS = frozenset({"false", "salah", "no", "tidak", "keliru"})


def parse_truefalse(value: Any) -> bool | None:
    """``True``/``False`` for a boolean or a recognised word in either language; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def _not_understood(given: str) -> Text:
    return texts("check.not_true_or_false", given=given)


@register
@dataclass(frozen=True)
class TrueFalse(Exercise):
    answer: bool | None = None
    kind: ClassVar[str] = "truefalse"
    title: ClassVar[Text] = texts("type.truefalse.title")
    expected_shape: ClassVar[Text] = texts("type.truefalse.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"answer"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"answer"})

    def normalise(self, answer: Any) -> Any:
        parsed = parse_truefalse(answer)
        return answer if parsed is None else parsed

    def from_response(self, response: Any) -> Any:
        return self.normalise(response)

    def response_problem(self, response: Any, stored: Any) -> Text | None:
        if stored is not None and not isinstance(stored, bool):
            return _not_understood(shown_value(response))
        return None

    def unreadable_problem(self) -> Text:
        return _not_understood("?")

    def is_empty(self, answer: Any) -> bool:
        return answer is None

    def _check(self, answer: Any) -> Result:
        given = parse_truefalse(answer)
        if given is None:
            return Result(INCORRECT, 0.0, (texts("check.not_understood"),))
        status = CORRECT if given == self.answer else INCORRECT
        truth = texts("check.statement_true" if self.answer else "check.statement_false")
        return self._with_explanation(status, 1.0 if status == CORRECT else 0.0, [verdict(status), truth])

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        return label("true" if answer is True else "false", lang) if isinstance(answer, bool) else str(answer)

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return label("true" if self.answer else "false", lang)

    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> TrueFalse:
        return cls(**common, answer=item.get("answer"))

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        if with_keys and not isinstance(item.get("answer"), bool):
            checker.add(item, "answer", where, "'answer' must be true or false (without quotes)")

    def widget_spec(self, lang: str) -> dict[str, Any]:
        return {"choices": [{"label": label("true", lang), "value": True}, {"label": label("false", lang), "value": False}]}
