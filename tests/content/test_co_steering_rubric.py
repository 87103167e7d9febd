"""Lesson 04's short text on co-steering must not reward the confusion the lesson warns against (review 2026-12-07, 04-M5).

A forum where people only talk about the budget is consultation: naming the topic of a decision
(budget, priorities) must not count as saying that the decision is shared and binding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.model.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank(ROOT / "data" / "exercises" / "04-empowerment-and-co-governance.yml")
ITEM = next(e for e in BANK.exercises if e.id == "04-describe-co-steering")

TALK_ONLY = {
    "en": "In my city the planning office and residents' associations meet in a forum where they talk about the budget.",
    "id": "Di kota saya, dinas dan paguyuban warga bertemu dalam forum untuk membicarakan anggaran dan prioritas kelurahan.",
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_naming_both_sides_and_the_topic_of_a_talk_does_not_meet_every_point(language):
    met = ITEM.mentioned(TALK_ONLY[language])
    assert len(met) < len(ITEM.rubric), [c.label[language] for c in met]


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_model_answer_meets_every_point(language):
    assert ITEM.mentioned(ITEM.model_answer[language]) == list(ITEM.rubric)
