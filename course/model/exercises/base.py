"""What every exercise type shares, and the registry that finds a type by its ``kind``.

A type is one module in this package: a frozen dataclass that subclasses
:class:`Exercise`, registers itself with :func:`register` and answers every
question the rest of the course asks about it (see the README's "Adding an
exercise type"):

* normalise: :meth:`Exercise.normalise` (the stored form), :meth:`Exercise.from_response`
  (what a widget or ``answer()`` sends), :meth:`Exercise.from_release_letters`
  (an assessment record's on-screen letters, read through a release's order);
* check: :meth:`Exercise.check`;
* describe: :meth:`Exercise.describe_answer` and :meth:`Exercise.describe_key`;
* key fields: :attr:`Exercise.key_fields` (what a release strips);
* bank: :attr:`Exercise.bank_fields`, :meth:`Exercise.from_bank`, :meth:`Exercise.check_bank_entry`;
* widget: :meth:`Exercise.widget_spec`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import sha256
from typing import Any, ClassVar, Protocol, TypeVar

from ...words import texts
from .. import schema
from ..bankyaml import default_key, text_of
from ..vocabulary import CORRECT, INCORRECT, KINDS, LANGUAGES, PARTIAL, RECORDED, REVIEW, UNANSWERED

Text = dict[str, str]
__all__ = ["CORRECT", "INCORRECT", "PARTIAL", "RECORDED", "REVIEW", "UNANSWERED"]


def both(en: str, id: str) -> Text:
    """A text in the course's two languages (for texts that come from a bank; the course's own are in :mod:`course.words`)."""
    return {"en": en, "id": id}


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer."""

    status: str
    score: float = 0.0
    feedback: tuple[Text, ...] = ()
    review: bool = False

    @property
    def answered(self) -> bool:
        return self.status != UNANSWERED


NOT_ANSWERED = Result(UNANSWERED, 0.0, (texts("check.not_answered"),))
RECORDED_RESULT = Result(
    RECORDED,
    0.0,
    (texts("check.recorded"),),
)
UNREADABLE = texts("check.unreadable")


class ScreenOrder(Protocol):
    """What a student saw: option keys (A, B, C ...) and item keys in screen order (``course.screen.Screen``)."""

    options: tuple[str, ...]
    items: tuple[str, ...]

    def letter(self, key: str) -> str | None: ...


def verdict(status: str) -> Text:
    """The first feedback line for a status."""
    return texts({CORRECT: "check.correct", PARTIAL: "check.partial", INCORRECT: "check.incorrect"}[status])


def seeded_order(exercise_id: str, keys: list[str]) -> list[str]:
    """Shuffle ``keys`` the same way every time for this exercise (no random state)."""
    return list(_seeded_order(exercise_id, tuple(keys)))


@lru_cache(maxsize=4096)
def _seeded_order(exercise_id: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    seed = int(sha256(exercise_id.encode()).hexdigest()[:12], 16)
    order = list(keys)
    random.Random(seed).shuffle(order)
    if len(order) > 1 and order == list(keys):
        order = order[1:] + order[:1]
    return tuple(order)


@dataclass(frozen=True)
class Choice:
    """An option, item or category: a key, its text and optional feedback."""

    key: str
    text: Text
    feedback: Text = field(default_factory=dict)
    correct: bool | None = None
    category: str | None = None


def choice_list(entries: list[dict], field: str) -> tuple[Choice, ...]:
    """Checked bank entries as choices (keys default to a, b, c ... for options, i1, i2 ... for items)."""
    return tuple(
        Choice(
            key=str(e.get("key", default_key(field, n))),
            text=text_of(e.get("text")),
            feedback=text_of(e.get("feedback")),
            correct=e.get("correct"),
            category=e.get("category"),
        )
        for n, e in enumerate(entries, start=1)
    )


def shuffled(exercise_id: str, choices: tuple[Choice, ...], shuffle: bool = True) -> list[Choice]:
    """``choices`` in the order students see them: seeded by the exercise id, or as written."""
    if not shuffle:
        return list(choices)
    by_key = {c.key: c for c in choices}
    return [by_key[k] for k in seeded_order(exercise_id, list(by_key))]


def by_screen(keys: list[Any], order: Sequence[str]) -> list[Any]:
    """``keys`` in the order they were on screen; keys not shown keep their place after them."""
    order = list(order)
    return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))


