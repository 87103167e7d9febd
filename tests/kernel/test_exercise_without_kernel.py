"""What a widget exercise shows when its widget cannot be drawn (a reopened notebook, a new kernel).

The browser side (the restart message, the reopened notebook) is in tests/browser/test_restart_and_reopen.py.
"""

from __future__ import annotations

import html
import re

from course.kernel import session
from course.kernel.fallback import WIDGET_OUTPUT


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", markup))


def test_the_record_carries_a_hidden_copy_of_the_question_and_the_saved_answer(lesson):
    lesson("id")
    lesson.shown.clear()
    session.show("00-run-a-cell")
    _widget, rec = lesson.shown
    markup = rec["obj"]["text/html"]
    assert '<div class="course-fallback" hidden' in markup, "hidden unless the widget cannot be drawn"
    assert f".jp-OutputArea:has(> .jp-OutputArea-child > {WIDGET_OUTPUT}) .course-fallback {{ display: block; }}" in markup, (
        "the style shows it only then"
    )
    text = visible_text(markup)
    assert "Latihan 1" in text and "( ) C. Shift + Enter" in text
    assert "Jalankan sel ini (Shift+Enter) untuk menjawab atau mengubah jawaban Anda." in text
    assert "Catatan jawaban" in text, "the record line stays"

    session.answer("00-run-a-cell", "C")
    updated = [bundle for bundle, display_id in lesson.updates if display_id == "course-answer-00-run-a-cell"][-1]
    assert "(x) C. Shift + Enter" in visible_text(updated["text/html"]), "each answer refreshes the copy saved in the notebook"


def test_the_copy_is_in_english_in_an_english_notebook_and_code_exercises_need_none(lesson):
    lesson("en")
    lesson.shown.clear()
    session.show("00-judge-a-coding")
    session.show("00-count-indonesian-words")
    text_rec, code_rec = lesson.shown[1], lesson.shown[3]
    assert "Run this cell (Shift+Enter) to answer or to change your answer." in visible_text(text_rec["obj"]["text/html"])
    assert "course-fallback" not in code_rec["obj"]["text/html"], "a code exercise's question is plain output already"


def test_the_widgets_text_twin_ends_with_the_same_line_for_untrusted_notebooks(lesson):
    lesson("id")
    view = session.build_view("00-fewer-words")
    assert view.text().splitlines()[-1] == "▶ Jalankan sel ini (Shift+Enter) untuk menjawab atau mengubah jawaban Anda."


def test_the_browser_gets_the_restart_messages_in_the_notebooks_language(lesson):
    lesson("id")
    labels = session.build_view("00-fewer-words").spec["labels"]
    assert labels["kernel_restarted"] == (
        "Kernel dimulai ulang: jalankan lagi sel persiapan di bagian atas, lalu sel ini (Shift+Enter pada masing-masing)."
    )
    assert "Shift+Enter" in labels["no_reply"]
    lesson("en")
    restarted = session.build_view("00-fewer-words").spec["labels"]["kernel_restarted"]
    assert restarted == "Kernel restarted: run the set-up cell at the top again, then this cell (Shift+Enter on each)."
