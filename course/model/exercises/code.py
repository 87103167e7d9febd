"""Code: the student computes a value with pandas and calls ``check("id", value)``.

The right value is the bank's literal ``answer`` or its ``solution`` expression,
evaluated by the evaluator the model was given (:mod:`course.model.evaluator`).

A wrong value gets the first of the exercise's hints that matches it. A hint
names a likely mistake in one of three ways: ``when`` (the wrong value itself),
``when_code`` (an expression that makes the mistake, e.g. searching the English
word in the Indonesian column, evaluated like ``solution``) or ``when_empty``
(nothing was kept: what a misspelt, English or capitalised word, or a year in
quotes, gives a filter). Without a matching hint, :func:`course.model.values.diagnose`
says what to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...words import texts
from .. import values
from ..bankyaml import Checker, text_of
from ..evaluator import evaluate_solution
from .base import CORRECT, INCORRECT, UNANSWERED, Exercise, Result, ScreenOrder, Text, register, verdict


@dataclass(frozen=True)
class Hint:
    """A likely mistake and what to tell the student who made it (see the module's docstring)."""

    when: Any = None
    message: Text = field(default_factory=dict)
    when_code: str | None = None
    when_empty: bool = False

    def matches(self, answer: Any, exercise: Code) -> bool:
        """True if ``answer`` (stored form) is the mistake this hint is about; never raises."""
        if self.when_empty:
            return values.is_empty_result(answer)
        try:
            target = evaluate_solution(self.when_code) if self.when_code else self.when
        except Exception:  # a hint whose expression fails is skipped, never the check
            return False
        return values.equal(answer, target, exercise.tolerance, exercise.ignore_order, exercise.ignore_index)


HINT_WAYS = ("when", "when_code", "when_empty")


@register
@dataclass(frozen=True)
class Code(Exercise):
    answer: Any = None
    solution: str | None = None
    tolerance: float = 1e-6
    ignore_order: bool = False
    ignore_index: bool = False
    hints: tuple[Hint, ...] = ()
    kind: ClassVar[str] = "code"
    title: ClassVar[Text] = texts("type.code.title")
    expected_shape: ClassVar[Text] = texts("type.code.expected")
    bank_fields: ClassVar[frozenset[str]] = frozenset({"answer", "solution", "tolerance", "ignore_order", "ignore_index", "hints"})
    key_fields: ClassVar[frozenset[str]] = frozenset({"answer", "solution", "hints", "tolerance", "ignore_order", "ignore_index"})
    answered_with_check: ClassVar[bool] = True

    def is_empty(self, answer: Any) -> bool:
        return answer is None

    def normalise(self, answer: Any) -> Any:
        return values.to_json(answer)

    def check(self, answer: Any) -> Result:
        if answer is None:
            return Result(
                UNANSWERED,
                0.0,
                (texts("check.code_not_answered"),),
            )
        return super().check(answer)

    def expected(self) -> Any:
        """The right value in stored form: the literal ``answer``, or the ``solution`` expression evaluated.

        The model does not evaluate expressions itself: the evaluator it was
        given does (:mod:`course.model.evaluator`).
        """
        if self.solution:
            return evaluate_solution(self.solution)
        return values.to_json(self.answer)

    def _check(self, answer: Any) -> Result:
        expected = self.expected()
        if values.equal(answer, expected, self.tolerance, self.ignore_order, self.ignore_index):
            return self._with_explanation(CORRECT, 1.0, [verdict(CORRECT)])
        lines = [verdict(INCORRECT)]
        for hint in self.hints:
            if hint.matches(answer, self):
                lines.append(hint.message)
                break
        else:
            lines.extend(values.diagnose(answer, expected, self.tolerance))
        return Result(INCORRECT, 0.0, tuple(lines))

    def from_response(self, response: Any) -> Any:
        """The value computed in a code cell, in stored form (a stored form given by the student is refused)."""
        return values.to_json(response, stored_ok=False)

    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        return values.as_text(answer)

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:
        return values.as_text(self.expected())

    @classmethod
    def from_bank(cls, item: dict[str, Any], common: dict[str, Any]) -> Code:
        hints = tuple(
            Hint(
                message=text_of(h["message"]),
                when=h.get("when"),
                when_code=h.get("when_code"),
                when_empty=bool(h.get("when_empty", False)),
            )
            for h in item.get("hints") or []
        )
        return cls(
            **common,
            answer=item.get("answer"),
            solution=item.get("solution"),
            tolerance=float(item.get("tolerance", 1e-6)),
            ignore_order=bool(item.get("ignore_order", False)),
            ignore_index=bool(item.get("ignore_index", False)),
            hints=hints,
        )

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Checker, with_keys: bool) -> None:
        if not with_keys:
            return
        if ("answer" in item) == ("solution" in item):
            checker.add(item, None, where, "a code exercise needs either 'answer' (a value) or 'solution' (an expression), not both")
        if "solution" in item:
            try:
                compile(str(item["solution"]), "<solution>", "eval")
            except SyntaxError as error:
                checker.add(item, "solution", where, f"the solution is not a valid Python expression ({error.msg})")
        for number, hint in enumerate(item.get("hints") or [], start=1):
            ways = [way for way in HINT_WAYS if isinstance(hint, dict) and way in hint]
            if len(ways) != 1:
                checker.add(
                    item,
                    "hints",
                    where,
                    f"hint {number} needs 'message' and one of 'when' (a likely wrong value), "
                    "'when_code' (an expression that makes the mistake) or 'when_empty: true'",
                )
                continue
            if "when_code" in hint:
                try:
                    compile(str(hint["when_code"]), "<when_code>", "eval")
                except SyntaxError as error:
                    checker.add(hint, "when_code", where, f"hint {number}: 'when_code' is not a valid Python expression ({error.msg})")
            if "when_empty" in hint and hint["when_empty"] is not True:
                checker.add(hint, "when_empty", where, f"hint {number}: write 'when_empty: true' (or leave it out)")
            checker.bilingual(hint, "message", where + f"hint {number}: ")

    def widget_spec(self, lang: str) -> dict[str, Any] | None:
        return None  # no widget: the question says how to call check() (course.kernel.render.code_question_bundle)
