"""The length of an option must not give the answer away, in either direction.

Issue 13 found the right option to be the longest in 7 of 18 choice items; a
test-wise student learns to pick the longest. Overcorrected, the right option is
never the longest, and the same student learns to strike it out. Across the
course's single-choice items (practice and quiz), in each language, the right
option is the strictly longest one in some items but not in most: between 10%
and 50% of them (with four options, chance would give about 25%).
"""

from __future__ import annotations

import pytest
from notebook_tools import lesson_names

from course.model.bank import find_bank
from course.model.types import MultipleChoice, SingleChoice

LESSONS = sorted({name[:2] for name in lesson_names()})


def _single_choice_items():
    for lesson in LESSONS:
        for exercise in find_bank(lesson).exercises:
            if isinstance(exercise, SingleChoice) and not isinstance(exercise, MultipleChoice):
                yield exercise


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_right_option_is_sometimes_but_not_usually_the_longest(lang):
    items = list(_single_choice_items())
    longest = []
    for exercise in items:
        right = next(o for o in exercise.options if o.correct)
        others = max(len(o.text[lang]) for o in exercise.options if o is not right)
        if len(right.text[lang]) > others:
            longest.append(exercise.id)
    share = len(longest) / len(items)
    assert 0.10 <= share <= 0.50, (
        f"{lang}: the right option is the longest in {len(longest)} of {len(items)} single-choice items "
        f"({', '.join(longest) or 'none'}); aim for about a quarter"
    )
