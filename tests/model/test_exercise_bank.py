"""Exercise banks: the course's banks are valid, and a lecturer's bad bank gets clear, located messages."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course.errors import BankError
from course.model.bank import bank_paths, check_bank, find_bank, load_bank
from course.model.types import TYPES

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
lesson: "09"
title: {en: Test, id: Uji}
exercises:
  - id: 09-one
    type: single
    question: {en: "Which one?", id: "Yang mana?"}
    options:
      - {key: right, text: {en: A, id: A}, correct: true}
      - {key: wrong, text: {en: B, id: B}}
"""


def write(tmp_path: Path, text: str, name: str = "09-test.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", bank_paths(), ids=lambda p: p.name)
def test_course_banks_are_valid_and_bilingual(path):
    assert check_bank(path) == []
    bank = load_bank(path)
    assert bank.lesson == path.name.split("-")[0]
    for exercise in bank.exercises:
        assert exercise.id.startswith(bank.lesson + "-"), "ids start with the lesson number"
        assert exercise.question["en"] and exercise.question["id"]


def test_lesson_00_has_every_exercise_type():
    assert {e.kind for e in find_bank("00").exercises} == set(TYPES)


def test_code_solutions_evaluate():
    for path in bank_paths():
        for exercise in load_bank(path).exercises:
            if exercise.kind == "code":
                assert exercise.expected() is not None, exercise.id


BAD_BANKS = {
    "unknown type": (
        GOOD.replace("type: single", "type: singel"),
        "line 5: exercise '09-one': unknown type 'singel'. Fix: did you mean 'single'?",
    ),
    "missing translation": (
        GOOD.replace('{en: "Which one?", id: "Yang mana?"}', '{en: "Which one?"}'),
        "line 6: exercise '09-one': missing Indonesian translation of 'question'",
    ),
    "one-language string": (GOOD.replace('{en: "Which one?", id: "Yang mana?"}', '"Which one?"'), "'question' has only one language"),
    "no correct option": (GOOD.replace(", correct: true", ""), "needs exactly one option with 'correct: true' (found 0)"),
    "duplicate id": (GOOD + GOOD.split("exercises:\n")[1], "line 10: exercise '09-one': duplicate id (first used on line 4)"),
    "misspelt field": (GOOD.replace("options:", "optoins:"), "unknown field 'optoins'. Fix: did you mean 'options'?"),
    "answer not among categories": (
        GOOD.replace("type: single", "type: categorise").replace("options:", "categories:")
        + "    items:\n      - {key: i, text: {en: I, id: I}, category: zz}\n      - {key: j, text: {en: J, id: J}, category: right}\n",
        "category 'zz' is not among the categories (right, wrong)",
    ),
    "true/false in quotes": (
        GOOD.replace("type: single", "type: truefalse").split("    options:")[0] + '    answer: "yes"\n',
        "'answer' must be true or false",
    ),
    "bad solution": (
        GOOD.replace("type: single", "type: code").split("    options:")[0] + '    solution: "abstracts[["\n',
        "the solution is not a valid Python expression",
    ),
    "code without answer": (
        GOOD.replace("type: single", "type: code").split("    options:")[0],
        "needs either 'answer' (a value) or 'solution'",
    ),
    "text without rubric": (GOOD.replace("type: single", "type: text").split("    options:")[0], "'rubric' needs at least one criterion"),
    "bad yaml": (GOOD.replace("    type: single", "   type: single"), "line 5: this is not valid YAML"),
    "no exercises": ('lesson: "09"\ntitle: {en: T, id: T}\nexercises: []\n', "'exercises' must be a non-empty list"),
    "single-letter option key": (
        GOOD.replace("key: right", "key: c"),
        "line 8: exercise '09-one': option key 'c' is a single letter, which students would take for the letter shown on screen",
    ),
    "unknown use": (GOOD.replace("    type: single", "    type: single\n    use: exam"), "unknown use 'exam'"),
    "zero points": (GOOD.replace("    type: single", "    type: single\n    points: 0"), "'points' must be a positive number"),
}


@pytest.mark.parametrize("case", sorted(BAD_BANKS))
def test_bad_bank_messages_name_file_line_and_fix(tmp_path, case):
    text, expected = BAD_BANKS[case]
    problems = [str(p) for p in check_bank(write(tmp_path, text))]
    assert problems, f"{case}: no problem reported"
    assert all(p.startswith("09-test.yml") for p in problems)
    assert any(expected in p for p in problems), problems
    with pytest.raises(BankError):
        load_bank(tmp_path / "09-test.yml")


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("type: single", "type: singel") + GOOD.split("exercises:\n")[1].replace('id: "Yang mana?"', 'id: ""')
    problems = check_bank(write(tmp_path, text))
    assert len(problems) == 3  # unknown type, duplicate id, empty translation


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True, timeout=120)


def test_cli_check_exercises_ok_on_the_course_banks():
    result = run_cli("check-exercises", str(ROOT / "data" / "exercises"))
    assert result.returncode == 0 and "OK" in result.stdout and not result.stderr


