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


# Round-7 review (EN 04-M1): running a service together is co-managing; "jointly", "schedule"
# and "money" must not add up to a full co-steering answer, and "non-binding" is not "binding".
CO_MANAGING = {
    "en": (
        "Residents and the sanitation office jointly run the ward's waste bank every week, following a schedule"
        " they share; the office provides trucks and residents sort waste, which earns the group money."
    ),
    "id": (
        "Warga dan dinas kebersihan bersama-sama menjalankan bank sampah kelurahan setiap minggu menurut jadwal"
        " bersama; dinas menyediakan truk dan warga memilah sampah, yang menghasilkan uang bagi kelompok."
    ),
}
# Round 20: however a negation is worded ("tidak bersifat mengikat", "not binding on"), it is not "binding".
NOT_BINDING = [
    ("en", "The city office and residents' groups meet in a forum; its budget advice is non-binding and not binding on the office."),
    ("en", "Residents advise the office in a forum; the advice is not binding on the office."),
    ("id", "Dinas kota dan kelompok warga bertemu dalam forum; sarannya tentang anggaran tidak mengikat dinas."),
    ("id", "Forum warga memberi saran kepada dinas; saran itu tidak bersifat mengikat dan tidak mengikat dinas."),
]


@pytest.mark.parametrize("language", ["en", "id"])
def test_running_a_service_together_is_not_a_shared_binding_decision(language):
    met = ITEM.mentioned(CO_MANAGING[language])
    binding = ITEM.rubric[3]
    assert binding not in met, binding.label[language]
    assert len(met) < len(ITEM.rubric)


@pytest.mark.parametrize(("language", "text"), NOT_BINDING)
def test_non_binding_advice_is_not_a_binding_decision(language, text):
    assert ITEM.rubric[3] not in ITEM.mentioned(text), ITEM.rubric[3].label[language]


def test_the_rubric_asks_what_makes_the_decision_binding():
    """Round-7 review (ID 04-2): the question asks what keeps the government to the result."""
    assert any("binding" in c.label["en"] and "Names what" in c.label["en"] for c in ITEM.rubric)
