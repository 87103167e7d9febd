"""Issue 20, point 7: a release update never changes an old answer.

A quiz is released, students answer by the letters on their screens, the
lecturer changes an item (adds an option, reorders the options, changes the
right answer) and releases again into the same folder. Grading with the one key
file then reads every answer through the release it was made in and grades a
changed item as that student's release showed it.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from key_tools import answered_quiz, bank_copy, change_item, key_json, known_secrets, letter_of, quiz_item, release_id
from submission_tools import put

from course.authoring.release import key_path, release
from course.grading.keys import _key_for, read_keys
from course.grading.run import grade
from course.intake.submissions import read_submission

LESSON = "03"
NEW_OPTION = {"key": "new-distractor", "text": {"en": "A new distractor added after the first release", "id": "Pengecoh baru"}}


def quiet(out, **kw):
    return release(out, mode="assessment", langs=["en"], lessons=[LESSON], log=lambda line: None, **kw)


@pytest.fixture
def updated(tmp_path, monkeypatch):
    """Three releases into one folder: r1, r2 (an option added), r3 (options reordered and another option made right)."""
    banks = bank_copy(tmp_path, monkeypatch)
    known_secrets(monkeypatch)
    item = quiz_item(banks, LESSON, "single")
    right = next(o["key"] for o in item["options"] if o.get("correct"))
    wrong = next(o["key"] for o in item["options"] if not o.get("correct"))
    out = tmp_path / "quiz-03"
    quiet(out)
    r1 = release_id(out)
    key = key_path(out, r1)
    order1 = key_json(key)["orders"][item["id"]]["options"]
    notebooks = {"r1": {}, "r2": {}, "r3": {}}
    notebooks["r1"]["right"] = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order1, right))})
    notebooks["r1"]["wrong"] = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order1, wrong))})

    change_item(banks, LESSON, item["id"], lambda i: i["options"].append(dict(NEW_OPTION)))
    quiet(out)
    r2 = release_id(out)
    order2 = key_json(key)["orders"][item["id"]]["options"]
    assert order2[order1.index(right)] != right, "the known secrets give the new order another option at the old right letter"
    notebooks["r2"]["right"] = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order2, right))})

    def reorder_and_change_the_right_answer(i):
        i["options"].reverse()
        for option in i["options"]:
            option["correct"] = option["key"] == wrong
            option.pop("feedback", None) if option["key"] in (right, wrong) else None

    change_item(banks, LESSON, item["id"], reorder_and_change_the_right_answer)
    quiet(out)
    r3 = release_id(out)
    order3 = key_json(key)["orders"][item["id"]]["options"]
    notebooks["r3"]["right"] = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order3, wrong))})
    notebooks["r3"]["old right"] = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order3, right))})
    return {
        "out": out,
        "key": key,
        "item": item,
        "ids": (r1, r2, r3),
        "orders": (order1, order2, order3),
        "notebooks": notebooks,
        "right": right,
        "wrong": wrong,
    }


def _points(tmp_path, notebooks: dict[str, dict], keys) -> dict[str, float]:
    subs = tmp_path / "subs"
    for student, nb in notebooks.items():
        put(subs, f"{student}_03-quiz.ipynb", nb)
    run = grade(subs, tmp_path / "grades", keys=keys, show_progress=False)
    return {g.submission.student: g for g in run.graded}


def _item_points(graded, exercise_id: str) -> float:
    return next(points for exercise, _answer, _result, points in graded.rows if exercise.id == exercise_id)


def test_an_answer_keeps_the_meaning_and_the_score_of_the_release_it_was_made_in(updated, tmp_path):
    nbs, item = updated["notebooks"], updated["item"]
    graded = _points(
        tmp_path,
        {
            "1001": nbs["r1"]["right"],  # "A" (or whichever) for the right option in r1: still right after two updates
            "1002": nbs["r1"]["wrong"],  # a wrong option in r1: still wrong, although that option is right since r3
            "1003": nbs["r2"]["right"],  # r2's order, r2's answer key
            "1004": nbs["r3"]["right"],  # r3's order and r3's answer key (the other option is right)
            "1005": nbs["r3"]["old right"],  # r1's right option, answered in r3: wrong there
        },
        [updated["key"]],
    )
    points = {student: _item_points(g, item["id"]) for student, g in graded.items()}
    full = float(item.get("points", 1))
    assert points == {"1001": full, "1002": 0.0, "1003": full, "1004": full, "1005": 0.0}


def test_the_feedback_page_of_an_old_answer_shows_the_item_as_its_release_showed_it(updated, tmp_path):
    nbs = updated["notebooks"]
    _points(tmp_path, {"1001": nbs["r1"]["right"], "1003": nbs["r2"]["right"]}, [updated["key"]])
    old, new = (_page_text(tmp_path / "grades" / "feedback" / "03-quiz" / f"{student}.html") for student in ("1001", "1003"))
    assert NEW_OPTION["text"]["en"] not in old, "the option added in r2 was not on the r1 student's screen"
    text = next(o["text"]["en"] for o in updated["item"]["options"] if o["key"] == updated["right"])
    for page, order in ((old, updated["orders"][0]), (new, updated["orders"][1])):
        shown = f"{letter_of(order, updated['right'])}. {text}"
        assert page.count(shown) == 2, f"the answer and the right answer read {shown!r}, the letter on that student's screen"


def _page_text(path) -> str:
    """A feedback page as a person reads it: the text, without markup."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_a_hub_notebook_answered_before_and_after_a_pull_is_read_record_by_record(updated, tmp_path):
    """nbgitpuller keeps a student's own notebook (stamped r1) but brings the new bank: records made after the pull say r2."""
    r1, r2, _r3 = updated["ids"]
    order2 = updated["orders"][1]
    item = updated["item"]
    nb = answered_quiz(updated["out"], LESSON, {item["id"]: ("single", letter_of(order2, updated["right"]))}, made_in=r2)
    nb["metadata"]["course"]["release"] = r1
    graded = _points(tmp_path, {"1006": nb}, [updated["key"]])
    assert _item_points(graded["1006"], item["id"]) == float(item.get("points", 1))
    assert not [n for n in graded["1006"].notes if getattr(n, "key", "") == "other_release_records"], (
        "an update of the folder is not another release"
    )


