"""Checking logic of every exercise type, without widgets or a kernel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course.library.livevalues import from_json
from course.model import textmatch, values
from course.model.types import (
    CORRECT,
    INCORRECT,
    PARTIAL,
    RECORDED,
    UNANSWERED,
    Categorise,
    Choice,
    Code,
    Criterion,
    Hint,
    MultipleChoice,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
    seeded_order,
)


def both(text: str) -> dict[str, str]:
    return {"en": text, "id": f"[id] {text}"}


OPTIONS = (
    Choice("a", both("Alpha"), both("Alpha is right because ..."), correct=True),
    Choice("b", both("Beta"), both("Beta confuses X with Y")),
    Choice("c", both("Gamma"), both("Gamma is only half")),
)


def test_single_choice_right_wrong_and_unanswered():
    ex = SingleChoice("t-single", both("Q?"), explanation=both("Because."), options=OPTIONS)
    right = ex.check("a")
    assert right.status == CORRECT and right.score == 1.0
    assert [line["en"] for line in right.feedback] == ["Correct.", "Alpha is right because ...", "Because."]
    wrong = ex.check("b")
    assert wrong.status == INCORRECT and wrong.score == 0
    assert "Beta confuses X with Y" in [line["en"] for line in wrong.feedback], "feedback must say why"
    assert wrong.feedback[0]["id"] == "Belum tepat."
    assert ex.check(None).status == UNANSWERED
    assert ex.check("zzz").status == INCORRECT


def test_multiple_choice_partial_credit_subtracts_wrong_picks():
    options = (*OPTIONS[:2], Choice("c", both("Gamma"), both("Gamma is right too"), correct=True), Choice("d", both("Delta")))
    ex = MultipleChoice("t-multi", both("Q?"), options=options)
    assert ex.check(["a", "c"]).status == CORRECT
    half = ex.check(["a"])
    assert half.status == PARTIAL and half.score == 0.5
    assert any("Gamma is right too" in line["en"] for line in half.feedback), "a missed option gets its feedback"
    assert ex.check(["a", "b"]).score == 0.0 and ex.check(["a", "b"]).status == INCORRECT
    assert ex.check(["a", "c", "d"]).score == 0.5
    assert ex.check([]).status == UNANSWERED


@pytest.mark.parametrize("given, status", [(False, CORRECT), (True, INCORRECT), ("salah", CORRECT), (None, UNANSWERED)])
def test_true_false(given, status):
    ex = TrueFalse("t-tf", both("S"), answer=False, explanation=both("Why"))
    result = ex.check(given)
    assert result.status == status
    if status != UNANSWERED:
        assert result.feedback[1]["en"] == "The statement is false."


def test_categorise_scores_each_item_and_explains_misplacements():
    cats = (Choice("v", both("Value system")), Choice("s", both("Structure")))
    items = (
        Choice("integrity", both("Integrity pact"), both("it changes values"), category="v"),
        Choice("merge", both("Merging two agencies"), category="s"),
        Choice("code", both("Code of ethics"), category="v"),
    )
    ex = Categorise("t-cat", both("Sort"), categories=cats, items=items)
    assert ex.check({"integrity": "v", "merge": "s", "code": "v"}).status == CORRECT
    partial = ex.check({"integrity": "s", "merge": "s"})
    assert partial.status == PARTIAL and partial.score == pytest.approx(1 / 3, abs=1e-3)
    text = " ".join(line["en"] for line in partial.feedback)
    assert "'Integrity pact' belongs to Value system: it changes values" in text
    assert "'Code of ethics' is not placed yet" in text
    assert ex.check({}).status == UNANSWERED


def test_ordering_gives_pairwise_partial_credit():
    items = tuple(Choice(k, both(k.upper())) for k in "abcd")
    ex = Ordering("t-order", both("Order"), items=items)
    assert ex.check(list("abcd")).status == CORRECT
    swapped = ex.check(list("bacd"))
    assert swapped.status == PARTIAL and swapped.score == pytest.approx(5 / 6, abs=1e-3)
    assert any("'A' comes before 'B'" in line["en"] for line in swapped.feedback)
    assert ex.check(list("dcba")).status == INCORRECT
    duplicate = ex.check(["a", "a", "c", "d"])
    assert duplicate.status == INCORRECT and any("Missing: 'B'" in line["en"] for line in duplicate.feedback)
    assert ex.check([None, None, None, None]).status == UNANSWERED


RUBRIC = (
    Criterion(both("names co-steering"), ("co-steering", "pengarahan bersama"), hint=both("Which co- process?")),
    Criterion(both("mentions transparency"), ("transparen*", "transparan*", "keterbukaan")),
)


@pytest.mark.parametrize(
    "text, score",
    [
        ("Co-steering needs transparency.", 1.0),
        ("co steering and TRANSPARENT decisions", 1.0),
        ("Costeering with transparansi anggaran", 1.0),
        ("Pengarahan  bersama dan keterbukaan informasi", 1.0),
        ("Only co-steering here", 0.5),
        ("Nothing relevant at all", 0.0),
    ],
)
def test_short_text_rubric_accepts_both_languages_and_spelling_variants(text, score):
    ex = ShortText("t-text", both("Q"), rubric=RUBRIC, model_answer=both("Model"))
    assert ex.check(text).score == score


def test_short_text_feedback_names_met_and_missing_points_and_minimum_length():
    ex = ShortText("t-text", both("Q"), rubric=RUBRIC, min_words=6, model_answer=both("Model"))
    result = ex.check("transparency")
    lines = [line["en"] for line in result.feedback]
    assert "○ names co-steering" in lines and "Which co- process?" in lines and "✔ mentions transparency" in lines
    assert "Write at least 6 words (you wrote 1)." in lines
    assert result.score == 0.5 and ex.check("   ").status == UNANSWERED


def test_textmatch_whole_words_only():
    assert not textmatch.mentions("partnership", ["partner"])
    assert textmatch.mentions("Partner-ship", ["partner ship"])
    assert textmatch.normalise("Élite  Co-Steering!") == "elite co steering"


def test_textmatch_gap_allows_a_few_words_between_the_parts_of_a_phrase():
    assert textmatch.mentions("The agency ranks the proposals alone.", ["ranks ... alone"])
    assert textmatch.mentions("ranks alone", ["ranks ... alone"]), "no words between is fine too"
    assert not textmatch.mentions("ranks one two three four alone", ["ranks ... alone"]), f"at most {textmatch.GAP} words between"
    assert not textmatch.mentions("alone it ranks", ["ranks ... alone"]), "the parts keep their order"
    assert textmatch.mentions("Aturannya tidak pernah diubah", ["tidak … diubah"]), "the ellipsis character works too"
    assert textmatch.mentions("the rules were not changed", ["not ... chang*"]), "a prefix at the end"
    assert not textmatch.mentions("rankings alone", ["ranks ... alone"]), "whole words"
    assert not textmatch.mentions("any answer at all", ["..."]), "punctuation alone matches nothing"


def test_textmatch_prefix_words_anywhere_in_a_phrase():
    assert textmatch.mentions("Citizens shared decision power.", ["share* decision power"]), "a prefix word inside a phrase"
    assert textmatch.mentions("they follow the committee's decision", ["follow* the committee s decision"])
    assert textmatch.mentions("follows the committee's decision", ["follow* the committee s decision"])
    assert not textmatch.mentions("unshared decision power", ["share* decision power"]), "the word must start with it"
    assert not textmatch.mentions("shared decisions power", ["share* decision power"]), "the other words stay whole"
    assert textmatch.mentions("they shared the final decision", ["share* ... decision*"]), "prefixes on both sides of a gap"


def test_textmatch_a_negated_phrase_does_not_count():
    assert not textmatch.mentions("Sarannya tidak mengikat dinas.", ["mengikat dinas"])
    assert not textmatch.mentions("The advice is not binding on the office.", ["binding on"])
    assert not textmatch.mentions("The list isn't binding.", ["binding"]), "n't becomes 't' after normalising"
    assert textmatch.mentions("Keputusan forum mengikat dinas, dan dinas tidak dapat mengubahnya.", ["mengikat dinas"])
    assert textmatch.mentions("The office cannot overrule the forum.", ["cannot overrule"]), "a key may begin with a negation"
    assert textmatch.mentions("Not advice: the decision binds the office.", ["binds the"]), "only the word right before counts"


def test_code_exercise_tolerates_float_noise_and_numpy_types():
    ex = Code("t-code", both("Q"), answer=127)
    assert ex.check(127).status == CORRECT
    assert ex.check(np.int64(127)).status == CORRECT
    assert ex.check(127.0000000001).status == CORRECT
    assert ex.check(None).feedback[0]["en"].startswith("Not answered yet: replace None")


def test_code_exercise_hints_on_common_wrong_answers():
    ex = Code("t-code", both("Q"), answer=127, hints=(Hint(149, both("That is the English count.")),))
    assert ex.check(149).feedback[1]["en"] == "That is the English count."
    assert "Off by one" in ex.check(128).feedback[1]["en"]
    assert "Close, but not exact" in ex.check(120).feedback[1]["en"]
    series = ex.check(pd.Series([127, 100]))
    assert "asks for a number, but you passed a Series (one column) with 2 values" in series.feedback[1]["en"]
    assert ".loc[" in series.feedback[2]["en"] and ".sum()" not in series.feedback[2]["en"], "summing is rarely the fix"
    assert "Remove the quotation marks" in ex.check("127").feedback[2]["en"]
    assert "add () to call it" in ex.check(len).feedback[1]["en"]


def test_code_exercise_with_series_and_dataframes():
    expected = pd.Series([7.82, 8.03], index=["eviningrum-budiono", "fatmawati"], name="abstract_id")
    ex = Code(
        "t-series",
        both("Q"),
        answer=None,
        solution="(abstracts['abstract_id'].str.len() / abstracts['abstract_id'].str.split().str.len()).round(2)",
    )
    assert ex.check(expected).status == CORRECT
    assert ex.check(expected.rename("other name")).status == CORRECT, "the Series name does not matter"
    relabelled = ex.check(expected.reset_index(drop=True))
    assert "row labels (index) differ" in relabelled.feedback[1]["en"]
    assert "different order" in ex.check(expected.iloc[::-1].set_axis(expected.index)).feedback[1]["en"]
    frame = pd.DataFrame({"en": [186, 149], "id": [168, 127]}, index=["eviningrum-budiono", "fatmawati"])
    table = Code("t-frame", both("Q"), answer=values.to_json(frame))
    assert table.check(frame.astype(float)).status == CORRECT
    assert "2 rows and 1 columns" in " ".join(line["en"] for line in table.check(frame[["en"]]).feedback)


def test_values_round_trip_through_json():
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]}, index=["r1", "r2"])
    for value in [3, 2.5, "text", [1, "a"], {"k": [1, 2]}, pd.Series([1.5, float("nan")], index=["p", "q"]), frame, None, True]:
        assert values.equal(from_json(values.to_json(value)), value), value
    assert values.to_json(pd.DataFrame({"x": range(20_000)}))["__kind__"] == "too-large"


def test_ignore_order_and_index_options():
    assert values.equal([3, 1, 2], [1, 2, 3], ignore_order=True)
    assert not values.equal([3, 1, 2], [1, 2, 3])
    assert values.equal(pd.Series([1, 2], index=["x", "y"]), [1, 2], ignore_index=True)


def test_exercise_without_key_only_records():
    ex = SingleChoice("t-nokey", both("Q"), options=tuple(Choice(o.key, o.text) for o in OPTIONS), has_key=False)
    result = ex.check("b")
    assert result.status == RECORDED and result.score == 0
    assert "recorded" in result.feedback[0]["en"] and "Dosen" in result.feedback[0]["id"]


def test_seeded_order_is_stable_and_not_the_authoring_order():
    keys = list("abcd")
    assert seeded_order("00-x", keys) == seeded_order("00-x", keys)
    assert seeded_order("00-x", keys) != keys
    assert sorted(seeded_order("00-y", keys)) == keys
