"""Short text: the student writes a few sentences; a keyword rubric gives practice feedback on coverage.

In an assessment no text earns automatic points (:attr:`ShortText.graded_by_people`):
the grader writes every answer to the lecturer's review sheet
(:mod:`course.results.review`) and counts the points the lecturer gives there
(:meth:`Exercise.lecturer_result`); until then the item waits
(:meth:`Exercise.awaiting_lecturer`). The rubric's words then only hint at
what an answer mentions (:meth:`ShortText.mentioned`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from ...i18n import pick
from ...words import texts
from .. import textmatch
from ..bankyaml import Checker, text_of
from ..vocabulary import LANGUAGES
from .base import CORRECT, INCORRECT, PARTIAL, REVIEW, Exercise, Result, ScreenOrder, Text, register


@dataclass(frozen=True)
class Criterion:
    """One point a short text answer should make, with the words that show it."""

    label: Text
    any: tuple[str, ...]
    points: float = 1.0
    hint: Text = field(default_factory=dict)


@register
@dataclass(frozen=True)
class ShortText(Exercise):
    rubric: tuple[Criterion, ...] = ()
    min_words: int = 0
    max_words: int = 150
    model_answer: Text = field(default_factory=dict)
    kind: ClassVar[str] = "text"
    title: ClassVar[Text] = texts("type.text.title")
    expected_shape: ClassVar[Text] = texts("type.text.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"rubric", "min_words", "max_words", "model_answer"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"rubric", "model_answer"})
    graded_by_people: ClassVar[bool] = True

    def word_limits(self) -> tuple[int, int] | None:
        return self.min_words, self.max_words

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, str) and not answer.strip())

    def _check(self, answer: Any) -> Result:
        text = str(answer)
        words = len(text.split())
        every_phrase = [phrase for criterion in self.rubric for phrase in criterion.any]
        if words > 2 * self.max_words or (words >= 8 and textmatch.covered_share(text, every_phrase) >= 0.6):
            return self._needs_review(words)
        met = self.mentioned(text)
        total = sum(c.points for c in self.rubric)
        score = sum(c.points for c in met) / total if total else 0.0
        if words < self.min_words:
            score = min(score, 0.5)
        status = CORRECT if score >= 1.0 else PARTIAL if score > 0 else INCORRECT
        lines = [texts("check.text_covers", met=len(met), total=len(self.rubric))]
        for criterion in self.rubric:
            mark = FOUND if criterion in met else NOT_FOUND
            lines.append({lang: f"{mark} {criterion.label.get(lang, '')}" for lang in LANGUAGES})
            if criterion not in met and criterion.hint:
                lines.append(criterion.hint)
        if len(met) < len(self.rubric):
            lines.append(texts("check.text_not_found"))
        if words < self.min_words:
            lines.append(texts("check.text_too_short", least=self.min_words, words=words))
        lines.append(COVERAGE_NOTE)
        if self.model_answer:
            lines.append(texts("check.text_model_answer", answer=self.model_answer))
        return self._with_explanation(status, score, lines)

    def check_attempt(self, answer: Any, attempt: int) -> Result:
        """As :meth:`check`, but the model answer waits for an answer of ``min_words`` words or a second try.

        Otherwise copying the model answer after a five-word first try would be
        the shortest way through; the grader's pages (:meth:`check`) show it always.
        """
        result = self.check(answer)
        if not self.model_answer or attempt >= 2 or (isinstance(answer, str) and len(answer.split()) >= self.min_words):
            return result
        model = texts("check.text_model_answer", answer=self.model_answer)
        later = texts("check.text_model_answer_later", least=self.min_words)
        return replace(result, feedback=tuple(later if line == model else line for line in result.feedback))

    def mentioned(self, text: str) -> list[Criterion]:
        """The rubric's points whose words ``text`` mentions (a hint at coverage, not a judgement of the answer)."""
        return [c for c in self.rubric if textmatch.mentions(text, c.any)]

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return pick(self.model_answer, lang) or "; ".join(pick(c.label, lang) for c in self.rubric)

    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> ShortText:
        rubric = tuple(
            Criterion(label=text_of(c["label"]), any=tuple(c["any"]), points=float(c.get("points", 1)), hint=text_of(c.get("hint")))
            for c in item.get("rubric") or []
        )
        return cls(
            **common,
            rubric=rubric,
            min_words=int(item.get("min_words", 0)),
            max_words=int(item.get("max_words", 150)),
            model_answer=text_of(item.get("model_answer")),
        )

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        low, high = item.get("min_words", 0), item.get("max_words", 150)
        if isinstance(low, int) and isinstance(high, int) and low > high:
            checker.add(
                item,
                "min_words",
                where,
                f"'min_words' ({low}) is more than 'max_words' ({high})",
                "the question shows both: make min_words at most max_words",
            )
        if not with_keys:
            return
        rubric = item.get("rubric")
        if not isinstance(rubric, list) or not rubric:
            checker.add(item, "rubric", where, "'rubric' needs at least one criterion with 'label' and 'any'")
            return
        for number, criterion in enumerate(rubric, start=1):
            if not isinstance(criterion, dict):
                checker.add(item, "rubric", where, f"criterion {number} must be a mapping")
                continue
            checker.bilingual(criterion, "label", where + f"criterion {number}: ")
            checker.bilingual(criterion, "hint", where + f"criterion {number}: ", required=False)
            phrases = criterion.get("any")
            if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases or [None]):
                checker.add(criterion, "any", where, f"criterion {number}: 'any' must list the accepted words (English and Indonesian)")
        checker.bilingual(item, "model_answer", where, required=False)

    def widget_spec(self, lang: str) -> dict[str, Any]:
        return {}

    def _needs_review(self, words: int) -> Result:
        """Far over the word limit, or mostly the rubric's own words: a person must read it, no automatic points."""
        reason = (
            texts("check.text_too_long", words=words, limit=self.max_words) if words > 2 * self.max_words else texts("check.text_key_words")
        )
        verdict = texts("check.text_review")
        return Result(REVIEW, 0.0, (verdict, reason, COVERAGE_NOTE), review=True)


COVERAGE_NOTE = texts("check.text_coverage")
FOUND, NOT_FOUND = "✔", "○"  # a point whose words the check found; one it did not find (not a verdict: wordings vary)
