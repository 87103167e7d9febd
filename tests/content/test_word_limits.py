"""No hidden rule: every word limit that changes a text answer's score is shown with the question.

``ShortText.check`` caps an answer under ``min_words`` at half marks and sends
one far over ``max_words`` to the lecturer, so the student must read both
numbers, in the notebook's language, in the question the widget shows; and
the bank's own question text must not state a second, different length.
"""

from __future__ import annotations

import re

import pytest
import yaml

from course.kernel.render import ExerciseWidget
from course.model.bank import bank_paths, check_bank, load_bank, strip_keys
from course.model.types import ShortText

TEXT_ITEMS = [(path, exercise) for path in bank_paths() for exercise in load_bank(path).exercises if isinstance(exercise, ShortText)]
IDS = [exercise.id for _, exercise in TEXT_ITEMS]
EXPECTED = {
    "en": {"both": "Write {low} to {high} words.", "low": "Write at least {low} words.", "high": "Write at most {high} words."},
    "id": {
        "both": "Tulislah {low} sampai {high} kata.",
        "low": "Tulislah sedikitnya {low} kata.",
        "high": "Tulislah paling banyak {high} kata.",
    },
}
NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)"
STATED_LENGTH = re.compile(
    rf"\b{NUMBER}(\s+(or|to|and|atau|sampai|hingga|dan)\s+{NUMBER})?\s+(words?|sentences?|paragraphs?|kata|kalimat|paragraf)\b",
    re.IGNORECASE,
)


def expected_line(exercise: ShortText, lang: str) -> str:
    """The limits sentence the student should read, written out here independently of the course code."""
    low, high = exercise.min_words, exercise.max_words
    case = "both" if low and high else "low" if low else "high"
    return EXPECTED[lang][case].format(low=low, high=high)


def widget_text(exercise: ShortText, lang: str, mode: str) -> str:
    return ExerciseWidget(exercise, lang, mode, on_submit=lambda *args: (None, "")).text()


def test_the_course_has_text_items_in_practice_and_in_quizzes():
    assert len(TEXT_ITEMS) >= 10
    assert {e.use for _, e in TEXT_ITEMS} >= {"practice", "assessment"}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("path", "exercise"), TEXT_ITEMS, ids=IDS)
def test_the_displayed_question_states_the_word_limits(path, exercise, lang):
    line = expected_line(exercise, lang)
    for mode in ("practice", "assessment"):
        text = widget_text(exercise, lang, mode)
        assert line in text.splitlines()[1:-1], f"{exercise.id} ({lang}, {mode}): the widget must say {line!r}; it shows:\n{text}"
    html = ExerciseWidget(exercise, lang, "practice", on_submit=lambda *args: (None, "")).spec["question_html"]
    assert html.endswith(line), f"{exercise.id} ({lang}): the question's HTML must end with {line!r}"


@pytest.mark.parametrize(("path", "exercise"), TEXT_ITEMS, ids=IDS)
def test_the_bank_question_states_no_length_of_its_own(path, exercise):
    """Lengths come only from min_words/max_words, so the question cannot drift from the numbers checked."""
    for lang in ("en", "id"):
        found = STATED_LENGTH.search(exercise.question[lang])
        assert found is None, f"{exercise.id} ({lang}) states '{found.group(0)}' in its question; set min_words/max_words instead"


@pytest.mark.parametrize(("path", "exercise"), TEXT_ITEMS, ids=IDS)
def test_the_model_answer_keeps_the_limits_it_states(path, exercise):
    for lang in ("en", "id"):
        words = len(exercise.model_answer.get(lang, "").split())
        if words:
            assert exercise.min_words <= words <= exercise.max_words, f"{exercise.id} ({lang}): model answer has {words} words"


def test_an_answer_at_the_stated_minimum_is_not_capped_and_one_under_it_is():
    _, exercise = next((p, e) for p, e in TEXT_ITEMS if e.id == "03-quiz-app-only-reform")
    clauses = [
        "The online applications change process,",
        "they leave values such as integrity untouched,",
        "structure stays as it is,",
        "and apparatus resources such as staff competence are untouched.",
    ]
    answer = " ".join(clauses)
    filler = ["so", "the", "claim", "is", "wrong", "because", "reform", "means", "much", "more", "than", "apps", "alone", "today", "here"]
    short = answer.split()
    full = short + filler[: exercise.min_words - len(short)]
    assert len(full) == exercise.min_words
    assert exercise.check(" ".join(full)).score == 1.0
    assert exercise.check(" ".join(full[:-1])).score == 0.5


def test_word_limits_phrases_every_case_in_both_languages():
    from course.model.texts import question_text, word_limits

    def item(low: int, high: int) -> ShortText:
        return ShortText("t", {"en": "Why?", "id": "Mengapa?"}, rubric=(), min_words=low, max_words=high)

    assert word_limits(item(40, 150), "en") == "Write 40 to 150 words."
    assert word_limits(item(40, 150), "id") == "Tulislah 40 sampai 150 kata."
    assert word_limits(item(0, 80), "en") == "Write at most 80 words."
    assert word_limits(item(0, 80), "id") == "Tulislah paling banyak 80 kata."
    assert word_limits(item(25, 0), "en") == "Write at least 25 words."
    assert word_limits(item(25, 0), "id") == "Tulislah sedikitnya 25 kata."
    assert word_limits(item(50, 50), "id") == "Tulislah 50 kata."
    assert question_text(item(40, 150), "id") == "Mengapa?\n\nTulislah 40 sampai 150 kata."
    _, other = next((p, e) for p in bank_paths() for e in load_bank(p).exercises if not isinstance(e, ShortText))
    assert word_limits(other, "en") == "" and question_text(other, "en") == other.question["en"].strip()


def test_a_released_quiz_keeps_the_limits_its_question_shows():
    path = next(p for p, e in TEXT_ITEMS if e.id == "03-quiz-app-only-reform")
    stripped, _ = strip_keys(path, "secret")
    item = next(e for e in stripped["exercises"] if e["id"] == "03-quiz-app-only-reform")
    assert (item["min_words"], item.get("max_words")) == (30, 100)


def test_a_minimum_above_the_maximum_is_refused(tmp_path):
    bank = {
        "lesson": "09",
        "title": {"en": "T", "id": "T"},
        "exercises": [
            {
                "id": "09-text",
                "type": "text",
                "min_words": 90,
                "max_words": 60,
                "question": {"en": "Why?", "id": "Mengapa?"},
                "rubric": [{"label": {"en": "L", "id": "L"}, "any": ["x"]}],
            }
        ],
    }
    path = tmp_path / "09-test.yml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    problems = [str(p) for p in check_bank(path)]
    assert any("'min_words' (90) is more than 'max_words' (60)" in p for p in problems), problems