def shown_value(value: Any) -> str:
    """A short, safe rendering of what the student gave (for messages)."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 40 else text[:40] + "…"


@dataclass(frozen=True)
class Exercise:
    """Fields every exercise type shares, and the questions every type answers."""

    id: str
    question: Text
    points: float = 1.0
    explanation: Text = field(default_factory=dict)
    concepts: tuple[str, ...] = ()
    has_key: bool = True
    shuffle: bool = True
    use: str = "practice"
    kind: ClassVar[str] = ""
    title: ClassVar[Text] = {}  # the type's name, e.g. "single choice"
    expected_shape: ClassVar[Text] = {}  # the answer's shape, for messages that refuse one
    bank_fields: ClassVar[frozenset[str]] = frozenset()  # the fields a bank entry of this type may add
    key_fields: ClassVar[frozenset[str]] = frozenset()  # the fields a release strips (they give the answer away)
    screen_field: ClassVar[str | None] = None  # "options" or "items" when the screen shows them in a release's order
    answered_with_check: ClassVar[bool] = False  # True: no widget, the student calls check(id, value)
    graded_by_people: ClassVar[bool] = False  # True: in an assessment a person gives the points (no automatic points)

    # normalise
    def normalise(self, answer: Any) -> Any:
        """The answer in its stored form (a type may accept friendlier spellings)."""
        return answer

    def from_response(self, response: Any) -> Any:
        """The stored form of what a widget or ``answer()`` sent (choice types take the letters on screen)."""
        return list(response) if isinstance(response, tuple) else response

    def from_release_letters(self, answer: Any, order: list[str] | None) -> Any:
        """An assessment record's answer in master keys (``order``: keys in the release's screen order)."""
        return answer

    def response_problem(self, response: Any, stored: Any) -> Text | None:
        """Why a response cannot be recorded beyond its shape (e.g. a letter not shown), or None."""
        return None

    def unreadable_problem(self) -> Text:
        """What to say when reading a response raised."""
        return UNREADABLE

    # check
    def check(self, answer: Any) -> Result:
        """Check ``answer``; never raises: a malformed answer is refused with a message saying what is expected."""
        if answer is None:
            return NOT_ANSWERED
        try:
            answer = self.normalise(answer)
            problem = schema.answer_problem(self.kind, answer)
        except Exception:
            problem = "the answer could not be read"
        if problem:
            return invalid(self.kind, problem)
        if self.is_empty(answer):
            return NOT_ANSWERED
        if not self.has_key:
            return RECORDED_RESULT
        return self._check(answer)

    def check_attempt(self, answer: Any, attempt: int) -> Result:
        """What the student sees in practice after ``attempt`` tries (1 for the first); the grader uses :meth:`check`.

        Most types show the same as :meth:`check`; a type may hold something
        back until the student has really tried (a text's model answer).
        """
        return self.check(answer)

    def used_in(self, mode: str) -> bool:
        """True if a release in ``mode`` (practice or assessment) carries this exercise."""
        return self.use == "both" or self.use == mode

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, (str, list, dict)) and not (answer.strip() if isinstance(answer, str) else answer))

    def _check(self, answer: Any) -> Result:  # pragma: no cover - every type overrides it
        raise NotImplementedError

    def _with_explanation(self, status: str, score: float, lines: list[Text]) -> Result:
        if self.explanation:
            lines = [*lines, self.explanation]
        return Result(status, round(score, 4), tuple(line for line in lines if line))

    # screen
    def screen_choices(self) -> tuple[Choice, ...]:
        """The options or items the screen lists (named by ``screen_field``) in the bank's order; () for other types."""
        return tuple(getattr(self, self.screen_field)) if self.screen_field else ()

    def shuffled_on_screen(self) -> bool:
        """Whether a practice copy shows ``screen_choices`` in a shuffled order (a type may decide otherwise)."""
        return self.shuffle

    def display_order(self) -> list[Choice]:
        """The options or items in the order a practice copy shows them."""
        return shuffled(self.id, self.screen_choices(), self.shuffled_on_screen())

    def shown_keys(self) -> list[str]:
        """The keys of the options or items in the order a practice copy shows them ([] for other types)."""
        return [choice.key for choice in self.display_order()]

    def master_keys(self) -> list[str]:
        """The keys of the options or items as the bank lists them ([] for other types)."""
        return [choice.key for choice in self.screen_choices()]

    def word_limits(self) -> tuple[int, int] | None:
        """(min_words, max_words) when the score depends on them, else None."""
        return None

    # graded by people (graded_by_people: in an assessment the lecturer gives the points)
    def mentioned(self, text: str) -> list[Any]:
        """What a person grading ``text`` may look for first (a text's rubric points it mentions); [] for other types."""
        return []

    def lecturer_result(self, points: float) -> Result:
        """The result of an answer the lecturer gave ``points`` (0 to :attr:`points`), e.g. on the review sheet."""
        share = points / self.points if self.points else 0.0
        status = CORRECT if share >= 1.0 else PARTIAL if share > 0 else INCORRECT
        given = {lang: _points_text(points, lang) for lang in LANGUAGES}
        maximum = {lang: _points_text(self.points, lang) for lang in LANGUAGES}
        return self._with_explanation(status, share, [texts("check.text_lecturer_points", points=given, maximum=maximum)])

    def awaiting_lecturer(self) -> Result:
        """An answer the lecturer has not given points yet: no points, marked for review."""
        return Result(REVIEW, 0.0, (texts("check.text_awaits_lecturer"),), review=True)

    # describe
    def describe_answer(self, answer: Any, lang: str, screen: ScreenOrder) -> str:
        """A non-empty answer in words (plain text), with the letters and order of the student's screen."""
        return str(answer)

    def describe_key(self, lang: str, screen: ScreenOrder) -> str:  # pragma: no cover - every type overrides it
        """The right answer in words (plain text), with the letters and order of the student's screen."""
        raise NotImplementedError

    # bank
    @classmethod
    def from_bank(cls: type[E], item: dict[str, Any], common: dict[str, Any]) -> E:  # pragma: no cover - every type overrides it
        """The exercise from a checked bank entry (``common``: the fields every type shares, already read)."""
        raise NotImplementedError

    @staticmethod
    def check_bank_entry(item: dict[str, Any], where: str, checker: Any, with_keys: bool) -> None:  # pragma: no cover
        """Report (to ``checker``) what the bank schema cannot see in one entry of this type."""
        raise NotImplementedError

    # widget
    def widget_spec(self, lang: str) -> dict[str, Any] | None:  # pragma: no cover - every type overrides it
        """The type's part of the widget spec (choices, rows, options), in ``lang``; None: no widget."""
        raise NotImplementedError


def _points_text(value: float, lang: str) -> str:
    """Points as a reader writes them: 1.5 in English, 1,5 in Indonesian, 2 rather than 2.0."""
    from ..texts import number_text

    return number_text(value, lang)


E = TypeVar("E", bound=Exercise)
TYPES: dict[str, type[Exercise]] = {}


def register(cls: type[E]) -> type[E]:
    """Make ``cls`` the type of bank entries whose ``type`` is ``cls.kind``; the registry keeps the vocabulary's order of kinds."""
    TYPES[cls.kind] = cls
    ordered = sorted(TYPES.items(), key=lambda item: KINDS.index(item[0]) if item[0] in KINDS else len(KINDS))
    TYPES.clear()
    TYPES.update(ordered)
    return cls


def invalid(kind: str, problem: str) -> Result:
    """The result for an answer of the wrong shape: what was wrong and what is expected."""
    expected = TYPES[kind].expected_shape
    return Result(
        INCORRECT,
        0.0,
        (texts("check.invalid", problem=problem, expected=expected),),
    )
