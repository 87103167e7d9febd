"""A letter on the feedback page is the letter the student saw: the release's order, in a quiz and in practice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from page_tools import page_cell
from submission_tools import put, release_quiz, run_as_student

from course.grading.outputs import feedback_name
from course.grading.run import grade
from course.model.bank import LETTERS, bank_paths, load_bank

QUIZ_ID = "notebooks/id/03-quiz.ipynb"
SINGLE, MULTIPLE, SORT = "03-quiz-pungli-diagnosis", "03-quiz-brief-claims", "03-quiz-sort-plan"


def _screen(released_bank: dict, exercise: str, lang: str) -> list[str]:
    """What the released notebook shows for a choice item: 'A. text', 'B. text' ... in the student copy's order."""
    item = next(e for e in released_bank["exercises"] if e["id"] == exercise)
    return [f"{o['key']}. {o['text'][lang]}" for o in item["options"]]


@pytest.fixture(scope="module")
def graded_quiz(tmp_path_factory):
    """Lesson 03's quiz released for assessment in Indonesian, answered by on-screen letters, graded with the key."""
    base = tmp_path_factory.mktemp("screen")
    out = base / "kuis-03"
    _, key = release_quiz(out, "03", "id")
    shipped = yaml.safe_load((out / "data" / "exercises" / "03-bureaucratic-reform.yml").read_text(encoding="utf-8"))
    sort_items = next(e for e in load_bank(bank_paths()[3]).exercises if e.id == SORT).items
    actions = [
        ("answer", SINGLE, "A"),
        ("answer", MULTIPLE, "B, D, E, F"),
        ("answer", SORT, {i.key: i.category for i in sort_items}),
    ]
    notebook = run_as_student(out, QUIZ_ID, actions, base / "store")
    subs = base / "subs"
    put(subs, "3001_03-quiz.ipynb", notebook)
    grade(subs, base / "grades", keys=[key], show_progress=False)
    page = (base / "grades" / "feedback" / "03-quiz" / feedback_name("3001")).read_text(encoding="utf-8")
    return page, shipped, json.loads(key.read_text())["orders"]


def test_a_quiz_answer_reads_with_the_letter_and_text_the_student_saw(graded_quiz):
    page, shipped, _ = graded_quiz
    screen = _screen(shipped, SINGLE, "id")
    assert page_cell(page, SINGLE, "Jawaban Anda") == screen[0], "the student chose A: the page says A and A's text"


def test_a_multiple_choice_quiz_answer_keeps_its_letters_and_their_order(graded_quiz):
    page, shipped, _ = graded_quiz
    screen = _screen(shipped, MULTIPLE, "id")
    assert page_cell(page, MULTIPLE, "Jawaban Anda").splitlines() == [screen[LETTERS.index(letter)] for letter in "BDEF"]


def test_the_right_answer_reads_with_the_letters_of_the_release(graded_quiz):
    page, shipped, orders = graded_quiz
    bank = {e.id: e for e in load_bank(bank_paths()[3]).exercises}
    for exercise in (SINGLE, MULTIPLE):
        screen = _screen(shipped, exercise, "id")
        right = {o.key for o in bank[exercise].options if o.correct}
        expected = [screen[n] for n, key in enumerate(orders[exercise]["options"]) if key in right]
        assert page_cell(page, exercise, "Jawaban yang tepat").splitlines() == expected, exercise


def test_categorise_items_are_listed_in_the_order_the_release_showed_them(graded_quiz):
    page, shipped, orders = graded_quiz
    shown = [i["text"]["id"] for i in next(e for e in shipped["exercises"] if e["id"] == SORT)["items"]]
    for heading in ("Jawaban Anda", "Jawaban yang tepat"):
        lines = page_cell(page, SORT, heading).splitlines()
        assert [line.split(" → ")[0] for line in lines] == shown, heading
    assert orders[SORT]["items"], "the release shuffles the items of a categorise quiz item"


def test_a_practice_page_shows_the_letters_of_the_practice_release(lesson03, tmp_path):
    """The practice release's own bank, drawn as the kernel draws it, gives the letters on the page."""
    subs = tmp_path / "subs"
    put(subs, "3001_03.ipynb", lesson03.partial)
    grade(subs, tmp_path / "grades", show_progress=False)
    page = (tmp_path / "grades" / "feedback" / "03" / feedback_name("3001")).read_text(encoding="utf-8")
    practice = {e.id: e for e in load_bank(Path(lesson03.bundle) / "data" / "exercises" / "03-bureaucratic-reform.yml").exercises}
    letters = {
        eid: {o.key: f"{LETTERS[n]}. {o.text['en']}" for n, o in enumerate(practice[eid].display_order())}
        for eid in practice
        if hasattr(practice[eid], "options")
    }
    assert page_cell(page, "03-harmonization", "Your answer") == letters["03-harmonization"]["uniform"]
    chosen = page_cell(page, "03-four-targets", "Your answer").splitlines()
    assert sorted(chosen) == sorted(letters["03-four-targets"][k] for k in ("budget", "drop-structure"))
    assert chosen == sorted(chosen), "several options are listed in the order of their letters"
    right = [o.key for o in practice["03-four-targets"].options if o.correct]
    assert page_cell(page, "03-four-targets", "Right answer").splitlines() == sorted(letters["03-four-targets"][k] for k in right)
