"""Where no widget can be drawn (Colab without its widget manager, an old Notebook, a static page), an exercise still reads.

The open copy shows the question and the options as text and says, in the notebook's language, how to answer
with ``answer("id", ...)``; the call it suggests is one the course records.
"""

from __future__ import annotations

import html
import re
import sys
import types

import pytest

from course.kernel import session
from course.kernel.fallback import (
    OpenFallback,
    answer_call,
    fallback_html,
    front_end_fallback,
    visible_fallback_html,
    visible_fallback_text,
)
from course.kernel.render import build_spec
from course.model import schema
from course.model.bank import bank_paths, load_bank


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def widget_exercises():
    for path in bank_paths():
        for exercise in load_bank(path).exercises:
            if not exercise.answered_with_check:
                yield exercise


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_open_copy_shows_question_options_and_the_answer_call_in_the_notebooks_language(lang):
    exercise = load_bank(next(p for p in bank_paths() if p.name.startswith("00-"))).get("00-run-a-cell")
    spec = build_spec(exercise, lang, "practice", 1)
    text = visible_text(visible_fallback_html(spec, None, lang))
    assert spec["question"] in " ".join(text.split()) or spec["question"].split()[0] in text
    for choice in spec["choices"]:
        assert f"( ) {choice['label']}" in text, "every option, with the letter answer() takes"
    howto = {
        "en": "No form to click here? Answer in a code cell, for example:",
        "id": "Formulir tidak tampil di sini? Jawablah di sel kode",
    }
    assert howto[lang] in text
    assert 'answer("00-run-a-cell", "B")' in text
    assert "hidden" not in visible_fallback_html(spec, None, lang).split(">")[0], "open, not hidden behind a style"
    static = visible_fallback_text(spec, None, lang, static=True)
    assert {"en": "This page runs no code", "id": "Halaman ini tidak menjalankan kode"}[lang] in static


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_copy_an_old_notebook_shows_also_says_how_to_answer(lang):
    """The hidden copy saved with each widget (shown where no widget manager runs) ends with the answer() line too."""
    exercise = load_bank(next(p for p in bank_paths() if p.name.startswith("03-"))).get("03-sort-measures")
    spec = build_spec(exercise, lang, "practice", 1)
    text = visible_text(fallback_html(spec, None, lang))
    assert {"en": "No form to click here?", "id": "Formulir tidak tampil di sini?"}[lang] in text
    assert 'answer("03-sort-measures", {' in text
    assert all(f'"{row["key"]}"' in text for row in spec["rows"]), "the names answer() takes for each row"


def test_every_suggested_call_is_an_answer_the_course_records():
    kinds = set()
    for exercise in widget_exercises():
        spec = build_spec(exercise, "en", "practice", 1)
        call = answer_call(spec)
        match = re.fullmatch(r'answer\("([^"]+)", (.*?)\)(?: / answer\("[^"]+", False\))?', call)
        assert match and match.group(1) == exercise.id, call
        response = eval(match.group(2), {"True": True, "False": False})  # the literal a student would type
        if exercise.kind == "text":
            continue  # the student writes the words; "…" only shows where they go
        stored = exercise.from_response(response)
        assert exercise.response_problem(response, stored) is None, call
        assert schema.answer_problem(exercise.kind, stored) is None, call
        kinds.add(exercise.kind)
    assert {"single", "multiple", "truefalse", "categorise", "ordering"} <= kinds


def test_sorting_and_ordering_copies_name_the_keys_answer_takes():
    exercise = next(e for e in widget_exercises() if e.kind == "categorise")
    spec = build_spec(exercise, "id", "practice", 1)
    text = visible_fallback_text(spec, None, "id")
    assert "Nama yang dipakai dalam answer():" in text
    for row in spec["rows"]:
        assert f'"{row["key"]}" = {row["label"]}' in text


def test_in_colab_the_widget_gets_an_open_text_copy(lesson, monkeypatch):
    monkeypatch.setitem(sys.modules, "google", types.ModuleType("google"))
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    lesson("id")
    shown = []
    monkeypatch.setattr(session, "display", lambda *objs, raw=False, display_id=None: shown.extend(objs))
    session.show("00-fewer-words")
    copies = [obj for obj in shown if isinstance(obj, OpenFallback)]
    assert len(copies) == 1
    bundle = copies[0]._repr_mimebundle_()
    assert "answer(&quot;00-fewer-words&quot;, True) / answer(&quot;00-fewer-words&quot;, False)" in bundle["text/html"]
    assert (
        'answer("00-fewer-words", True) / answer("00-fewer-words", False)' in bundle["text/plain"]
        and "Jawablah di sel kode" in bundle["text/plain"]
    )


def test_outside_colab_nothing_is_added_under_the_widget():
    assert front_end_fallback({"id": "00-x", "kind": "truefalse"}, "en") == []
