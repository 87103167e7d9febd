"""No tells (issue 20): a student who learned nothing must not beat chance by habit.

``guessing_tools`` plays seven surface strategies (always true, always false, the
longest option, the shortest, the option repeating most of the question, "the
hedged statement is true", "the sceptical option is right") against the single,
true/false and multiple items; its docstring defines each strategy, the expected
score of an item and chance, and says which items are left out (code, text,
categorise, ordering: out of every denominator).

What must hold, in English and in Indonesian:

* quiz items (``use: assessment``): no strategy beats chance by more than 10
  percentage points in any lesson's quiz, nor over all quiz items; the true/false
  keys of each quiz are between 40% and 60% true;
* practice items: the same over the whole course (per lesson the sets are small
  and not yet balanced; issue 20 asks for the course-wide bound first).

The first tests check the strategies themselves on tiny hand-made items, so the
bounds cannot pass because a strategy never fires.
"""

from __future__ import annotations

import pytest
from guessing_tools import (
    BY_NAME,
    STRATEGIES,
    Item,
    Option,
    chance,
    expected_score,
    hedged,
    in_use,
    load_items,
    play,
    sceptical,
    true_share,
)

MARGIN = 0.10
LANGS = ("en", "id")
ITEMS = load_items()
QUIZ = in_use(ITEMS, "assessment")
PRACTICE = in_use(ITEMS, "practice")
QUIZ_LESSONS = sorted({i.lesson for i in QUIZ})


def _both(text: str) -> dict[str, str]:
    return {"en": text, "id": text}


def single(question: str, options: list[tuple[str, bool]]) -> Item:
    return Item("xx-single", "xx", "assessment", "single", _both(question), tuple(Option(_both(t), c) for t, c in options))


def truefalse(question: str, answer: bool) -> Item:
    return Item("xx-tf", "xx", "assessment", "truefalse", _both(question), answer=answer)


def multiple(options: list[tuple[str, bool]]) -> Item:
    return Item("xx-multi", "xx", "assessment", "multiple", _both("Which apply?"), tuple(Option(_both(t), c) for t, c in options))


# --- the strategies on hand-made items ---------------------------------------------------------


def test_length_strategies_pick_the_longest_and_the_shortest_option():
    item = single("Pick one.", [("a much longer right answer", True), ("short", False), ("mid-size one", False)])
    assert expected_score(BY_NAME["longest"], item, "en") == 1.0
    assert expected_score(BY_NAME["shortest"], item, "en") == 0.0
    tie = single("Pick one.", [("same", True), ("size", False), ("four", False), ("tiny", False)])
    assert expected_score(BY_NAME["longest"], tie, "en") == pytest.approx(0.25) == chance(tie), "a full tie is chance"


def test_overlap_picks_the_option_that_repeats_the_question():
    item = single(
        "The regency publishes its budget plan online. What does this show?",
        [("The regency publishes its budget plan", False), ("Openness", True), ("Nothing", False)],
    )
    assert expected_score(BY_NAME["overlap"], item, "en") == 0.0
    item = single("The regency publishes its budget plan online.", [("regency budget", True), ("regency", False), ("other", False)])
    assert expected_score(BY_NAME["overlap"], item, "en") == 1.0


def test_hedge_and_doubt_are_recognised_in_both_languages():
    assert hedged("The difference may not be real", "en") and hedged("Selisih itu mungkin tidak nyata", "id")
    assert hedged("Warga dapat ikut", "id") and not hedged("Warga tidak dapat ikut", "id"), "a negated dapat is no hedge"
    assert not hedged("The office decides alone", "en") and not hedged("Kantor itu memutuskan sendiri", "id")
    assert sceptical("The figures cannot tell us that", "en") and sceptical("it tells you little", "en")
    assert sceptical("selisih itu belum tentu nyata", "id") and sceptical("tidak dapat dipastikan", "id")
    assert not sceptical("The rank rose by 22 points", "en") and not sceptical("Peringkatnya naik 22 poin", "id")


