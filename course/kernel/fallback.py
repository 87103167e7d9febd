"""What an exercise shows when its widget cannot: a text copy inside the answer record.

A widget lives only as long as the kernel that made it. Reopened later (with a
new kernel, or none), the notebook still holds the widget's output, and in a
trusted notebook (a student's own saved file) JupyterLab would draw it as
"Error displaying widget: model not found". So the answer record under each
widget exercise (:mod:`course.model.record`, refreshed by ``display_id`` with
every answer and saved with the notebook) carries, in its ``text/html``:

* a copy of the exercise, marked ``hidden``: heading, question, the saved
  answer (the widget's own text form) and one line saying to run the cell;
* a ``<style>`` that, while this cell's widget output holds no live exercise
  form (model not found, or still loading), hides that output and shows the
  copy instead. Once the form is drawn, the copy stays hidden.

JupyterLab renders a trusted output's HTML as it is. In an untrusted notebook
(made elsewhere) it strips the ``<style>`` but keeps the ``hidden`` attribute,
and it draws the widget's ``text/plain`` twin instead of the widget, which
ends with the same line (see :meth:`.render.ExerciseWidget.text`): the
question appears once either way. Nothing here needs a kernel, JavaScript or
saved widget state, and it is deterministic, so strict nbval compares it.

Where no widget can be drawn at all (Colab without its custom widget manager,
an old Jupyter Notebook, the course website), :func:`visible_fallback_html`
shows the same copy in the open, with a line in the notebook's language saying
how to answer from a code cell (:func:`answer_call`, e.g. ``answer("03-x", "A")  (or "B", "C")``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..model.texts import label
from .render import HEAD_STYLE, QUESTION_STYLE, spec_text
from .templates import fragment

# The widget's output in JupyterLab: the output without a data-mime-type attribute (JupyterLab's own renderers of
# text, HTML and images set it; the widget renderer does not). The style in templates/fallback.html uses it.
WIDGET_OUTPUT = ".jp-OutputArea-output:not([data-mime-type])"
STYLES = {"head": HEAD_STYLE, "question": QUESTION_STYLE}  # the widget's own, so that a copy looks like the form


def question_markup(spec: dict[str, Any]) -> Markup:
    """The question as HTML, marked safe on purpose.

    ``question_html`` is already sanitised: :func:`.render.build_spec` makes it with
    :func:`course.model.texts.inline_markdown`, which escapes the whole text first and
    then adds only ``<code>``, ``<strong>``, ``<em>`` and ``<br>``. Escaping it again
    would show those tags as text.
    """
    return Markup(spec["question_html"])


def run_line(lang: str) -> str:
    """The one line that tells a reader without a live widget what to do."""
    return "▶ " + label("run_to_answer", lang)


def fallback_html(spec: dict[str, Any], answer: Any, lang: str) -> str:
    """The hidden copy of one exercise (with the saved ``answer``) and the style that shows it when the widget cannot."""
    return fragment(
        "hidden_copy",
        widget_output=WIDGET_OUTPUT,
        styles=STYLES,
        head=spec["head"],
        question_html=question_markup(spec),
        answer_text="\n".join(spec_text(spec, answer)),
        keys="\n".join(key_lines(spec, lang)),  # the names answer() takes: code, not prose
        run=run_line(lang),
        howto=howto_line(spec, lang),
    )


def answer_call(spec: dict[str, Any], lang: str) -> str:
    """An ``answer(...)`` call a student can type for this exercise, that never points to an answer.

    Whatever the key, the example singles nothing out: a choice names every letter on screen (the
    student picks one, or keeps those chosen), true/false both values, and a sorting or ordering
    exercise only placeholders for the names :func:`key_lines` lists, so no placement and no order.
    """
    kind, call = spec["kind"], f"answer({json.dumps(spec['id'])}, "
    letters = [chr(65 + n) for n in range(max(1, len(spec.get("choices", []))))]  # A, B, C ... as on screen
    if kind == "single":
        others = ", ".join(json.dumps(letter) for letter in letters[1:])
        return f'{call}"A")' + (f"  {label('answer_other_letters', lang, letters=others)}" if others else "")
    if kind == "multiple":
        return f"{call}{json.dumps(', '.join(letters))})  {label('answer_keep_letters', lang)}"
    if kind == "truefalse":  # both, so that the example is never read as a hint
        return f"{call}True) / {call}False)"
    if kind == "text":
        return f"{call}{json.dumps('…', ensure_ascii=False)})"
    if kind == "ordering":
        name = placeholder("answer_step_name", lang)
        return f"{call}[{', '.join([name] * len(spec['options']))}])  {label('answer_in_your_order', lang)}"
    item, category = placeholder("answer_item_name", lang), placeholder("answer_category_name", lang)
    return f"{call}{{{item}: {category}, ...}})  {label('answer_every_item', lang)}"


def placeholder(key: str, lang: str) -> str:
    """A quoted stand-in a student replaces with one of the listed names, e.g. ``"<item name>"``."""
    return json.dumps(f"<{label(key, lang)}>", ensure_ascii=False)


def howto_line(spec: dict[str, Any], lang: str, static: bool = False) -> str:
    """The line that says how to answer without the widget: on a static page, to open the notebook first."""
    return label("answer_howto_static" if static else "answer_howto", lang, call=answer_call(spec, lang))


def key_lines(spec: dict[str, Any], lang: str) -> list[str]:
    """For sorting and ordering exercises, which name in ``answer()`` stands for which row and option (choices use letters).

    A sorting exercise lists its items and its categories under the placeholders of :func:`answer_call`'s example.
    """
    if spec["kind"] not in ("categorise", "ordering"):
        return []
    options = [f'  "{option["value"]}" = {option["label"]}' for option in spec["options"]]
    if spec["kind"] == "ordering":
        return [label("answer_keys", lang), *options]
    rows = [f'    "{row["key"]}" = {row["label"]}' for row in spec["rows"]]  # under the placeholder answer_call uses for each
    item, category = placeholder("answer_item_name", lang), placeholder("answer_category_name", lang)
    return [label("answer_keys", lang), f"  {item}:", *rows, f"  {category}:", *(f"  {line}" for line in options)]


def visible_fallback_html(spec: dict[str, Any], answer: Any, lang: str, static: bool = False) -> str:
    """The exercise as text, shown in the open (no style, not hidden), with how to answer it with ``answer()``."""
    return fragment(
        "open_copy",
        styles=STYLES,
        head=spec["head"],
        question_html=question_markup(spec),
        answer_text="\n".join([*spec_text(spec, answer), *key_lines(spec, lang)]),
        howto=howto_line(spec, lang, static),
    )


def visible_fallback_text(spec: dict[str, Any], answer: Any, lang: str, static: bool = False) -> str:
    """The plain-text twin of :func:`visible_fallback_html`."""
    return "\n".join([spec["head"], spec["question"], *spec_text(spec, answer), *key_lines(spec, lang), howto_line(spec, lang, static)])


def widgets_may_not_show() -> bool:
    """True in a front end known to draw third-party widgets only when set up for them (Google Colab)."""
    return "google.colab" in sys.modules


@dataclass(frozen=True)
class OpenFallback:
    """The exercise as text under its widget, open by default, for front ends that may not draw the widget."""

    spec: dict[str, Any]
    lang: str

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        copy = Markup(visible_fallback_html(self.spec, None, self.lang))  # made from the template just now: HTML, not text
        return {
            "text/plain": visible_fallback_text(self.spec, None, self.lang),
            "text/html": fragment("open_details", summary=howto_line(self.spec, self.lang), copy=copy),
        }


def front_end_fallback(spec: dict[str, Any], lang: str) -> list[OpenFallback]:
    """What to display under a widget besides its answer record: in Colab, the open text copy.

    anywidget switches Colab's custom widget manager on by itself; where that
    fails (or the page is a static copy), the student still reads and answers the exercise.
    """
    return [OpenFallback(spec, lang)] if widgets_may_not_show() else []