def test_the_key_file_holds_every_release_and_never_loses_an_order(updated):
    data = key_json(updated["key"])
    r1, r2, r3 = updated["ids"]
    item_id = updated["item"]["id"]
    assert len({r1, r2, r3}) == 3, "a changed item makes a new release"
    assert data["format"] == 2 and data["release"] == r1
    assert [r["release"] for r in data["releases"]] == [r1, r2, r3]
    assert [r["orders"][item_id]["options"] for r in data["releases"]] == list(updated["orders"])
    versions = [r["versions"][item_id] for r in data["releases"]]
    assert len(set(versions)) == 3 and all(v in data["items"] for v in versions)
    assert updated["orders"][2] == updated["orders"][1], "reordering the master bank keeps the letters students see"
    assert sorted(o["key"] for o in data["items"][versions[0]]["options"]) == sorted(updated["orders"][0])
    assert not list(updated["out"].rglob("*.key-*.json"))


def _format_1(key):
    """The key file as fe71133's release wrote it: one release, its orders, no versions."""
    data = key_json(key)
    first = data["releases"][0]
    old = {
        "format": 1,
        "about": "Key of an assessment release of the good-governance course. Keep it away from students: it maps "
        "the letters and the order they saw back to the answers. python -m course grade --key needs it.",
        "release": first["release"],
        "course_version": first["course_version"],
        "lessons": first["lessons"],
        "orders": first["orders"],
    }
    key.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_key_file_of_format_1_grades_as_before_and_an_update_adds_to_it(tmp_path, monkeypatch):
    banks = bank_copy(tmp_path, monkeypatch)
    known_secrets(monkeypatch)
    item = quiz_item(banks, LESSON, "single")
    right = next(o["key"] for o in item["options"] if o.get("correct"))
    out = tmp_path / "quiz-03"
    quiet(out)
    r1 = release_id(out)
    key = key_path(out, r1)
    _format_1(key)
    order1 = key_json(key)["orders"][item["id"]]["options"]
    nb = answered_quiz(out, LESSON, {item["id"]: ("single", letter_of(order1, right))})
    full = float(item.get("points", 1))
    assert _item_points(_points(tmp_path / "before", {"2001": nb}, [key])["2001"], item["id"]) == full

    change_item(banks, LESSON, item["id"], lambda i: i["options"].append(dict(NEW_OPTION)))
    quiet(out)
    data = key_json(key)
    assert data["format"] == 2 and [r["release"] for r in data["releases"]] == [r1, release_id(out)]
    assert data["releases"][0]["orders"][item["id"]]["options"] == order1, "the order r1's students saw is kept"
    assert release_id(out) != r1
    assert _item_points(_points(tmp_path / "after", {"2001": nb}, [key])["2001"], item["id"]) == full


def test_a_stampless_notebook_is_read_through_the_release_its_records_name_or_is_ambiguous(updated, tmp_path):
    from course.grading.keys import AMBIGUOUS  # the run gives such a notebook one report line naming the file

    r1, r2, _r3 = updated["ids"]
    keys = read_keys([updated["key"]])
    assert {r1, r2} <= set(keys)
    nb = json.loads(json.dumps(updated["notebooks"]["r1"]["right"]))
    del nb["metadata"]["course"]
    path = put(tmp_path / "subs", "3001_quiz.ipynb", nb)
    sub = read_submission(path, tmp_path / "subs")
    chosen = _key_for(sub, keys)
    assert chosen not in (None, AMBIGUOUS) and chosen.orders[updated["item"]["id"]]["options"] == updated["orders"][0]
    graded = _points(tmp_path / "run", {"3001": nb, "3002": updated["notebooks"]["r2"]["right"]}, [updated["key"]])
    assert _item_points(graded["3001"], updated["item"]["id"]) == float(updated["item"].get("points", 1)), "read as r1 showed it"

    for record in sub.records.values():
        record["release"] = None  # records that name no release (or none that was given): which order they saw is unknown
    assert _key_for(sub, keys) == AMBIGUOUS, "never mapped through the practice order or a guessed release"
    assert _key_for(sub, {r1: keys[r1]}).orders == keys[r1].orders, "one release given: records older than release ids take it"
    for record in sub.records.values():
        record["release"] = "abcdef123456"
    assert _key_for(sub, keys) == AMBIGUOUS
