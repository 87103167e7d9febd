"""Every code exercise's hints reach the student who makes the mistake, and the skill is what gets checked (issue 22, point 4).

* A hint written as the mistaken code (``when_code``) or as a wrong value
  (``when``) is what that mistake gets: not "Correct", not another hint's words.
* Exercises whose answer could be read off the screen and typed check a pandas
  result instead (round-2 reviews: ``01-ge-2007-2017``, then named ``01-ge-2012``; ``02-citizen-power-rungs``,
  ``06-only-first``).
"""

from __future__ import annotations

import pandas as pd
import pytest

import course  # importing course gives the model its solution evaluator
from course.library.livevalues import from_json
from course.model.bank import bank_paths, load_bank
from course.model.evaluator import evaluate_solution

CODE = [e for path in bank_paths() for e in load_bank(path).exercises if e.kind == "code"]
HINTS = [(e, n, h) for e in CODE for n, h in enumerate(e.hints)]
EMPTY_RESULTS = ([], pd.Series([], dtype=object), pd.DataFrame())  # what a filter that kept nothing gives


def test_there_are_code_exercises_with_hints():
    assert len(CODE) >= 20 and len(HINTS) >= 40


def test_every_code_exercise_answers_several_likely_mistakes():
    """No code exercise, quiz items included, is left with the generic message for most mistakes."""
    assert [e.id for e in CODE if len(e.hints) < 3] == []


@pytest.mark.parametrize(("exercise", "number", "hint"), HINTS, ids=[f"{e.id}-hint{n + 1}" for e, n, _ in HINTS])
def test_the_mistake_a_hint_names_gets_that_hint(exercise, number, hint):
    if hint.when_empty:
        for empty in EMPTY_RESULTS:
            result = exercise.check(empty)
            assert result.status == "incorrect" and result.feedback[1] == hint.message, f"{exercise.id}: an empty {type(empty).__name__}"
        return
    wrong = from_json(evaluate_solution(hint.when_code)) if hint.when_code else hint.when
    result = exercise.check(wrong)
    assert result.status == "incorrect", f"{exercise.id}: the mistake of hint {number + 1} is marked {result.status}"
    assert result.feedback[1] == hint.message, f"{exercise.id}: hint {number + 1} is shadowed by {result.feedback[1]['en']!r}"


def test_lesson_00s_likely_mistakes_each_get_their_own_words():
    bank = load_bank(next(p for p in bank_paths() if p.name.startswith("00-")))
    abstracts = course.load_abstracts().set_index("id")
    find = bank.get("00-find-a-word")
    for word in ("bureaucracy", "Birokrasi"):
        result = find.check(abstracts.loc[abstracts["abstract_id"].str.contains(word), "authors"])
        assert "birokrasi" in result.feedback[1]["id"] and "huruf kecil" in result.feedback[1]["id"], word
    count = bank.get("00-count-indonesian-words")
    whole = count.check(abstracts["abstract_id"].str.split().str.len())
    assert '.loc["fatmawati"]' in whole.feedback[1]["en"] and ".sum()" not in str(whole.feedback)


@pytest.mark.parametrize(
    ("exercise_id", "typed"),
    [
        ("01-ge-2007-2017", 45.15),
        ("01-ge-2007-2017", [45.15, 53.33]),
        ("02-citizen-power-rungs", [6, 7, 8]),
        ("02-citizen-power-rungs", pd.Series([6, 7, 8])),
        ("06-only-first", 16),
        ("06-only-first", 17 - 1),
    ],
)
def test_a_value_typed_from_the_screen_is_not_correct(exercise_id, typed):
    exercise = next(e for e in CODE if e.id == exercise_id)
    assert exercise.check(typed).status == "incorrect"


def test_the_pandas_results_are_correct_in_both_languages():
    abstracts = course.load_abstracts().set_index("id")
    wgi_data = course.load_reference("wgi-indonesia-asean")
    ladder = course.load_reference("02-arnstein-ladder")
    by_id = {e.id: e for e in CODE}
    for language in ("en", "id"):
        ge = wgi_data[wgi_data["indikator"] == "GE"]
        ge_table = ge.pivot(index="tahun", columns="nama_" + language, values="peringkat_persentil")
        assert by_id["01-ge-2007-2017"].check(ge_table.loc[[2007, 2017], "Indonesia"]).status == "correct"
        matrix = course.concepts.concept_matrix(abstracts, language)
        assert by_id["06-only-first"].check(matrix[matrix["eviningrum-budiono"] & ~matrix["fatmawati"]]).status == "correct"
    assert by_id["02-citizen-power-rungs"].check(ladder[ladder["group_en"] == "Degrees of citizen power"]).status == "correct"


def _quiz_mistakes() -> list[tuple[str, object, str, str]]:
    """A beginner's code for the two quiz items that had only value hints, as the lessons' examples invite it."""
    ladder = course.load_reference("02-arnstein-ladder")
    consultation = ladder.set_index("name_en").loc["Consultation", "rung"]
    compliance = course.load_reference("ombudsman-kepatuhan")
    compliance["persen_hijau"] = (compliance["hijau"] / compliance["dinilai"] * 100).round(1)
    compliance["persen_kuning"] = (compliance["kuning"] / compliance["dinilai"] * 100).round(1)
    groups_2021 = compliance[(compliance["tahun"] == 2021) & (compliance["kelompok"] != "semua")]
    rungs, yellow = "04-quiz-rungs-above-consultation", "05-quiz-yellow-2021"
    return [
        (rungs, ladder[ladder["rung"] > consultation], "len(", "len("),
        (rungs, ladder[ladder["rung"] > consultation]["name_id"].tolist(), "how many", "berapa banyak"),
        (rungs, len(ladder), "every rung", "semua anak tangga"),
        (rungs, ladder["rung"] > consultation, "`True` or `False`", "`True` atau `False`"),
        (rungs, ladder[ladder["name_en"] == "Consultation"]["rung"], "Consultation's own", "milik Konsultasi sendiri"),
        (rungs, ladder[ladder["name_en"] == "Konsultasi"], "capital C", "huruf C kapital"),
        (rungs, ladder[ladder["name_en"] == "consultation"]["name_en"].tolist(), "capital C", "huruf C kapital"),
        (yellow, groups_2021.set_index("kelompok")["persen_hijau"].idxmax(), "green zone", "zona hijau"),
        (yellow, groups_2021["persen_kuning"].idxmax(), "row's number", "nomor barisnya"),
        (yellow, groups_2021.set_index("kelompok")["persen_kuning"], "share of every group", "proporsi setiap kelompok"),
        (yellow, groups_2021["persen_kuning"].max(), "largest share itself", "proporsi terbesarnya sendiri"),
        (yellow, "Cities", "in Indonesian", "dalam bahasa Indonesia"),
    ]


@pytest.mark.parametrize("number", range(12))
def test_the_quiz_items_answer_a_beginners_likely_mistakes_in_both_languages(number):
    exercise_id, wrong, english, indonesian = _quiz_mistakes()[number]
    result = next(e for e in CODE if e.id == exercise_id).check(wrong)
    assert result.status == "incorrect"
    assert english in result.feedback[1]["en"] and indonesian in result.feedback[1]["id"], (exercise_id, result.feedback[1])
