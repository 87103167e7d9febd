"""Feedback aimed at the likely mistake: hints by value, by the mistaken code, or for an empty result; the generic message.

Issue 22, point 4: a beginner who searches the English word in the Indonesian
text, writes a capital letter or a year in quotes gets an empty result, and the
feedback must say why; the generic "not yet" names the kind and size of what
was sent; a hint never suggests ``.sum()`` where it is the wrong fix.
"""

from __future__ import annotations

import pandas as pd
import pytest

import course  # importing course gives the model its solution evaluator
from course.model import values
from course.model.bank import check_bank
from course.model.exercises.code import Code, Hint


def both(text: str) -> dict[str, str]:
    return {"en": text, "id": text + " (id)"}


FIND = Code(
    "t-find",
    both("Q"),
    solution='abstracts.loc[abstracts["abstract_id"].str.contains("transparan"), "authors"]',
    hints=(
        Hint(
            when_code='abstracts.loc[abstracts["abstract_id"].str.contains("transparan"), ["authors"]]',
            message=both("A table, not a Series."),
        ),
        Hint(when_empty=True, message=both("Nothing matched: the Indonesian word is transparan.")),
    ),
)


def test_a_hint_written_as_the_mistaken_code_matches_what_that_code_computes():
    abstracts = course.load_abstracts().set_index("id")
    table = abstracts.loc[abstracts["abstract_id"].str.contains("transparan"), ["authors"]]
    assert FIND.check(table).feedback[1]["en"] == "A table, not a Series."


@pytest.mark.parametrize("word", ["transparent", "Transparan", "TRANSPARAN"])
def test_an_english_or_capitalised_word_gets_the_empty_result_hint(word):
    abstracts = course.load_abstracts().set_index("id")
    empty = abstracts.loc[abstracts["abstract_id"].str.contains(word), "authors"]
    result = FIND.check(empty)
    assert result.status == "incorrect"
    assert result.feedback[1]["en"] == "Nothing matched: the Indonesian word is transparan."


def test_without_a_hint_an_empty_result_is_explained_in_words_the_lesson_taught():
    plain = Code("t-plain", both("Q"), solution=FIND.solution)
    lines = [line["id"] for line in plain.check(pd.Series([], dtype=object)).feedback]
    assert "Series (satu kolom) berisi 0 nilai" in lines[1]
    assert "kata bahasa Indonesia di kolom bahasa Indonesia" in lines[2] and "tanpa tanda petik" in lines[2]
    year = Code("t-year", both("Q"), answer=[43.6])
    assert "a year has no quotation marks" in year.check([]).feedback[-1]["en"], "a year written '2012' keeps nothing"


def test_the_generic_message_names_the_kind_and_size_that_was_sent():
    lines = Code("t", both("Q"), answer=["GE", "RQ"]).check(["GE", "RL"]).feedback
    assert "a list with 2 items" in lines[1]["en"] and "the rows your condition keeps" in lines[1]["en"]
    assert "sebuah list berisi 2 butir" in lines[1]["id"]


def test_a_hint_whose_code_fails_is_skipped_and_the_check_still_answers():
    broken = Code("t", both("Q"), answer=5, hints=(Hint(when_code="undefined_name + 1", message=both("never")),))
    result = broken.check(4)
    assert result.status == "incorrect" and "never" not in str(result.feedback)


def test_is_empty_result_knows_tables_series_and_lists():
    assert values.is_empty_result(pd.DataFrame({"a": []}))
    assert values.is_empty_result(pd.Series([], dtype=float)) and values.is_empty_result([])
    assert not values.is_empty_result(0) and not values.is_empty_result("") and not values.is_empty_result([0])


def test_the_bank_check_refuses_a_hint_with_two_ways_or_none(tmp_path):
    bank = tmp_path / "99-t.yml"
    bank.write_text(
        "lesson: '99'\ntitle: {en: T, id: T}\nexercises:\n"
        "  - id: 99-a\n    type: code\n    question: {en: Q, id: Q}\n    answer: 1\n    hints:\n"
        "      - {when: 2, when_empty: true, message: {en: m, id: m}}\n"
        "      - {message: {en: m, id: m}}\n"
        "      - {when_code: 'len(', message: {en: m, id: m}}\n",
        encoding="utf-8",
    )
    problems = "\n".join(str(p) for p in check_bank(bank))
    assert problems.count("one of 'when'") == 2, problems
    assert "'when_code' is not a valid Python expression" in problems
