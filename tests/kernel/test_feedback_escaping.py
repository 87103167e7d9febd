"""The feedback under an exercise and a code exercise's question escape what they show: a feedback line, a note, a
question or an exercise id holding ``<script>``, quotes or ``</div>`` reads as text and never adds or breaks a tag
(the HTML comes from the autoescaped macros of course/kernel/templates/exercise.html)."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.kernel import render
from course.kernel.render import ExerciseWidget, code_question_bundle, feedback_bundle
from course.model.bank import bank_paths, load_bank
from course.model.exercises import Exercise, Result
from course.model.vocabulary import CORRECT, INCORRECT, PARTIAL, RECORDED, REVIEW, UNANSWERED

# No ` or * (the bank's markdown turns those into tags on purpose) and no blank line (a <br> on purpose).
ATTACK = '<script>alert("x")</script> "quoted" \'single\' </div></li></ul><img src=x onerror=alert(1)> &amp; {id}'
STATUSES = (CORRECT, PARTIAL, INCORRECT, RECORDED, UNANSWERED, REVIEW)
LANGUAGES = ("en", "id")


class Structure(HTMLParser):
    """A page as a browser reads it: its tags with the names of their attributes, the attributes' values, its text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[str]]] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, []))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def reads(self) -> str:
        return "".join(self.text)


def exercise(exercise_id: str) -> Exercise:
    return next(e for path in bank_paths() for e in load_bank(path).exercises if e.id == exercise_id)


def both(text: str) -> dict[str, str]:
    return {"en": text, "id": text}


def feedback(status: str, text: str, note: str) -> str:
    """The feedback bundle's HTML for a result whose three lines and note are all ``text`` / ``note``."""
    result = Result(status, 0.5, (both(text), both(text), both(text)))
    return feedback_bundle(exercise("00-run-a-cell"), result, "en", note)["text/html"]


def code_question(text: str, lang: str) -> str:
    """A code exercise's question bundle, its id and question both ``text``."""
    changed = dataclasses.replace(exercise("00-count-indonesian-words"), id=text, question=both(text))
    return code_question_bundle(changed, lang, 1)["text/html"]


def assert_reads_as_text(hostile: str, plain: str, text: str, times: int) -> None:
    """``hostile`` has the tags and attributes of ``plain`` and shows ``text`` as written, ``times`` times."""
    read, expected = Structure(hostile), Structure(plain)
    assert read.tags == expected.tags, "the text changed the page's tags"
    assert read.attributes == expected.attributes, "the text changed an attribute"
    assert read.reads().count(text.strip()) >= times, "the text reads as it was written"


@pytest.mark.parametrize("status", STATUSES)
def test_script_quotes_and_closing_tags_in_feedback_lines_and_the_note_read_as_text(status):
    hostile = feedback(status, ATTACK, ATTACK)
    assert "<script" not in hostile and "</div></li>" not in hostile
    assert_reads_as_text(hostile, feedback(status, "x", "x"), ATTACK, times=4)


def test_a_single_feedback_line_and_no_note_stay_one_line():
    result = Result(INCORRECT, 0.0, (both(ATTACK),))
    markup = feedback_bundle(exercise("00-run-a-cell"), result, "id")["text/html"]
    read = Structure(markup)
    assert [tag for tag, _ in read.tags] == ["div", "strong", "/strong", "/div"]
    assert ATTACK in read.reads()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_script_quotes_and_closing_tags_in_a_code_question_and_its_id_read_as_text(lang):
    hostile = code_question(ATTACK, lang)
    assert "<script" not in hostile and "</div><img" not in hostile
    # the id shows in the heading and in how to answer; the question once
    assert_reads_as_text(hostile, code_question("x", lang), ATTACK, times=3)


def test_the_status_its_colour_and_its_icon_are_escaped_too(monkeypatch):
    """Constants today, but a status that ever held a quote would not open a new attribute."""
    status, colour, icon = 'x" onmouseover="alert(1)', 'red;" onclick="alert(2)', "<b>!</b>"
    monkeypatch.setitem(render.COLOURS, status, colour)
    monkeypatch.setitem(render.ICONS, status, icon)
    monkeypatch.setitem(render.COLOURS, "plain", "red")
    monkeypatch.setitem(render.ICONS, "plain", "!")
    hostile = feedback(status, "x", "x")
    read = Structure(hostile)
    assert read.tags == Structure(feedback("plain", "x", "x")).tags
    first = dict(read.attributes[:4])  # the outer div's class, role, aria-live and style
    assert first["class"] == f"course-feedback course-{status}"
    assert f"border-left: 4px solid {colour};" in first["style"]
    assert read.reads().startswith(f"{icon} x")


def test_the_styles_a_code_question_is_given_are_escaped_too(monkeypatch):
    """The heading's and the question's style are constants too; one that ever held a quote stays inside its attribute."""
    style = 'color: red;" onclick="alert(1)'
    plain = code_question("x", "en")
    monkeypatch.setitem(render.STYLES, "head", style)
    monkeypatch.setitem(render.STYLES, "question", style)
    read = Structure(code_question("x", "en"))
    assert read.tags == Structure(plain).tags
    assert [value for name, value in read.attributes if name == "style"][1:] == [style, style]


def test_an_error_the_widget_could_not_check_reads_as_text():
    hostile_error = type(ATTACK, (Exception,), {})  # a class may be named anything

    def fail(answer: Any, announce: Any) -> Any:
        raise hostile_error()

    view = ExerciseWidget(exercise("00-run-a-cell"), "en", "practice", fail)
    view._on_message(view, {"event": "submit", "answer": "A"}, None)
    read = Structure(view.feedback)
    assert read.tags == [] and read.reads().startswith(ATTACK + ":")


def test_the_saved_lessons_spelling_of_quotes_is_kept():
    """Strict nbval compares the committed lessons' outputs byte for byte: quotes stay &quot; and &#x27;."""
    markup = feedback(INCORRECT, "\"a\" 'b'", "\"c\" 'd'")
    assert "&quot;a&quot; &#x27;b&#x27;" in markup and "&quot;c&quot; &#x27;d&#x27;" in markup
    assert "&#34;" not in markup and "&#39;" not in markup
    assert "check(&quot;x&quot;, your_value)" in code_question("x", "en")


# Markup characters, quotes and a few letters; no ` or * and no line breaks (the markdown's own tags, on purpose).
TRICKY = st.text(alphabet=st.sampled_from(list("<>\"'&;#/=! -{}%scriptdivul0")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=100, deadline=None)
@given(line=TRICKY, note=TRICKY, status=st.sampled_from(STATUSES))
def test_no_feedback_line_or_note_adds_or_breaks_a_tag(line, note, status):
    read, plain = Structure(feedback(status, line, note)), Structure(feedback(status, "x", "x"))
    assert read.tags == plain.tags and read.attributes == plain.attributes
    assert read.reads().count(line.strip()) >= 3 and note.strip() in read.reads()


@settings(max_examples=100, deadline=None)
@given(text=TRICKY, lang=st.sampled_from(LANGUAGES))
def test_no_code_question_or_id_adds_or_breaks_a_tag(text, lang):
    assert_reads_as_text(code_question(text, lang), code_question("x", lang), text, times=3)
