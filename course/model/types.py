"""Exercise types and their pure checking logic (no widgets, no kernel).

Every exercise turns a student's answer into a :class:`Result`: a status, a
score between 0 and 1 and feedback lines in English and Indonesian that say
*why*. Answers are plain JSON values so that they can be saved in the answer
store and in the notebook itself:

=============  ===========================================================
type           answer
=============  ===========================================================
``single``     the key of the chosen option, e.g. ``"b"``
``multiple``   the sorted list of chosen keys, e.g. ``["a", "c"]``
``truefalse``  ``true`` or ``false``
``categorise`` ``{item key: category key}``
``ordering``   the list of item keys in the student's order
``text``       the student's text
``code``       the value the student computed, as :mod:`.values` stores it
=============  ===========================================================

An exercise without its key (a student copy in assessment mode) records
answers and returns the status ``recorded``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import sha256
from typing import Any, ClassVar

from . import schema, textmatch, values
from .evaluator import evaluate_solution

Text = dict[str, str]
TYPE_NAMES: dict[str, Text] = {
    "single": {"en": "single choice", "id": "pilihan tunggal"},
    "multiple": {"en": "multiple choice", "id": "pilihan ganda (lebih dari satu jawaban)"},
    "truefalse": {"en": "true or false", "id": "benar atau salah"},
    "categorise": {"en": "categorise", "id": "pengelompokan"},
    "ordering": {"en": "ordering", "id": "pengurutan"},
    "text": {"en": "short text", "id": "jawaban singkat"},
    "code": {"en": "code", "id": "kode"},
}

CORRECT, PARTIAL, INCORRECT, UNANSWERED, RECORDED = "correct", "partial", "incorrect", "unanswered", "recorded"
REVIEW = "review"  # a short text the keyword check cannot judge: the lecturer reads it


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


def _both(en: str, id: str) -> Text:
    return {"en": en, "id": id}


NOT_ANSWERED = Result(UNANSWERED, 0.0, (_both("Not answered yet.", "Belum dijawab."),))
RECORDED_RESULT = Result(
    RECORDED,
    0.0,
    (_both("Your answer is recorded. Your lecturer will grade it.", "Jawaban Anda tercatat. Dosen Anda akan menilainya."),),
)


def invalid(kind: str, problem: str) -> Result:
    """The result for an answer of the wrong shape: what was wrong and what is expected."""
    expected = schema.EXPECTED[kind]
    return Result(INCORRECT, 0.0, (_both(
        f"This answer cannot be checked: {problem}. Expected {expected['en']}.",
        f"Jawaban ini tidak dapat diperiksa: bentuknya tidak sesuai ({problem}). Yang diharapkan: {expected['id']}.",
    ),))


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


def shuffled(exercise_id: str, choices: tuple[Choice, ...], shuffle: bool = True) -> list[Choice]:
    """``choices`` in the order students see them: seeded by the exercise id, or as written."""
    if not shuffle:
        return list(choices)
    by_key = {c.key: c for c in choices}
    return [by_key[k] for k in seeded_order(exercise_id, list(by_key))]


@dataclass(frozen=True)
class Choice:
    """An option, item or category: a key, its text and optional feedback."""

    key: str
    text: Text
    feedback: Text = field(default_factory=dict)
    correct: bool | None = None
    category: str | None = None


@dataclass(frozen=True)
class Exercise:
    """Fields every exercise type shares."""

    id: str
    question: Text
    points: float = 1.0
    explanation: Text = field(default_factory=dict)
    concepts: tuple[str, ...] = ()
    has_key: bool = True
    shuffle: bool = True
    use: str = "practice"
    kind: ClassVar[str] = ""

    def check(self, answer: Any) -> Result:
        """Check ``answer``; never raises: a malformed answer is refused with a message saying what is expected."""
        if answer is None:
            return NOT_ANSWERED
        try:
            answer = self.normalise(answer)
            problem = schema.answer_problem(self.kind, answer)
        except Exception:  # noqa: BLE001 - a student's object may raise from anything it is asked
            problem = "the answer could not be read"
        if problem:
            return invalid(self.kind, problem)
        if self.is_empty(answer):
            return NOT_ANSWERED
        if not self.has_key:
            return RECORDED_RESULT
        return self._check(answer)

    def normalise(self, answer: Any) -> Any:
        """The answer in its stored form (a type may accept friendlier spellings)."""
        return answer

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


def _verdict(status: str) -> Text:
    return {
        CORRECT: _both("Correct.", "Tepat."),
        PARTIAL: _both("Partly correct.", "Sebagian tepat."),
        INCORRECT: _both("Not quite.", "Belum tepat."),
    }[status]


@dataclass(frozen=True)
class SingleChoice(Exercise):
    options: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "single"

    def display_order(self) -> list[Choice]:
        return shuffled(self.id, self.options, self.shuffle)

    def _check(self, answer: Any) -> Result:
        chosen = next((o for o in self.options if o.key == answer), None)
        if chosen is None:
            return Result(INCORRECT, 0.0, (_both(f"'{answer}' is not one of the options.", f"'{answer}' bukan salah satu pilihan."),))
        status = CORRECT if chosen.correct else INCORRECT
        return self._with_explanation(status, 1.0 if chosen.correct else 0.0, [_verdict(status), chosen.feedback])


@dataclass(frozen=True)
class MultipleChoice(SingleChoice):
    kind: ClassVar[str] = "multiple"

    def _check(self, answer: Any) -> Result:
        chosen = {str(a) for a in (answer if isinstance(answer, list) else [answer])}
        right = {o.key for o in self.options if o.correct}
        hits, false_picks = len(chosen & right), len(chosen - right)
        score = max(0.0, (hits - false_picks) / len(right)) if right else 0.0
        status = CORRECT if chosen == right else PARTIAL if score > 0 else INCORRECT
        summary = _both(
            f"You chose {hits} of the {len(right)} right options" + (f" and {false_picks} wrong one(s)." if false_picks else "."),
            f"Anda memilih {hits} dari {len(right)} pilihan yang benar" + (f" dan {false_picks} pilihan yang salah." if false_picks else "."),
        )
        lines = [_verdict(status), summary]
        for option in self.options:
            missed = option.correct and option.key not in chosen
            wrong = not option.correct and option.key in chosen
            if (missed or wrong) and option.feedback:
                lines.append(option.feedback)
        return self._with_explanation(status, score, lines)


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


@dataclass(frozen=True)
class TrueFalse(Exercise):
    answer: bool | None = None
    kind: ClassVar[str] = "truefalse"

    def normalise(self, answer: Any) -> Any:
        parsed = parse_truefalse(answer)
        return answer if parsed is None else parsed

    def is_empty(self, answer: Any) -> bool:
        return answer is None

    def _check(self, answer: Any) -> Result:
        given = parse_truefalse(answer)
        if given is None:
            return Result(INCORRECT, 0.0, (_both("Not understood: answer True or False.", "Tidak dipahami: jawablah True atau False."),))
        status = CORRECT if given == self.answer else INCORRECT
        truth = _both("The statement is true.", "Pernyataan ini benar.") if self.answer else _both(
            "The statement is false.", "Pernyataan ini salah."
        )
        return self._with_explanation(status, 1.0 if status == CORRECT else 0.0, [_verdict(status), truth])


@dataclass(frozen=True)
class Categorise(Exercise):
    categories: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "categorise"

    def display_order(self) -> list[Choice]:
        return shuffled(self.id, self.items, self.shuffle)

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, dict) and not any(answer.values()))

    def _check(self, answer: Any) -> Result:
        names = {c.key: c.text for c in self.categories}
        right = [item for item in self.items if answer.get(item.key) == item.category]
        score = len(right) / len(self.items)
        status = CORRECT if len(right) == len(self.items) else PARTIAL if right else INCORRECT
        lines = [
            _verdict(status),
            _both(f"{len(right)} of {len(self.items)} placed correctly.", f"{len(right)} dari {len(self.items)} ditempatkan dengan benar."),
        ]
        for item in self.items:
            given = answer.get(item.key)
            if given == item.category:
                continue
            target = names.get(item.category or "", {})
            lines.append(
                _both(
                    f"'{item.text.get('en', '')}' belongs to {target.get('en', '?')}" + (": " + item.feedback["en"] if item.feedback.get("en") else "."),
                    f"'{item.text.get('id', '')}' termasuk {target.get('id', '?')}" + (": " + item.feedback["id"] if item.feedback.get("id") else "."),
                )
                if given
                else _both(f"'{item.text.get('en', '')}' is not placed yet.", f"'{item.text.get('id', '')}' belum ditempatkan.")
            )
        return self._with_explanation(status, score, lines)


@dataclass(frozen=True)
class Ordering(Exercise):
    items: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "ordering"

    def display_order(self) -> list[Choice]:
        return shuffled(self.id, self.items, self.has_key)  # a student copy stores them shuffled already

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, list) and not any(answer))

    def _check(self, answer: Any) -> Result:
        key = [i.key for i in self.items]
        texts = {i.key: i.text for i in self.items}
        given = [a for a in answer if a in texts]
        if len(set(given)) != len(key) or len(given) != len(key):
            missing = [k for k in key if k not in given]
            lines = [_verdict(INCORRECT), _both("Place every step exactly once.", "Tempatkan setiap langkah tepat satu kali.")]
            lines += [_both(f"Missing: '{texts[k]['en']}'.", f"Belum ditempatkan: '{texts[k]['id']}'.") for k in missing]
            return Result(INCORRECT, 0.0, tuple(lines))
        position = {k: i for i, k in enumerate(given)}
        pairs = [(a, b) for i, a in enumerate(key) for b in key[i + 1 :]]
        right_pairs = sum(position[a] < position[b] for a, b in pairs)
        score = right_pairs / len(pairs)
        in_place = sum(a == b for a, b in zip(given, key))
        status = CORRECT if given == key else PARTIAL if score >= 0.5 else INCORRECT
        lines = [
            _verdict(status),
            _both(f"{in_place} of {len(key)} are in the right place.", f"{in_place} dari {len(key)} sudah berada di posisi yang benar."),
        ]
        for a, b in zip(key, key[1:]):
            if position[a] > position[b]:
                lines.append(_both(f"'{texts[a]['en']}' comes before '{texts[b]['en']}'.", f"'{texts[a]['id']}' mendahului '{texts[b]['id']}'."))
                break
        return self._with_explanation(status, score, lines)


@dataclass(frozen=True)
class Criterion:
    """One point a short text answer should make, with the words that show it."""

    label: Text
    any: tuple[str, ...]
    points: float = 1.0
    hint: Text = field(default_factory=dict)


@dataclass(frozen=True)
class ShortText(Exercise):
    rubric: tuple[Criterion, ...] = ()
    min_words: int = 0
    max_words: int = 150
    model_answer: Text = field(default_factory=dict)
    kind: ClassVar[str] = "text"

    def is_empty(self, answer: Any) -> bool:
        return answer is None or (isinstance(answer, str) and not answer.strip())

    def _check(self, answer: Any) -> Result:
        text = str(answer)
        words = len(text.split())
        every_phrase = [phrase for criterion in self.rubric for phrase in criterion.any]
        if words > 2 * self.max_words or (words >= 8 and textmatch.covered_share(text, every_phrase) >= 0.6):
            return self._needs_review(words)
        met = [c for c in self.rubric if textmatch.mentions(text, c.any)]
        total = sum(c.points for c in self.rubric)
        score = sum(c.points for c in met) / total if total else 0.0
        if words < self.min_words:
            score = min(score, 0.5)
        status = CORRECT if score >= 1.0 else PARTIAL if score > 0 else INCORRECT
        lines = [_verdict(status)]
        for criterion in self.rubric:
            mark = "✔" if criterion in met else "✘"
            lines.append({lang: f"{mark} {criterion.label.get(lang, '')}" for lang in ("en", "id")})
            if criterion not in met and criterion.hint:
                lines.append(criterion.hint)
        if words < self.min_words:
            lines.append(
                _both(
                    f"Write at least {self.min_words} words (you wrote {words}).",
                    f"Tulislah sedikitnya {self.min_words} kata (Anda menulis {words}).",
                )
            )
        lines.append(COVERAGE_NOTE)
        if self.model_answer:
            lines.append({lang: ("Model answer: " if lang == "en" else "Contoh jawaban: ") + self.model_answer.get(lang, "") for lang in ("en", "id")})
        return self._with_explanation(status, score, lines)

    def _needs_review(self, words: int) -> Result:
        """Far over the word limit, or mostly the rubric's own words: a person must read it, no automatic points."""
        reason = (
            _both(f"Your answer has {words} words; the limit is {self.max_words}. Keep to the point.",
                  f"Jawaban Anda terdiri atas {words} kata; batasnya {self.max_words} kata. Tulislah yang pokok saja.")
            if words > 2 * self.max_words
            else _both("Your answer is mostly a list of key words. Explain the points in sentences.",
                       "Jawaban Anda sebagian besar berupa daftar kata kunci. Jelaskan pokok-pokoknya dalam kalimat.")
        )
        verdict = _both("Needs your lecturer's review: no points are given automatically.", "Perlu diperiksa dosen Anda: tidak ada poin yang diberikan secara otomatis.")
        return Result(REVIEW, 0.0, (verdict, reason, COVERAGE_NOTE), review=True)


