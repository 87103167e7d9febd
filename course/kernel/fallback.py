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
"""

from __future__ import annotations

import html
from typing import Any

from ..model.texts import label
from .render import HEAD_STYLE, QUESTION_STYLE, spec_text

# The widget's output in JupyterLab is the output without a data-mime-type attribute (JupyterLab's own
# renderers of text, HTML and images set it; the widget renderer does not). CSS forbids :has() inside :has(),
# hence three rules: the widget's output hides while it holds no live form, the copy shows beside a widget's
# output, and it hides again (!important wins over the rule before) as soon as the live form is drawn.
WIDGET_OUTPUT = ".jp-OutputArea-output:not([data-mime-type])"
STYLE = (
    "<style>"
    f".jp-OutputArea:has(.course-fallback) {WIDGET_OUTPUT}:not(:has(form.course-ex)) {{ display: none; }}"
    f".jp-OutputArea:has(> .jp-OutputArea-child > {WIDGET_OUTPUT}) .course-fallback {{ display: block; }}"
    ".jp-OutputArea:has(form.course-ex) .course-fallback { display: none !important; }"
    "</style>"
)
BOX_STYLE = (
    "border: 1px dashed var(--jp-border-color1); border-radius: 4px; padding: 8px 14px; margin: 2px 0 4px; max-width: 56em; "
    "background: var(--jp-layout-color1); color: var(--jp-content-font-color1);"
)
ANSWER_STYLE = "font-family: var(--jp-code-font-family); font-size: var(--jp-code-font-size); white-space: pre-wrap; margin: 0 0 6px;"


def run_line(lang: str) -> str:
    """The one line that tells a reader without a live widget what to do."""
    return "▶ " + label("run_to_answer", lang)


def fallback_html(spec: dict[str, Any], answer: Any, lang: str) -> str:
    """The hidden copy of one exercise (with the saved ``answer``) and the style that shows it when the widget cannot."""
    answer_lines = "\n".join(spec_text(spec, answer))
    return (
        f'{STYLE}<div class="course-fallback" hidden style="{BOX_STYLE}">'
        f'<div style="{HEAD_STYLE}">{html.escape(spec["head"])}</div>'
        f'<div style="{QUESTION_STYLE}">{spec["question_html"]}</div>'
        f'<div style="{ANSWER_STYLE}">{html.escape(answer_lines)}</div>'
        f"<div><strong>{html.escape(run_line(lang))}</strong></div></div>"
    )
