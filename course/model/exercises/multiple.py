"""Multiple choice: the student picks every right option; the answer is the sorted list of keys.

Partial credit: right picks minus wrong picks, over the number of right options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ...words import texts
from .base import CORRECT, INCORRECT, PARTIAL, Result, ScreenOrder, Text, register, verdict
from .single import LETTER_LIST, SingleChoice


@register
@dataclass(frozen=True)
class MultipleChoice(SingleChoice):
    kind: ClassVar[str] = "multiple"
    title: ClassVar[Text] = texts("type.multiple.title")
    expected_shape: ClassVar[Text] = texts("type.multiple.expected")

    def from_response(self, response: Any) -> Any:
        """Keys or the letters on screen: "A, C", "ac", ["A", "C"] or one letter, as a sorted list of keys."""
        if isinstance(response, str) and response not in {o.key for o in self.options} and LETTER_LIST.match(response):
            response = [ch for ch in response if ch.isalpha()]
        if isinstance(response, (list, tuple)):
            return sorted({self._key_or_letter(item) for item in response}, key=str)
        return [self._key_or_letter(response)] if isinstance(response, str) else response

    def from_release_letters(self, answer: Any, order: list[str] | None) -> Any:
        if isinstance(answer, list):
            return sorted(k for k in (self.key_for_letter(a, order) for a in answer) if k)
        return super().from_release_letters(answer, order)

    def _check(self, answer: Any) -> Result:
        chosen = {str(a) for a in (answer if isinstance(answer, list) else [answer])}
        right = {o.key for o in self.options if o.correct}
        hits, false_picks = len(chosen & right), len(chosen - right)
        score = max(0.0, (hits - false_picks) / len(right)) if right else 0.0
        status = CORRECT if chosen == right else PARTIAL if score > 0 else INCORRECT
        summary = texts(
            "check.multiple_chose_wrong" if false_picks else "check.multiple_chose", hits=hits, right=len(right), wrong=false_picks
        )
        lines = [verdict(status), summary]
        for option in self.options:
            missed = option.correct and option.key not in chosen
            wrong = not option.correct and option.key in chosen
            if (missed or wrong) and option.feedback:
                lines.append(option.feedback)
        return self._with_explanation(status, score, lines)

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        if isinstance(answer, list):
            return self._letter_lines(answer, lang, screen)
        return super().describe_answer(answer, lang, screen)

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return self._letter_lines([o.key for o in self.options if o.correct], lang, screen)
