"""Widgets for the exercises, and their plain-text twins.

Each exercise becomes an :class:`ExerciseView`: the question, one labelled
control per answer, a Check button (Save in assessment mode) and a feedback
area that states the verdict in words, not only in colour. All controls are
native HTML inputs (radio buttons, check boxes, selects, a text area and a
button), so they work with the keyboard alone: Tab moves between them, the
arrow keys choose, Space or Enter presses the button.

The view's ``text/plain`` representation is built from the exercise and its
state only (no model ids, seeded order), so strict nbval can compare it and a
reader without a live kernel still sees the question.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from ..i18n import pick
from .model import (
    CORRECT,
    INCORRECT,
    PARTIAL,
    RECORDED,
    TYPE_NAMES,
    UNANSWERED,
    Categorise,
    Code,
    Exercise,
    MultipleChoice,
    Ordering,
    Result,
    ShortText,
    SingleChoice,
    TrueFalse,
)

LABELS = {
    "exercise": {"en": "Exercise", "id": "Latihan"},
    "point": {"en": "point", "id": "poin"},
    "points": {"en": "points", "id": "poin"},
    "check": {"en": "Check", "id": "Periksa"},
    "save": {"en": "Save answer", "id": "Simpan jawaban"},
    "your_answer": {"en": "Your answer", "id": "Jawaban Anda"},
    "choose": {"en": "— choose —", "id": "— pilih —"},
    "true": {"en": "True", "id": "Benar"},
    "false": {"en": "False", "id": "Salah"},
    "position": {"en": "Position", "id": "Urutan"},
    "steps": {"en": "Put these in order:", "id": "Urutkan hal-hal berikut:"},
    "feedback": {"en": "Feedback", "id": "Umpan balik"},
    "write_here": {"en": "Write your answer here …", "id": "Tulis jawaban Anda di sini …"},
    "code_howto": {
        "en": "Compute the answer in the code cell below, then call check(\"{id}\", your_value).",
        "id": "Hitung jawabannya di sel kode di bawah, lalu panggil check(\"{id}\", nilai_anda).",
    },
    "choose_one": {"en": "Choose one answer", "id": "Pilih satu jawaban"},
    "choose_all": {"en": "Choose every answer that applies", "id": "Pilih semua jawaban yang sesuai"},
}
ICONS = {CORRECT: "✔", PARTIAL: "◐", INCORRECT: "✘", RECORDED: "✎", UNANSWERED: "…"}
COLOURS = {
    CORRECT: "var(--jp-success-color1, #388e3c)",
    PARTIAL: "var(--jp-warn-color1, #f57c00)",
    INCORRECT: "var(--jp-error-color1, #d32f2f)",
    RECORDED: "var(--jp-brand-color1, #1976d2)",
    UNANSWERED: "var(--jp-border-color1, #bdbdbd)",
}
STYLE = """<style>
.course-exercise { border: 1px solid var(--jp-border-color2); border-radius: 4px; padding: 8px 12px;
  background: var(--jp-layout-color1); color: var(--jp-content-font-color1); max-width: 900px; }
.course-exercise .widget-label, .course-exercise .widget-label-basic span,
.course-exercise .widget-radio-box label { white-space: normal; overflow: visible; text-overflow: clip;
  line-height: 1.35; height: auto; color: var(--jp-content-font-color1); }
.course-exercise .widget-radio-box label { margin: 3px 0; }
.course-exercise .widget-checkbox { height: auto; margin: 3px 0; }
.course-exercise .widget-dropdown { height: auto; align-items: center; }
.course-exercise select:focus-visible, .course-exercise input:focus-visible, .course-exercise button:focus-visible,
.course-exercise textarea:focus-visible { outline: 2px solid var(--jp-brand-color1); outline-offset: 2px; }
.course-exercise .course-ex-head { font-size: var(--jp-ui-font-size1); color: var(--jp-ui-font-color2); }
.course-exercise .course-ex-question { font-size: var(--jp-content-font-size2, 14px); margin: 4px 0 8px 0; }
</style>"""


_SHARED: dict[str, widgets.Widget] = {}


def _shared(name: str) -> Any:
    """Layouts and styles shared by all exercise widgets: one model each instead of one per control."""
    if name not in _SHARED:
        _SHARED[name] = {
            "auto": lambda: widgets.Layout(width="auto"),
            "full": lambda: widgets.Layout(width="100%"),
            "initial": lambda: DescriptionStyle(description_width="initial"),
            "wide-label": lambda: DescriptionStyle(description_width="55%"),
            "text-initial": lambda: TextStyle(description_width="initial"),
            "checkbox": lambda: CheckboxStyle(),
            "html": lambda: HTMLStyle(),
            "box": lambda: widgets.Layout(),
        }[name]()
    return _SHARED[name]


def label(key: str, lang: str, **values: Any) -> str:
    return pick(LABELS[key], lang).format(**values)


def inline_markdown(text: str) -> str:
    """Escape ``text`` and render **bold**, *italic* and `code` (all a question needs)."""
    escaped = html.escape(text.strip())
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    escaped = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<em>\1</em>", escaped)
    return escaped.replace("\n\n", "<br><br>")


def heading(exercise: Exercise, lang: str, number: int | None = None) -> str:
    """'Exercise 3 · single choice · 1 point' in the notebook's language."""
    points = exercise.points
    unit = label("point" if points == 1 else "points", lang)
    amount = f"{points:g} {unit}"
    title = label("exercise", lang) + (f" {number}" if number else "")
    return f"{title} · {pick(TYPE_NAMES[exercise.kind], lang)} · {amount} · {exercise.id}"


