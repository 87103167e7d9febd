"""Where no widget can be drawn (Colab without its widget manager, an old Notebook, a static page), an exercise still reads.

The open copy shows the question and the options as text and says, in the notebook's language, how to answer
with ``answer("id", ...)``; the call it suggests is one the course records.
"""

from __future__ import annotations

import html
import json
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
    key_lines,
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
    others = {"en": "or", "id": "atau"}[lang]
    assert f'answer("00-run-a-cell", "A")  ({others} "B", "C", "D")' in text, "every letter on screen, none singled out"
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


def listed_names(spec: dict, lang: str) -> dict[str, list[str]]:
    """The names the copy lists for answer(), by the placeholder they stand under ("" for an ordering's one list)."""
    names: dict[str, list[str]] = {}
    heading = ""
    for line in key_lines(spec, lang)[1:]:
        if re.fullmatch(r'  "<[^"]+>":', line):
            heading = line.strip()[:-1]
        else:
            names.setdefault(heading, []).append(re.match(r'\s+"([^"]+)" = ', line).group(1))
    return names


def typed_calls(spec: dict, lang: str) -> list[str]:
    """What a student types after following the example: one letter, some letters kept, the listed names put in."""
    call = answer_call(spec, lang)
    start = f"answer({json.dumps(spec['id'])}, "
    if spec["kind"] == "truefalse":
        return call.split(" / ")
    if spec["kind"] == "single":
        match = re.fullmatch(re.escape(start) + r'"A"\)(?:  \(\w+ ((?:"[A-Z]"(?:, )?)+)\))?', call)
        assert match, call
        return [f'{start}"{letter}")' for letter in ["A", *re.findall(r"[A-Z]", match.group(1) or "")]]
    if spec["kind"] == "multiple":
        match = re.fullmatch(re.escape(start) + r'"([A-Z](?:, [A-Z])*)"\)  \([^()]+\)', call)
        assert match, call
        letters = match.group(1).split(", ")
        kept = [letters, letters[:1], letters[-1:], letters[::2]]  # all, one, another, some
        return [f'{start}"{", ".join(choice)}")' for choice in kept]
    if spec["kind"] == "text":
        return [call.replace("…", "Accountability means answering for decisions.")]
    names = listed_names(spec, lang)
    if spec["kind"] == "ordering":
        match = re.fullmatch(re.escape(start) + r'\[((?:"<[^"]+>"(?:, )?)+)\]\)  \([^()]+\)', call)
        assert match, call
        placeholders = re.findall(r'"<[^"]+>"', match.group(1))
        assert len(placeholders) == len(names[""]), "one place for every listed name"
        typed = match.group(1)
        for name in reversed(names[""]):  # any order the student chooses
            typed = typed.replace(placeholders[0], json.dumps(name), 1)
        return [f"{start}[{typed}])"]
    match = re.fullmatch(re.escape(start) + r'\{("<[^"]+>"): ("<[^"]+>"), \.\.\.\}\)  \([^()]+\)', call)
    assert match, call
    items, categories = names[match.group(1)], names[match.group(2)]
    assert [row["key"] for row in spec["rows"]] == items and [o["value"] for o in spec["options"]] == categories
    pairs = ", ".join(f"{json.dumps(item)}: {json.dumps(categories[n % len(categories)])}" for n, item in enumerate(items))
    return [f"{start}{{{pairs}}})"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_suggested_call_is_an_answer_the_course_records(lang):
    """The example, once the student makes the choice it asks for, is an answer answer() accepts and the course stores."""
    kinds = set()
    for exercise in widget_exercises():
        spec = build_spec(exercise, lang, "practice", 1)
        for call in typed_calls(spec, lang):
            match = re.fullmatch(r'answer\("([^"]+)", (.*)\)', call)
            assert match and match.group(1) == exercise.id, call
            response = eval(match.group(2), {"True": True, "False": False})  # the literal a student would type
            stored = exercise.from_response(response)
            assert exercise.response_problem(response, stored) is None, call
            assert not exercise.is_empty(stored), call
            if exercise.kind != "text":
                assert schema.answer_problem(exercise.kind, stored) is None, call
            kinds.add(exercise.kind)
    assert {"single", "multiple", "truefalse", "categorise", "ordering", "text"} <= kinds


def test_sorting_and_ordering_copies_name_the_keys_answer_takes():
    exercise = next(e for e in widget_exercises() if e.kind == "categorise")
    spec = build_spec(exercise, "id", "practice", 1)
    text = visible_fallback_text(spec, None, "id")
    assert "Nama yang dipakai dalam answer():" in text
    for row in spec["rows"]:
        assert f'"{row["key"]}" = {row["label"]}' in text
    assert text.index('  "<nama butir>":') < text.index(f'"{spec["rows"][0]["key"]}" = ') < text.index('  "<nama kategori>":'), (
        "items under the placeholder for items, categories under the one for categories"
    )
    assert '{"<nama butir>": "<nama kategori>", ...}' in text.splitlines()[-1]


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
