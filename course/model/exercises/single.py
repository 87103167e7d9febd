"""Single choice: the student picks one option; the answer is the option's key.

This module also holds the course's one conversion from an on-screen letter to
an option key (:func:`key_for_letter`), which the kernel, the grader and the
bank use alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ...i18n import pick
from ...words import texts
from ..bankyaml import Checker, default_key, entries
from .base import (
    CORRECT,
    INCORRECT,
    Choice,
    Exercise,
    Result,
    ScreenOrder,
    Text,
    by_screen,
    choice_list,
    register,
    shown_value,
    verdict,
)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LETTER_LIST = re.compile(r"^\s*[A-Za-z](\s*[,;]?\s*[A-Za-z])*\s*$")


def key_for_letter(letter: Any, order: list[str]) -> str | None:
    """The key of the option shown as ``letter`` (A, b, " C ": either case) when ``order`` lists the keys in screen order."""
    if not isinstance(letter, str) or len(letter.strip()) != 1:
        return None
    index = LETTERS.find(letter.strip().upper())
    return order[index] if 0 <= index < len(order) else None


@register
@dataclass(frozen=True)
class SingleChoice(Exercise):
    options: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "single"
    title: ClassVar[Text] = texts("type.single.title")
    expected_shape: ClassVar[Text] = texts("type.single.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"options"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"correct", "feedback"})
    screen_field: ClassVar[str | None] = "options"

    # normalise: letters to keys
    def key_for_letter(self, letter: Any, order: list[str] | None = None) -> str | None:
        """The master key of the option a student saw as ``letter`` (``order``: a release's screen order; default: this copy's)."""
        return key_for_letter(letter, self.shown_keys() if order is None else order)

    def _key_or_letter(self, item: Any) -> Any:
        if not isinstance(item, str) or item in {o.key for o in self.options}:
            return item
        return self.key_for_letter(item) or item

    def from_response(self, response: Any) -> Any:
        """An option key, or the letter shown on screen ("C", "c"), as the option's key."""
        return self._key_or_letter(response)

    def from_release_letters(self, answer: Any, order: list[str] | None) -> Any:
        return self.key_for_letter(answer, order) if isinstance(answer, str) else answer

    def response_problem(self, response: Any, stored: Any) -> Text | None:
        if stored is None:
            return None
        keys = {o.key for o in self.options}
        chosen = stored if isinstance(stored, list) else [stored]
        wrong = [c for c in chosen if not isinstance(c, str) or c not in keys]
        if wrong and all(isinstance(c, str) for c in chosen):
            return texts("check.not_shown", given=shown_value(wrong[0]))
        return None

    # check
    def _check(self, answer: Any) -> Result:
        chosen = next((o for o in self.options if o.key == answer), None)
        if chosen is None:
            return Result(INCORRECT, 0.0, (texts("check.not_an_option", answer=answer),))
        status = CORRECT if chosen.correct else INCORRECT
        return self._with_explanation(status, 1.0 if chosen.correct else 0.0, [verdict(status), chosen.feedback])

    # describe
    def letter_text(self, key: Any, lang: str, screen: ScreenOrder) -> str:
        """``C. <option text>``: the letter the option had on the student's screen, and its text."""
        letter = screen.letter(key) if isinstance(key, str) else None
        option = next((o for o in self.options if o.key == key), None)
        if letter is None or option is None:
            return str(key)
        return f"{letter}. {pick(option.text, lang)}"

    def _letter_lines(self, keys: list[Any], lang: str, screen: ScreenOrder) -> str:
        return "\n".join(self.letter_text(key, lang, screen) for key in by_screen(keys, screen.options))

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        return self.letter_text(answer, lang, screen)

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return next((self.letter_text(o.key, lang, screen) for o in self.options if o.correct), "")

    # bank
    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> SingleChoice:
        return cls(**common, options=choice_list(item["options"], "options"))

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        options = entries(item, "options", where, checker)
        for number, option in enumerate(options, start=1):
            key = str(option.get("key", default_key("options", number)))
            if with_keys and len(key) == 1 and key.isalpha():
                checker.add(
                    option if "key" in option else item,
                    "key" if "key" in option else "options",
                    where,
                    f"option key '{key}' is a single letter, which students would take for the letter shown on screen",
                    "give every option a descriptive key, e.g. key: civil-society",
                )
        if with_keys and options:
            right = sum(bool(o.get("correct")) for o in options)
            if item["type"] == "single" and right != 1:
                checker.add(
                    item, "options", where, f"a single-choice exercise needs exactly one option with 'correct: true' (found {right})"
                )
            if item["type"] == "multiple" and right < 1:
                checker.add(item, "options", where, "no option is marked 'correct: true'", "mark every right option with 'correct: true'")

    # widget
    def widget_spec(self, lang: str) -> dict[str, Any]:
        return {"choices": [{"label": f"{chr(65 + n)}. {pick(o.text, lang)}", "value": o.key} for n, o in enumerate(self.display_order())]}