def feedback_text(result: Result, lang: str) -> str:
    """The feedback as plain text: the verdict first, one line per point."""
    lines = [pick(line, lang) for line in result.feedback]
    if not lines:
        return ""
    first = f"{ICONS[result.status]} {lines[0]}"
    return "\n".join([first] + [f"  - {line}" for line in lines[1:]])


def feedback_html(result: Result, lang: str, note: str = "") -> str:
    """The feedback as HTML: verdict in words and an icon, colour only as a third cue."""
    lines = [pick(line, lang) for line in result.feedback]
    if not lines:
        return ""
    colour = COLOURS[result.status]
    rest = "".join(f"<li>{inline_markdown(line)}</li>" for line in lines[1:])
    extra = f'<div style="margin-top:4px;">{html.escape(note)}</div>' if note else ""
    return (
        f'<div class="course-feedback course-{result.status}" role="status" aria-live="polite" '
        f'style="border-left: 4px solid {colour}; padding: 4px 10px; margin-top: 6px; '
        f'background: var(--jp-layout-color2); color: var(--jp-content-font-color1);">'
        f"<strong>{ICONS[result.status]} {inline_markdown(lines[0])}</strong>"
        f'{"<ul style=margin:4px 0 0 0;padding-left:18px;>" + rest + "</ul>" if rest else ""}{extra}</div>'
    )


class _Control:
    """The answer part of a view: widgets plus get/set and a text rendering."""

    widget: widgets.Widget

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, answer: Any) -> None:
        raise NotImplementedError

    def text(self) -> list[str]:
        raise NotImplementedError


class _Radio(_Control):
    def __init__(self, choices: list[tuple[str, Any]], lang: str, description: str):
        self.choices = choices
        self.widget = widgets.RadioButtons(
            options=choices, value=None, description=description, layout=_shared("auto"), style=_shared("initial"),
        )

    def get(self) -> Any:
        return self.widget.value

    def set(self, answer: Any) -> None:
        if any(value == answer for _, value in self.choices):
            self.widget.value = answer

    def text(self) -> list[str]:
        return [f"  ({'x' if value == self.widget.value and self.widget.index is not None else ' '}) {text}" for text, value in self.choices]


class _Boxes(_Control):
    def __init__(self, choices: list[tuple[str, str]]):
        self.boxes = [
            (key, widgets.Checkbox(value=False, description=text, indent=False, layout=_shared("auto"), style=_shared("checkbox")))
            for text, key in choices
        ]
        self.widget = widgets.VBox([box for _, box in self.boxes], layout=_shared("box"))

    def get(self) -> Any:
        return sorted(key for key, box in self.boxes if box.value)

    def set(self, answer: Any) -> None:
        chosen = set(answer or [])
        for key, box in self.boxes:
            box.value = key in chosen

    def text(self) -> list[str]:
        return [f"  [{'x' if box.value else ' '}] {box.description}" for _, box in self.boxes]


class _Selects(_Control):
    """One dropdown per row: categorise (row = item) and ordering (row = position)."""

    def __init__(self, rows: list[tuple[str, str]], choices: list[tuple[str, str]], lang: str):
        options = [(label("choose", lang), None)] + choices
        self.rows = [
            (key, widgets.Dropdown(options=options, value=None, description=text, style=_shared("wide-label"), layout=_shared("full")))
            for key, text in rows
        ]
        self.names = dict((value, text) for text, value in choices)
        self.widget = widgets.VBox([select for _, select in self.rows], layout=_shared("box"))

    def get(self) -> Any:
        return {key: select.value for key, select in self.rows if select.value is not None}

    def set(self, answer: Any) -> None:
        for key, select in self.rows:
            value = (answer or {}).get(key)
            select.value = value if value in self.names else None

    def text(self) -> list[str]:
        choose = self.rows[0][1].options[0][0] if self.rows else ""
        return [f"  {select.description} -> [{self.names.get(select.value, choose)}]" for _, select in self.rows]


class _Ordering(_Selects):
    def get(self) -> Any:
        chosen = [select.value for _, select in self.rows]
        return chosen if any(chosen) else []

    def set(self, answer: Any) -> None:
        for (_, select), value in zip(self.rows, list(answer or []) + [None] * len(self.rows)):
            select.value = value if value in self.names else None


class _Textarea(_Control):
    def __init__(self, lang: str):
        self.widget = widgets.Textarea(
            value="", placeholder=label("write_here", lang), description=label("your_answer", lang),
            rows=4, layout=_shared("full"), style=_shared("text-initial"),
        )

    def get(self) -> Any:
        return self.widget.value

    def set(self, answer: Any) -> None:
        self.widget.value = str(answer or "")

    def text(self) -> list[str]:
        value = self.widget.value.strip()
        return [f"  {self.widget.description}: " + (value if value else "[" + self.widget.placeholder + "]")]