def test_cli_check_exercises_reports_and_exits_1_without_traceback(tmp_path):
    write(tmp_path, BAD_BANKS["unknown type"][0])
    write(tmp_path, GOOD, name="10-copy.yml")
    result = run_cli("check-exercises", str(tmp_path))
    assert result.returncode == 1
    assert "unknown type 'singel'" in result.stdout
    assert result.stderr == "" and "Traceback" not in result.stdout


def test_cli_reports_the_same_id_in_two_banks(tmp_path):
    write(tmp_path, GOOD)
    write(tmp_path, GOOD, name="10-copy.yml")
    result = run_cli("check-exercises", str(tmp_path))
    assert result.returncode == 1 and "also defined in 09-test.yml" in result.stdout


def test_cli_missing_path(tmp_path):
    result = run_cli("check-exercises", str(tmp_path / "nope.yml"))
    assert result.returncode == 1 and "file not found" in result.stdout and not result.stderr


def test_stripped_bank_gives_nothing_away_and_still_loads(tmp_path):
    import yaml

    from course.model.bank import LETTERS, strip_keys

    source = bank_paths()[3]
    stripped, orders = strip_keys(source, "a-secret", mode="practice")
    text = yaml.safe_dump(stripped, allow_unicode=True, sort_keys=False)
    for secret in (
        "correct:",
        "category:",
        "rubric:",
        "solution:",
        "model_answer:",
        "explanation:",
        "hints:",
        "feedback:",
        "concepts:",
        "use:",
    ):
        assert secret not in text, f"{secret} leaked into the student copy"
    original = load_bank(source)
    order = next(e for e in original.exercises if e.kind == "ordering")
    copied = next(e for e in stripped["exercises"] if e["id"] == order.id)
    assert [i["key"] for i in copied["items"]] == orders[order.id]["items"], "items are stored in the order students see"
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    assert check_bank(path) == []
    bank = load_bank(path)
    assert bank.mode == "assessment" and not bank.has_keys
    sample = {"single": "A", "multiple": ["A"], "truefalse": True, "categorise": {"x": "y"}, "ordering": ["x"], "text": "x", "code": 1}
    assert all(e.check(sample[e.kind]).status == "recorded" for e in bank.exercises)
    assert all(e.check([[1]]).status == "incorrect" for e in bank.exercises if e.kind != "code"), "a wrong shape is refused, not recorded"
    assert [c.key for c in bank.get(order.id).display_order()] == orders[order.id]["items"], (
        "no shuffle on top: the file order is the screen order"
    )
    single = next(e for e in original.exercises if e.kind == "single")
    copy = bank.get(single.id)
    assert [c.key for c in copy.display_order()] == list(LETTERS[: len(single.options)]), "options are renamed to the letters shown"
    by_key = {o.key: o for o in single.options}
    assert [c.text for c in copy.display_order()] == [by_key[k].text for k in orders[single.id]["options"]], (
        "the key file maps each letter back"
    )
    _again, other = strip_keys(source, "another-secret", mode="practice")
    assert other != orders, "every release has its own order"


SCHEMA_CASES = {
    "min_words as text": (
        GOOD.replace("type: single", "type: text").split("    options:")[0]
        + "    min_words: ten\n    rubric:\n      - {label: {en: L, id: L}, any: [x]}\n",
        "line 7",
        "at 'min_words' must be integer",
    ),
    "shuffle as text": (
        GOOD.replace("    type: single", "    type: single\n    shuffle: sometimes"),
        "line 6",
        "at 'shuffle' must be boolean",
    ),
    "tolerance as text": (
        GOOD.replace("type: single", "type: code").split("    options:")[0] + "    answer: 3\n    tolerance: small\n",
        "line 8",
        "at 'tolerance' must be number",
    ),
    "lesson as a number": (GOOD.replace('lesson: "09"', "lesson: 9"), "line 1", "the bank at 'lesson' must be string"),
    "rubric word list as text": (
        GOOD.replace("type: single", "type: text").split("    options:")[0]
        + "    rubric:\n      - {label: {en: L, id: L}, any: [x], points: many}\n",
        "line 8",
        "at 'rubric[0].points' must be number",
    ),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_the_bank_schema_catches_what_the_friendly_checks_let_through(tmp_path, case):
    text, line, words = SCHEMA_CASES[case]
    problems = [str(p) for p in check_bank(write(tmp_path, text))]
    assert any(line in p and words in p and "bank.schema.json" in p for p in problems), problems
    with pytest.raises(BankError):
        load_bank(tmp_path / "09-test.yml")


def test_the_bank_schema_is_valid_json_schema_and_every_shipped_bank_matches_it():
    import json

    import jsonschema
    import yaml

    from course.model.schema import SCHEMAS

    for path in SCHEMAS.glob("*.schema.json"):
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    bank_schema = json.loads((SCHEMAS / "bank.schema.json").read_text(encoding="utf-8"))
    for path in bank_paths():
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), bank_schema)


def test_cli_output_into_a_closed_pipe_ends_quietly(monkeypatch):
    import io
    import os

    from course.__main__ import main

    class ClosedPipe(io.StringIO):
        """What stdout is once ``| head -1`` has read its line."""

        def __init__(self):
            super().__init__()
            self.descriptor = os.open(os.devnull, os.O_WRONLY)

        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self):
            return self.descriptor

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["check-exercises", str(ROOT / "data" / "exercises")]) == 1, "no traceback, a quiet exit"