def test_truefalse_verdicts_and_the_statement_after_the_lead():
    hedged_true = truefalse("A case. True or false: the plan may still work.", True)
    plain_false = truefalse("The plan always works. True or false: it is the best plan.", False)
    assert expected_score(BY_NAME["always true"], hedged_true, "en") == 1.0
    assert expected_score(BY_NAME["always false"], hedged_true, "en") == 0.0
    assert expected_score(BY_NAME["hedged"], hedged_true, "en") == 1.0
    assert expected_score(BY_NAME["hedged"], plain_false, "en") == 0.5, "no hedge in the statement itself: chance"
    assert expected_score(BY_NAME["longest"], plain_false, "en") == 0.5 == chance(plain_false)


def test_sceptical_option_in_a_single_item():
    item = single("What can we conclude?", [("We cannot tell from these figures", True), ("It rose", False), ("It fell", False)])
    assert expected_score(BY_NAME["sceptical"], item, "en") == 1.0
    two = single("What can we conclude?", [("We cannot tell", True), ("There is not enough data", False), ("It rose", False)])
    assert expected_score(BY_NAME["sceptical"], two, "en") == 0.5


def test_multiple_items_are_judged_option_by_option():
    item = multiple([("a", True), ("b", True), ("c", False), ("dddd", False)])
    assert chance(item) == 0.5
    assert expected_score(BY_NAME["always true"], item, "en") == 0.5
    assert expected_score(BY_NAME["always false"], item, "en") == 0.5
    # the longest option is ticked (wrong: 0), the other three undecided (1/2 each)
    assert expected_score(BY_NAME["longest"], item, "en") == pytest.approx(1.5 / 4)
    lopsided = multiple([("a", True), ("b", True), ("c", True), ("d", False)])
    assert expected_score(BY_NAME["always true"], lopsided, "en") == 0.75


def test_a_set_with_a_habit_fails_the_bound():
    """Six true/false items all true, as the quizzes were: 'always true' beats chance by 50 points."""
    items = [truefalse(f"True or false: claim {k}.", True) for k in range(6)]
    result = play(BY_NAME["always true"], items, "en")
    assert result.margin == pytest.approx(0.5) and result.margin > MARGIN
    assert true_share(items) == (6, 6)


# --- the banks ------------------------------------------------------------------------------------


def _message(scope: str, lang: str, result) -> str:
    return (
        f"{scope} ({lang}): the strategy '{result.strategy}' scores {result.score:.1%} on {result.items} guessable items, "
        f"chance {result.chance:.1%}: {result.margin * 100:+.1f} points, more than {MARGIN:.0%} above chance. "
        "Rewrite the items it exploits (python tests/guessing_tools.py --items lists each item's margin)"
    )


def test_every_lesson_has_a_quiz_with_guessable_items():
    assert [f"{n:02d}" for n in range(7)] == QUIZ_LESSONS, QUIZ_LESSONS
    assert all(sum(i.lesson == lesson for i in QUIZ) >= 3 for lesson in QUIZ_LESSONS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", [*QUIZ_LESSONS, "all"])
@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.name.replace(" ", "-"))
def test_no_strategy_beats_chance_in_a_quiz(strategy, lesson, lang):
    items = QUIZ if lesson == "all" else [i for i in QUIZ if i.lesson == lesson]
    result = play(strategy, items, lang)
    scope = "all quiz items" if lesson == "all" else f"quiz of lesson {lesson}"
    assert result.margin <= MARGIN, _message(scope, lang, result)


@pytest.mark.parametrize("lesson", QUIZ_LESSONS)
def test_truefalse_keys_of_a_quiz_are_balanced(lesson):
    true, total = true_share(i for i in QUIZ if i.lesson == lesson)
    if total:
        assert 0.4 <= true / total <= 0.6, f"quiz of lesson {lesson}: {true} of {total} true/false keys are true"


def test_truefalse_keys_of_all_quizzes_are_balanced():
    true, total = true_share(QUIZ)
    assert total >= 7 and 0.4 <= true / total <= 0.6, f"{true} of {total} quiz true/false keys are true"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.name.replace(" ", "-"))
def test_no_strategy_beats_chance_over_the_practice_items(strategy, lang):
    result = play(strategy, PRACTICE, lang)
    assert result.margin <= MARGIN, _message("all practice items", lang, result)
