"""The course as a whole: every lesson is complete, and every concept is taught and exercised."""

from __future__ import annotations

import re

import pytest
from notebook_tools import code_sources, lesson_names, markdown, read

from course.library.concepts import load_concepts
from course.model.bank import bank_paths, load_bank

LESSONS = [f"{n:02d}" for n in range(7)]
BANKS = {path.name.split("-")[0]: load_bank(path) for path in bank_paths()}
NOTEBOOK_OF = {name.split("-")[0]: name for name in lesson_names()}


def test_all_seven_lessons_exist_in_both_languages_with_a_bank():
    assert sorted(NOTEBOOK_OF) == LESSONS
    assert sorted(BANKS) == LESSONS


@pytest.mark.parametrize("lesson", LESSONS[1:])
def test_each_lesson_has_enough_varied_exercises_with_code(lesson):
    kinds = [e.kind for e in BANKS[lesson].for_mode("practice").exercises]
    assert len(kinds) >= 6, f"lesson {lesson}: {len(kinds)} exercises, at least 6 needed"
    assert len(set(kinds)) >= 4, f"lesson {lesson}: only types {sorted(set(kinds))}"
    assert "code" in kinds, f"lesson {lesson}: no code exercise"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_shows_every_exercise_of_its_bank_in_order_and_loads_the_abstracts(lesson):
    code = "\n".join(code_sources(read("en", NOTEBOOK_OF[lesson])))
    assert "course.load_abstracts()" in code
    assert f'course.start_lesson("{lesson}")' in code
    shown = re.findall(r'show\("([^"]+)"\)', code)
    assert shown == [e.id for e in BANKS[lesson].for_mode("practice").exercises], "every practice exercise is shown once, in bank order"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_quiz_shows_every_assessment_item_of_its_bank_in_order(lesson):
    quiz = read("en", f"{lesson}-quiz.ipynb")
    shown = re.findall(r'show\("([^"]+)"\)', "\n".join(code_sources(quiz)))
    assert shown == [e.id for e in BANKS[lesson].for_mode("assessment").exercises], "every quiz item is shown once, in bank order"


def test_exercises_name_only_known_concepts():
    known = {c.id for c in load_concepts()}
    for bank in BANKS.values():
        for exercise in bank.exercises:
            assert set(exercise.concepts) <= known, f"{exercise.id}: unknown concepts {set(exercise.concepts) - known}"


@pytest.mark.parametrize("concept", load_concepts(), ids=lambda c: c.id)
def test_every_concept_is_named_in_a_lesson_and_exercised(concept):
    for lang in ("en", "id"):
        text = " ".join(" ".join(markdown(read(lang, name))) for name in NOTEBOOK_OF.values()).casefold()
        names = [concept.name[lang].casefold(), *concept.terms.get(lang, [])]
        assert any(name in text for name in names), f"'{concept.name[lang]}' is never named in the {lang} lessons"
    exercised = [e.id for bank in BANKS.values() for e in bank.exercises if concept.id in e.concepts]
    assert exercised, f"no exercise lists the concept '{concept.id}'"