def _control(exercise: Exercise, lang: str) -> _Control:
    if isinstance(exercise, MultipleChoice):
        return _Boxes([(f"{chr(65 + n)}. {pick(o.text, lang)}", o.key) for n, o in enumerate(exercise.display_order())])
    if isinstance(exercise, SingleChoice):
        choices = [(f"{chr(65 + n)}. {pick(o.text, lang)}", o.key) for n, o in enumerate(exercise.display_order())]
        return _Radio(choices, lang, label("choose_one", lang))
    if isinstance(exercise, TrueFalse):
        return _Radio([(label("true", lang), True), (label("false", lang), False)], lang, label("your_answer", lang))
    if isinstance(exercise, Categorise):
        rows = [(item.key, pick(item.text, lang)) for item in exercise.display_order()]
        return _Selects(rows, [(pick(c.text, lang), c.key) for c in exercise.categories], lang)
    if isinstance(exercise, Ordering):
        rows = [(str(n), f"{label('position', lang)} {n}") for n in range(1, len(exercise.items) + 1)]
        return _Ordering(rows, [(pick(i.text, lang), i.key) for i in exercise.display_order()], lang)
    if isinstance(exercise, ShortText):
        return _Textarea(lang)
    raise TypeError(f"{exercise.kind} exercises have no widget")


class ExerciseView(widgets.VBox):
    """One exercise in the notebook: question, labelled controls, a button and feedback."""

    def __init__(self, exercise: Exercise, lang: str, mode: str, on_submit: Callable[[Any], tuple[Result, str]], number: int | None = None):
        self.exercise, self.lang, self.mode = exercise, lang, mode
        self.on_submit = on_submit
        self.control = _control(exercise, lang)
        self.head = heading(exercise, lang, number)
        question = pick(exercise.question, lang)
        header = widgets.HTML(
            STYLE + f'<div class="course-ex-head">{html.escape(self.head)}</div>'
            f'<div class="course-ex-question">{inline_markdown(question)}</div>',
            layout=_shared("box"), style=_shared("html"),
        )
        parts: list[widgets.Widget] = [header]
        if isinstance(exercise, Ordering):
            items = "".join(f"<li>{html.escape(pick(i.text, lang))}</li>" for i in exercise.display_order())
            parts.append(widgets.HTML(f"<div>{html.escape(label('steps', lang))}<ul>{items}</ul></div>", layout=_shared("box"), style=_shared("html")))
        self.button = widgets.Button(
            description=label("check" if mode == "practice" else "save", lang),
            button_style="primary", tooltip=label("check" if mode == "practice" else "save", lang),
        )
        self.button.on_click(lambda _: self.submit())
        self.feedback = widgets.HTML("", layout=_shared("box"), style=_shared("html"))
        self.result: Result | None = None
        self.note = ""
        super().__init__(parts + [self.control.widget, self.button, self.feedback])
        self.add_class("course-exercise")

    def submit(self) -> Result:
        """What the Check button does: check (or record) the answer and show the feedback."""
        result, note = self.on_submit(self.control.get())
        self.show_result(result, note)
        return result

    def show_result(self, result: Result, note: str = "") -> None:
        self.result, self.note = result, note
        self.feedback.value = feedback_html(result, self.lang, note)

    def text(self) -> str:
        """The deterministic plain-text twin of the widget."""
        lines = [self.head, pick(self.exercise.question, self.lang)]
        if isinstance(self.exercise, Ordering):
            lines.append(label("steps", self.lang))
            lines += [f"  - {pick(i.text, self.lang)}" for i in self.exercise.display_order()]
        lines += self.control.text()
        lines.append(f"[{self.button.description}]")
        if self.result is not None:
            lines.append(feedback_text(self.result, self.lang))
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = self.text()
        return data


def code_question_bundle(exercise: Code, lang: str, number: int | None = None) -> dict[str, str]:
    """How a code exercise is shown: its question and how to answer it (no widget needed)."""
    head = heading(exercise, lang, number)
    question = pick(exercise.question, lang)
    howto = label("code_howto", lang, id=exercise.id)
    text = "\n".join([head, question, howto])
    markup = (
        STYLE + f'<div class="course-exercise"><div class="course-ex-head">{html.escape(head)}</div>'
        f'<div class="course-ex-question">{inline_markdown(question)}</div>'
        f"<div><code>{html.escape(howto)}</code></div></div>"
    )
    return {"text/plain": text, "text/html": markup}


def feedback_bundle(exercise: Exercise, result: Result, lang: str, note: str = "") -> dict[str, str]:
    """Feedback printed by check() and answer(): text for nbval, HTML for people."""
    text = f"{exercise.id}: {feedback_text(result, lang)}" + (f"\n{note}" if note else "")
    return {"text/plain": text, "text/html": feedback_html(result, lang, note)}