COVERAGE_NOTE = _both(
    "The keyword check looks for coverage of the points, not for the quality of the writing; your lecturer may read your answer.",
    "Pemeriksaan kata kunci hanya melihat apakah pokok-pokoknya tercakup, bukan mutu tulisan; dosen Anda dapat membaca jawaban Anda.",
)


@dataclass(frozen=True)
class Hint:
    """A common wrong value and what to tell the student who computed it."""

    when: Any
    message: Text


@dataclass(frozen=True)
class Code(Exercise):
    answer: Any = None
    solution: str | None = None
    tolerance: float = 1e-6
    ignore_order: bool = False
    ignore_index: bool = False
    hints: tuple[Hint, ...] = ()
    kind: ClassVar[str] = "code"

    def is_empty(self, answer: Any) -> bool:
        return answer is None

    def normalise(self, answer: Any) -> Any:
        return values.to_json(answer)

    def check(self, answer: Any) -> Result:
        if answer is None:
            return Result(UNANSWERED, 0.0, (_both(
                "Not answered yet: replace None with your computation and run the cell again.",
                "Belum dijawab: ganti None dengan perhitungan Anda, lalu jalankan kembali selnya.",
            ),))
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
            return self._with_explanation(CORRECT, 1.0, [_verdict(CORRECT)])
        lines = [_verdict(INCORRECT)]
        for hint in self.hints:
            if values.equal(answer, hint.when, self.tolerance, self.ignore_order, self.ignore_index):
                lines.append(hint.message)
                break
        else:
            lines.extend(values.diagnose(answer, expected, self.tolerance))
        return Result(INCORRECT, 0.0, tuple(lines))


TYPES: dict[str, type[Exercise]] = {
    cls.kind: cls for cls in (SingleChoice, MultipleChoice, TrueFalse, Categorise, Ordering, ShortText, Code)
}
