"""A text exercise's model answer waits for a real attempt (issue 22, point 4).

It appears after an answer of at least ``min_words`` words or after a second
try, never after a five-word first try; the grader's pages still show it.
"""

from __future__ import annotations

from course.kernel import session
from course.model.bank import find_bank

SHORT = "I would keep it, fine."


def lines(result, lang="en"):
    return [line[lang] for line in result.feedback]


def test_a_short_first_try_gets_no_model_answer_but_says_when_it_comes(lesson):
    lesson("id")
    result, _ = session._session.submit(session._session.bank.get("00-judge-a-coding"), "Saya pertahankan saja.")
    shown = lines(result, "id")
    assert not any(line.startswith("Contoh jawaban:") for line in shown), shown
    assert any("Contoh jawaban akan muncul setelah jawaban Anda berisi sedikitnya 30 kata" in line for line in shown)


def test_the_second_try_or_a_long_enough_answer_shows_it(lesson):
    lesson("en")
    exercise = session._session.bank.get("00-judge-a-coding")
    session._session.submit(exercise, SHORT)
    second, _ = session._session.submit(exercise, SHORT + " Really.")
    assert any(line.startswith("Model answer:") for line in lines(second))
    lesson("en")
    long_answer = " ".join(["word"] * exercise.min_words)
    first, _ = session._session.submit(exercise, long_answer)
    assert any(line.startswith("Model answer:") for line in lines(first))


def test_the_widget_shows_the_same_after_a_restart(lesson):
    lesson("en")
    view = session.build_view("00-judge-a-coding")
    view.submit(SHORT)
    assert "Model answer:" not in view.feedback
    lesson("en")  # a new kernel: the saved answer comes back with the same verdict, still held back
    assert "Model answer:" not in session.build_view("00-judge-a-coding").feedback


def test_the_grader_still_shows_the_model_answer_for_any_answer():
    exercise = find_bank("00").get("00-judge-a-coding")
    assert any(line.startswith("Model answer:") for line in lines(exercise.check(SHORT)))
