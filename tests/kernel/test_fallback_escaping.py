"""Every text copy of an exercise escapes what it shows: a heading, a question, an option or a saved answer holding
``<script>`` or quotes reads as text and never adds or breaks a tag (the copies come from autoescaped templates)."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from course.kernel.fallback import OpenFallback, fallback_html, visible_fallback_html
from course.kernel.render import build_spec
from course.model.bank import bank_paths, load_bank
from course.model.texts import inline_markdown

ATTACK = '<script>alert("x")</script> "quoted" \'single\' </div><img src=x onerror=alert(1)> &amp;'


class Structure(HTMLParser):
    """The tags of a page (with their attributes) and its text, as a browser would read them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, Any]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, None))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def exercise_spec(exercise_id: str, lang: str = "en") -> dict[str, Any]:
    exercise = next(e for path in bank_paths() for e in load_bank(path).exercises if e.id == exercise_id)
    return build_spec(exercise, lang, "practice", 1)


def with_text(spec: dict[str, Any], text: str) -> dict[str, Any]:
    """``spec`` with ``text`` in its heading, question, options and rows, the question made as build_spec makes it."""
    changed = copy.deepcopy(spec)
    changed["head"] = text
    changed["question"] = text
    changed["question_html"] = inline_markdown(text)
    for part in ("choices", "options", "rows"):
        for item in changed.get(part, []):
            item["label"] = text
    return changed


def every_copy(spec: dict[str, Any], answer: Any) -> dict[str, str]:
    return {
        "hidden copy in the answer record": fallback_html(spec, answer, "en"),
        "open copy": visible_fallback_html(spec, answer, "en"),
        "open copy on the course website": visible_fallback_html(spec, answer, "en", static=True),
        "open copy under a widget in Colab": OpenFallback(spec, "en")._repr_mimebundle_()["text/html"],
    }


def assert_escaped(spec: dict[str, Any], text: str, answer: Any, plain_answer: Any) -> None:
    hostile = every_copy(with_text(spec, text), answer)
    plain = every_copy(with_text(spec, "x"), plain_answer)
    for where, markup in hostile.items():
        read = Structure(markup)
        assert read.tags == Structure(plain[where]).tags, f"{where}: the text changed the page's tags"
        assert text.strip() in "".join(read.text), f"{where}: the text reads as it was written"


def test_script_and_quotes_in_a_choice_exercise_read_as_text_in_every_copy():
    assert_escaped(exercise_spec("00-run-a-cell"), ATTACK, None, None)


def test_script_and_quotes_in_a_saved_free_text_answer_read_as_text_in_every_copy():
    spec = exercise_spec("01-why-guidelines")
    for markup in every_copy(spec, ATTACK).values():
        assert "<script" not in markup
    assert ATTACK in "".join(Structure(fallback_html(spec, ATTACK, "en")).text), "the saved answer, as typed"
    assert_escaped(spec, ATTACK, ATTACK, "x")


def test_script_and_quotes_in_a_sorting_exercise_read_as_text_in_every_copy():
    assert_escaped(exercise_spec("00-concepts-by-article"), ATTACK, None, None)


# Markup characters, quotes and a few letters; no ` or * (the question's own markdown turns those into tags on purpose)
# and no line breaks (a blank line in a question is a <br> on purpose).
TRICKY = st.text(alphabet=st.sampled_from(list("<>\"'&;#/=! -{}%scriptdiv0")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=100, deadline=None)
@given(text=TRICKY, answer=TRICKY)
def test_no_text_adds_or_breaks_a_tag(text, answer):
    assert_escaped(exercise_spec("00-run-a-cell"), text, None, None)
    assert_escaped(exercise_spec("01-why-guidelines"), text, answer, "x")
