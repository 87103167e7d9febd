"""Widgets for the exercises, and their plain-text twins.

Each exercise becomes an :class:`ExerciseWidget`: a small HTML form drawn by
``exercise.js`` (an anywidget module) from a ``spec`` built here: the question
as the legend of a fieldset, native radio buttons, check boxes, selects or a
text area, each with its own label, a Check button (Save in assessment mode)
and a live region whose feedback states the verdict in words and an icon, not
only in colour. Native controls work with the keyboard alone: Tab moves
between them, the arrow keys choose, Space or Enter presses the button.

The view's ``text/plain`` representation is built from the exercise and its
state only (no model ids, seeded order), so strict nbval can compare it and a
reader without a live kernel still sees the question.

Every piece of HTML made here comes from the autoescaped macros of
``templates/exercise.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets
from markupsafe import Markup

from ..i18n import pick
from ..model.exercises import Code, Exercise, Result
from ..model.texts import (
    ICONS,
    feedback_text,
    heading,
    inline_markdown,
    label,
    plain,
    question_text,
)
from ..model.vocabulary import CORRECT, INCORRECT, PARTIAL, RECORDED, REVIEW, UNANSWERED
from .templates import macro

HERE = Path(__file__).resolve().parent
COLOURS = {
    CORRECT: "var(--jp-success-color1, #388e3c)",
    PARTIAL: "var(--jp-warn-color1, #f57c00)",
    INCORRECT: "var(--jp-error-color1, #d32f2f)",
    RECORDED: "var(--jp-brand-color1, #1976d2)",
    UNANSWERED: "var(--jp-border-color1, #bdbdbd)",
    REVIEW: "var(--jp-warn-color1, #f57c00)",
}
HEAD_STYLE = "font-size: var(--jp-ui-font-size1); color: var(--jp-ui-font-color2);"
QUESTION_STYLE = "font-size: var(--jp-content-font-size2); font-weight: 600; margin: 4px 0 8px;"
STYLES = {"head": HEAD_STYLE, "question": QUESTION_STYLE}  # a code question looks like the widget (and its text copies)
TEMPLATE = "exercise.html"  # in course/kernel/templates


def markdown_markup(text: str) -> Markup:
    """``text`` (the bank's small markdown) as HTML, marked safe on purpose.

    :func:`course.model.texts.inline_markdown` escapes the whole text first and
    then adds only ``<code>``, ``<strong>``, ``<em>`` and ``<br>``; escaping its
    result again would show those tags as text.
    """
    return Markup(inline_markdown(text))


def feedback_html(result: Result, lang: str, note: str = "") -> str:
    """The feedback as HTML: verdict in words and an icon, colour only as a third cue."""
    lines = [markdown_markup(pick(line, lang)) for line in result.feedback]
    if not lines:
        return ""
    status = result.status
    return macro(TEMPLATE, "feedback", status=status, colour=COLOURS[status], icon=ICONS[status], lines=lines, note=note)


def build_spec(exercise: Exercise, lang: str, mode: str, number: int | None = None) -> dict[str, Any]:
    """Everything the browser needs to draw one exercise, already in the notebook's language.

    The parts every widget shares are built here; the exercise's type adds its own
    (:meth:`~course.model.exercises.base.Exercise.widget_spec`).
    """
    button = label("check" if mode == "practice" else "save", lang)
    spec: dict[str, Any] = {
        "id": exercise.id,
        "kind": exercise.kind,
        "head": heading(exercise, lang, number),
        "question": plain(question_text(exercise, lang)),
        "question_html": inline_markdown(question_text(exercise, lang)),
        "labels": {
            "button": button,
            "choose": label("choose", lang),
            "steps": label("steps", lang),
            "your_answer": label("your_answer", lang),
            "placeholder": label("write_here", lang),
            "kernel_restarted": label("kernel_restarted", lang),
            "no_reply": label("no_reply", lang),
        },
    }
    widget = exercise.widget_spec(lang)
    if widget is None:
        raise TypeError(f"{exercise.kind} exercises have no widget")
    spec.update(widget)
    for part in ("choices", "options", "rows"):  # the form shows labels as text: no *emphasis* markers on screen
        if part in spec:
            spec[part] = [{**item, "label": plain(item["label"])} for item in spec[part]]
    return spec


def spec_text(spec: dict[str, Any], answer: Any) -> list[str]:
    """The answer area of an exercise as plain text, showing the current answer."""
    kind, labels = spec["kind"], spec["labels"]
    if kind in ("single", "truefalse"):
        return [f"  ({'x' if answer is not None and c['value'] == answer else ' '}) {c['label']}" for c in spec["choices"]]
    if kind == "multiple":
        chosen = answer or []
        return [f"  [{'x' if c['value'] in chosen else ' '}] {c['label']}" for c in spec["choices"]]
    if kind == "text":
        return [f"  {labels['your_answer']}: " + (str(answer).strip() if answer else f"[{labels['placeholder']}]")]
    names = {o["value"]: o["label"] for o in spec["options"]}
    lines = []
    if kind == "ordering":
        lines.append(labels["steps"])
        lines += [f"  - {o['label']}" for o in spec["options"]]
        given = {str(n): v for n, v in enumerate(answer or [], start=1)}
    else:
        given = answer or {}
    lines += [f"  {row['label']} -> [{names.get(given.get(row['key']), labels['choose'])}]" for row in spec["rows"]]
    return lines


class ExerciseWidget(anywidget.AnyWidget):
    """One exercise in the notebook: a form drawn by ``exercise.js``, checked in Python.

    The browser sends ``{"event": "submit", "answer": ...}``; :meth:`submit`
    (which tests call directly) checks the answer and sends the feedback back.
    """

    _esm = HERE / "exercise.js"
    _css = HERE / "exercise.css"
    spec = traitlets.Dict().tag(sync=True)
    answer = traitlets.Any(None, allow_none=True).tag(sync=True)
    feedback = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)

    def __init__(self, exercise: Exercise, lang: str, mode: str, on_submit: Callable[..., tuple[Result, str]], number: int | None = None):
        super().__init__(spec=build_spec(exercise, lang, mode, number))
        self.exercise, self.lang, self.mode, self.on_submit = exercise, lang, mode, on_submit
        self.result: Result | None = None
        self.note = ""
        self.on_msg(self._on_message)

    def _on_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            try:
                self.submit(content.get("answer"))
            except Exception as error:
                self.feedback = macro(TEMPLATE, "message", text=label("check_failed", self.lang, error=type(error).__name__))
                self.revision += 1

    def submit(self, answer: Any) -> Result:
        """What the Check button does: check (or record) ``answer`` and show the feedback.

        The feedback is sent to the browser as soon as the result is known;
        saving the answer to disk happens after it.
        """
        result, note = self.on_submit(answer, lambda first, first_note: self.show_result(first, first_note, answer))
        if result is not self.result or note != self.note:
            self.show_result(result, note, answer)
        return result

    def show_result(self, result: Result, note: str = "", answer: Any = None) -> None:
        """Show a result (and the answer it belongs to), all in one message to the browser."""
        self.result, self.note = result, note
        with self.hold_sync():
            if answer is not None:
                self.answer = answer
            self.status = result.status
            self.feedback = feedback_html(result, self.lang, note)
            self.revision += 1

    def text(self) -> str:
        """The deterministic plain-text twin of the widget."""
        lines = [self.spec["head"], self.spec["question"], *spec_text(self.spec, self.answer), f"[{self.spec['labels']['button']}]"]
        if self.result is not None:
            lines.append(feedback_text(self.result, self.lang))
        lines.append("▶ " + label("run_to_answer", self.lang))  # read only where the widget cannot be drawn
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data = data[0] if isinstance(data, tuple) else data
        data["text/plain"] = self.text()
        return data


def code_question_bundle(exercise: Code, lang: str, number: int | None = None) -> dict[str, str]:
    """How a code exercise is shown: its question and how to answer it (no widget needed)."""
    head = heading(exercise, lang, number)
    question = question_text(exercise, lang)
    howto = label("code_howto", lang, id=exercise.id)
    text = "\n".join([head, plain(question), howto])
    markup = macro(TEMPLATE, "code_question", styles=STYLES, head=head, question_html=markdown_markup(question), howto=howto)
    return {"text/plain": text, "text/html": markup}


def feedback_bundle(exercise: Exercise, result: Result, lang: str, note: str = "") -> dict[str, str]:
    """Feedback printed by check() and answer(): text for nbval, HTML for people."""
    text = f"{exercise.id}: {feedback_text(result, lang)}" + (f"\n{note}" if note else "")
    return {"text/plain": text, "text/html": feedback_html(result, lang, note)}
