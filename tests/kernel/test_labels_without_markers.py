"""The exercise form draws option and row labels as text: no raw *emphasis* markers may reach the screen."""

from __future__ import annotations

import re

import pytest

from course.kernel.fallback import visible_fallback_text
from course.kernel.render import build_spec
from course.model.bank import bank_paths, load_bank

MARKERS = re.compile(r"(?<![\w*])\*+[^*\n]+\*+(?![\w*])")


def _specs() -> list[tuple[str, str, dict]]:
    specs = []
    for path in bank_paths():
        for exercise in load_bank(path).exercises:
            for lang in ("en", "id"):
                try:
                    specs.append((exercise.id, lang, build_spec(exercise, lang, "practice")))
                except TypeError:  # code exercises have no widget
                    continue
    return specs


SPECS = _specs()


def test_some_bank_labels_carry_markers_so_the_test_can_fail():
    raw = [
        option
        for path in bank_paths()
        for exercise in load_bank(path).exercises
        for option in re.findall(r"\*[^*\n]+\*", str(exercise.widget_spec("en") if exercise.kind != "code" else ""))
    ]
    assert raw, "no bank label has *emphasis*: this test no longer checks anything"


@pytest.mark.parametrize(("exercise_id", "lang", "spec"), SPECS, ids=[f"{e}-{lang}" for e, lang, _ in SPECS])
def test_labels_on_screen_and_in_the_text_copy_have_no_markers(exercise_id, lang, spec):
    labels = [item["label"] for part in ("choices", "options", "rows") for item in spec.get(part, [])]
    shown = [label for label in labels if MARKERS.search(label)]
    assert not shown, f"{exercise_id} ({lang}): {shown}"
    assert not MARKERS.search("\n".join(visible_fallback_text(spec, None, lang).splitlines()[2:])), exercise_id
