"""One home per exercise type: every registered type answers every question the course asks it,
the registry agrees with the schemas, and one letter-to-key conversion serves the grader and the kernel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.grading import keys, scoring
from course.grading.screen import practice_screen
from course.model import vocabulary
from course.model.bank import KEY_FIELDS, bank_paths, load_bank, option_key_for_letter
from course.model.exercises import TYPES, Exercise, single

SCHEMAS = Path(__file__).resolve().parents[2] / "course" / "model" / "schemas"
CAPABILITIES = (
    "normalise",
    "from_response",
    "from_release_letters",
    "_check",
    "describe_answer",
    "describe_key",
    "from_bank",
    "check_bank_entry",
    "widget_spec",
)
EXERCISES = [e for path in bank_paths() for e in load_bank(path).exercises]


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_every_type_has_each_capability(kind):
    cls = TYPES[kind]
    assert cls.kind == kind
    for name in CAPABILITIES:
        assert callable(getattr(cls, name, None)), (kind, name)
    for name in ("describe_key", "from_bank", "check_bank_entry", "widget_spec", "_check"):
        assert getattr(cls, name) is not getattr(Exercise, name), f"{kind} does not define {name}"
    assert set(cls.title) == set(vocabulary.LANGUAGES) and set(cls.expected_shape) == set(vocabulary.LANGUAGES)
    assert cls.bank_fields and cls.key_fields <= KEY_FIELDS


def test_every_type_in_the_banks_describes_checks_and_draws_itself():
    assert {e.kind for e in EXERCISES} == set(TYPES)
    for exercise in EXERCISES:
        screen = practice_screen(exercise)
        assert exercise.describe_key("en", screen), exercise.id
        assert exercise.check(None).status == vocabulary.UNANSWERED
        spec = exercise.widget_spec("id")
        assert (spec is None) == exercise.answered_with_check, exercise.id


def test_the_registry_kinds_are_the_kinds_the_schemas_allow():
    bank_kinds = _schema("bank")["definitions"]["common"]["properties"]["type"]["enum"]
    record_kinds = _schema("answer-record")["properties"]["type"]["enum"]
    assert list(TYPES) == bank_kinds == record_kinds == list(vocabulary.KINDS)
    assert set(TYPES) <= set(_schema("answers")["definitions"])


def _patterns(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                found.append(value)
            else:
                _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def test_the_schemas_use_the_vocabulary_patterns():
    record = _schema("answer-record")["properties"]
    assert record["lesson"]["pattern"] == vocabulary.LESSON.pattern
    assert record["exercise"]["pattern"] == vocabulary.EXERCISE_ID.pattern
    assert record["mode"]["enum"] == list(vocabulary.MODES)
    bank = _schema("bank")
    assert bank["properties"]["lesson"]["pattern"] == vocabulary.LESSON.pattern
    assert bank["properties"]["mode"]["enum"] == list(vocabulary.MODES)
    assert bank["definitions"]["common"]["properties"]["id"]["pattern"] == vocabulary.EXERCISE_ID.pattern
    assert bank["definitions"]["common"]["properties"]["use"]["enum"] == list(vocabulary.USES)
    assert bank["definitions"]["key"]["pattern"] == f"^{vocabulary.OPTION_KEY_PATTERN}$"
    assert sorted(bank["definitions"]["bilingual"]["required"]) == sorted(vocabulary.LANGUAGES)
    known = {vocabulary.LESSON.pattern, vocabulary.EXERCISE_ID.pattern, vocabulary.RELEASE_ID.pattern, f"^{vocabulary.OPTION_KEY_PATTERN}$"}
    for name in ("answer-record", "answer-store", "bank", "notebook", "release-key"):
        for pattern in _patterns(_schema(name), []):
            if "a-z0-9][a-z0-9-]" in pattern or pattern.startswith("^[0-9]{2}") or "0-9a-f]{6" in pattern:
                assert pattern in known, (name, pattern)


CHOICES = [e for e in EXERCISES if e.screen_field == "options"]


def _release_copy(exercise, order):
    """The exercise as an assessment release ships it: options in the release's order, no shuffling."""
    options = tuple(o for key in order for o in exercise.options if o.key == key)
    return type(exercise)(**{**exercise.__dict__, "options": options, "shuffle": False})


@pytest.mark.parametrize("letter", ["A", "b", " C ", "d", "Z"])
def test_one_letter_to_key_conversion_serves_grader_and_kernel(letter, monkeypatch):
    real, calls = single.key_for_letter, []
    monkeypatch.setattr(single, "key_for_letter", lambda *args: calls.append(args) or real(*args))
    for exercise in CHOICES:
        order = list(reversed(exercise.master_keys()))  # a release's order, unlike the practice order
        expected = real(letter, order)
        key = keys.ReleaseKey("r", {exercise.id: {"options": order}})
        given = [letter] if exercise.kind == "multiple" else letter
        graded = scoring._answer_of(exercise, {"mode": "assessment", "answer": given}, key)
        kernel = _release_copy(exercise, order).from_response(given)
        if exercise.kind == "multiple":
            assert graded == ([expected] if expected else []), (exercise.id, letter)
            assert kernel == ([expected] if expected else [letter]), (exercise.id, letter)
        else:
            assert graded == expected, (exercise.id, letter)
            assert kernel == (expected or letter), (exercise.id, letter)
        assert option_key_for_letter(exercise, letter, order) == expected
    assert calls, "the grader and the kernel go through key_for_letter"


def test_lower_and_upper_case_letters_mean_the_same_option():
    for exercise in CHOICES:
        order = exercise.shown_keys()
        for n, key in enumerate(order):
            assert exercise.key_for_letter(chr(65 + n)) == exercise.key_for_letter(chr(97 + n)) == key
