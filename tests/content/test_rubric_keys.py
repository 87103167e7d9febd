"""Keyword rubrics tick only what a student wrote, not what the question handed them.

A short-text item's rubric gives a ✔ for each point whose words an answer
mentions (practice feedback, and a hint for the lecturer on the review sheet).
A key that the question itself contains, a function word or a bare generic
word ("same", "sama", "nilai") ticks a point for any answer that echoes the
question, so the feedback praises what the student never said (round-4
reviews, "keyword rubrics").
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course.model import textmatch

BANKS = sorted((Path(__file__).resolve().parents[2] / "data" / "exercises").glob("*.yml"))

# Words every answer may contain whatever it says: they show no point of the rubric.
GENERIC = {
    # English function words and bare generic words
    *"a an the and or of to in on at by for with from as is are was were be it its this that these those not no".split(),  # noqa: SIM905 (a word list reads best as one line)
    *"can may must should will would do does same value values thing things way ways policy policies public government".split(),  # noqa: SIM905 (a word list reads best as one line)
    # Indonesian
    *"yang dan atau di ke dari untuk itu ini adalah ialah tidak bukan dengan pada oleh dalam akan dapat bisa harus".split(),  # noqa: SIM905 (a word list reads best as one line)
    *"sama nilai hal cara kebijakan publik pemerintah keputusan".split(),  # noqa: SIM905 (a word list reads best as one line)
}
SHORTEST_STEM = 4  # "hak*" would tick "hakim", "hakikat"; a prefix key needs at least four letters


def _text_items() -> list[tuple[str, dict]]:
    items = []
    for bank in BANKS:
        for item in (yaml.safe_load(bank.read_text(encoding="utf-8")) or {}).get("exercises", []):
            if item.get("type") == "text":
                items.append((bank.name, item))
    return items


ITEMS = _text_items()


def test_there_are_text_items() -> None:
    assert len(ITEMS) >= 10


@pytest.mark.parametrize(("bank", "item"), ITEMS, ids=[item["id"] for _, item in ITEMS])
def test_no_rubric_key_echoes_the_question_or_is_generic(bank: str, item: dict) -> None:
    questions = item.get("question") or {}
    problems = []
    for number, criterion in enumerate(item.get("rubric") or [], start=1):
        for key in criterion.get("any") or []:
            stem = textmatch.normalise(key).rstrip("*").strip()
            if stem in GENERIC:
                problems.append(f"criterion {number}: {key!r} is a generic word any answer contains")
            elif key.strip().endswith("*") and " " not in stem and len(stem) < SHORTEST_STEM:
                problems.append(f"criterion {number}: {key!r} is a prefix shorter than {SHORTEST_STEM} letters")
            for lang, question in questions.items():
                if textmatch.mentions(str(question), [key]):
                    problems.append(f"criterion {number}: {key!r} occurs in the {lang} question")
    where = f"data/exercises/{bank}, item {item['id']}"
    assert not problems, f"{where}: " + "; ".join(problems) + " (use a phrase or reason word the question does not supply)"
