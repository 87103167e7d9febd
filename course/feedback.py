"""Feedback pages for students and the class summary, as self-contained HTML.

Everything a student wrote is escaped before it reaches a page. Texts follow
the lesson's language (English or Indonesian).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from .i18n import LANGUAGES
from .model.types import TYPE_NAMES, Exercise, Result
from .model.texts import ICONS, inline_markdown, label, question_text
from .i18n import pick
from .messages import Message, has, number_text, say, text_in
from .screen import Screen, practice_screen

WORDS = {
    "feedback": {"en": "Feedback", "id": "Umpan balik"},
    "lesson": {"en": "Lesson", "id": "Pelajaran"},
    "student": {"en": "Student", "id": "Mahasiswa"},
    "score": {"en": "Score", "id": "Nilai"},
    "not_graded": {"en": "not graded", "id": "belum dinilai"},
    "points": {"en": "points", "id": "poin"},
    "exercise": {"en": "Exercise", "id": "Latihan"},
    "your_answer": {"en": "Your answer", "id": "Jawaban Anda"},
    "right_answer": {"en": "Right answer", "id": "Jawaban yang tepat"},
    "why": {"en": "Why", "id": "Penjelasan"},
    "none": {"en": "(not answered)", "id": "(tidak dijawab)"},
    "notes": {"en": "Notes on your file", "id": "Catatan tentang berkas Anda"},
    "answered": {"en": "answered", "id": "dijawab"},
    "mean": {"en": "mean score", "id": "rata-rata nilai"},
    "full": {"en": "fully correct", "id": "tepat sepenuhnya"},
    "students": {"en": "students", "id": "mahasiswa"},
    "range": {"en": "score range", "id": "rentang nilai"},
}
PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #1b1b1b; }}
h1 {{ font-size: 1.5em; }} table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #bbb; padding: 6px 8px; vertical-align: top; text-align: left; }}
th {{ background: #eee; }} tr > th:first-child:not([colspan]) {{ width: 11em; }}
.answer {{ white-space: pre-wrap; }} code {{ font-size: 0.92em; background: #f3f3f3; padding: 0 3px; }}
.correct {{ border-left: 5px solid #2e7d32; }} .partial {{ border-left: 5px solid #ef6c00; }}
.incorrect, .unanswered {{ border-left: 5px solid #c62828; }} .notes {{ background: #fff8e1; padding: 0.5em 1em; }}
</style></head><body>
{body}
</body></html>
"""


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def _screen(exercise: Exercise, screen: Screen | None) -> Screen:
    return screen if screen is not None else practice_screen(exercise)


def _by_screen(keys: list[Any], order: tuple[str, ...]) -> list[Any]:
    """``keys`` in the order they were on screen; keys not shown keep their place after them."""
    return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))


def describe_answer(exercise: Exercise, answer: Any, lang: str, screen: Screen | None = None) -> str:
    """A student's answer in words (plain text), with the letters and order of their screen (the type describes it)."""
    if answer is None or answer == "" or answer == [] or answer == {}:
        return word("none", lang)
    return exercise.describe_answer(answer, lang, _screen(exercise, screen))


def describe_key(exercise: Exercise, lang: str, screen: Screen | None = None) -> str:
    """The right answer in words (plain text), with the letters and order of the student's screen (the type describes it)."""
    return exercise.describe_key(lang, _screen(exercise, screen))


def _key_lines(exercise: Exercise, lang: str, keys: dict[tuple[Any, ...], str], screen: Screen | None) -> str:
    shown = _screen(exercise, screen)
    cached = keys.get((id(exercise), lang, shown))
    if cached is None:
        cached = keys[(id(exercise), lang, shown)] = _lines(describe_key(exercise, lang, shown))
    return cached


def _lines(text: str) -> str:
    return f'<div class="answer">{html.escape(text)}</div>'


def student_page(
    lesson_title: str, student: str, lang: str, rows: list[tuple[Exercise, Any, Result, float]], total: float | None, maximum: float, notes: list[Message | str],
    keys: dict[tuple[Any, ...], str] | None = None, screens: Mapping[str, Screen] | None = None,
) -> str:
    """The feedback page of one student: every exercise, their answer, the right answer, why.

    ``keys`` is an optional cache of the right answers in words, shared by the
    pages of one grading run (the key is the same on every page with the same
    screen). ``screens`` gives, per exercise id, the order of options and items
    the student saw (:mod:`course.screen`); without it, the practice order.
    ``notes`` on the file are written in the page's language.
    """
    screens = screens or {}
    keys = {} if keys is None else keys
    title = f"{word('feedback', lang)} · {lesson_title} · {student}"
    score = word("not_graded", lang) if total is None else f"{number_text(total, lang)} / {number_text(maximum, lang)} {word('points', lang)}"
    parts = [f"<h1>{html.escape(title)}</h1>", f"<p><strong>{word('score', lang)}: {score}</strong></p>"]
    if notes:
        items = "".join(f"<li>{html.escape(text_in(n, lang))}</li>" for n in notes)
        parts.append(f'<div class="notes"><h2>{word("notes", lang)}</h2><ul>{items}</ul></div>')
    for number, (exercise, answer, result, points) in enumerate(rows, start=1):
        lines = [pick(line, lang) for line in result.feedback]
        verdict = f"{ICONS[result.status]} {html.escape(lines[0])}" if lines else ""
        why = "".join(f"<li>{inline_markdown(line)}</li>" for line in lines[1:])
        parts.append(
            f'<table class="{result.status}"><tr><th colspan="2">{word("exercise", lang)} {number} · {html.escape(exercise.id)} · '
            f"{number_text(points, lang)} / {number_text(exercise.points, lang)} {word('points', lang)}</th></tr>"
            f'<tr><td colspan="2">{inline_markdown(question_text(exercise, lang))}</td></tr>'
            f"<tr><th>{word('your_answer', lang)}</th><td>{_lines(describe_answer(exercise, answer, lang, screens.get(exercise.id)))}</td></tr>"
            f"<tr><th>{word('right_answer', lang)}</th><td>{_key_lines(exercise, lang, keys, screens.get(exercise.id))}</td></tr>"
            f"<tr><th>{word('why', lang)}</th><td><strong>{verdict}</strong><ul>{why}</ul></td></tr></table>"
        )
    return _page(lang, title, parts)


def _page(lang: str, title: str, parts: list[str]) -> str:
    """A whole page; the language attribute is one of the course's languages, whatever a notebook claimed."""
    lang = lang if lang in LANGUAGES else "en"
    return PAGE.format(lang=html.escape(lang, quote=True), title=html.escape(title), body="\n".join(parts))


def _heading(column: str, lang: str) -> str:
    return say(f"column_{column}", lang) if has(f"column_{column}") else column


def _cell_text(column: str, value: Any, lang: str) -> str:
    if column == "type" and value in TYPE_NAMES:
        return pick(TYPE_NAMES[value], lang)
    return number_text(value, lang)


def html_table(rows: list[dict[str, Any]], lang: str = "en") -> str:
    """A list of rows as an escaped HTML table: column names in ``lang``, numbers as its readers write them."""
    if not rows:
        return "<p>—</p>"
    head = "".join(f"<th>{html.escape(_heading(str(c), lang))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell_text(str(c), v, lang))}</td>" for c, v in row.items()) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def summary_page(lesson_title: str, lang: str, difficulty: list[dict[str, Any]], distribution: list[dict[str, Any]], report: list[str]) -> str:
    """The class summary in ``lang``: exercises by difficulty, the distribution of scores, the problems met."""
    title = say("summary_title", lang, lesson=lesson_title)
    parts = [f"<h1>{html.escape(title)}</h1>", f"<h2>{html.escape(say('summary_difficulty', lang))}</h2>", html_table(difficulty, lang)]
    parts += [f"<h2>{html.escape(say('summary_distribution', lang))}</h2>", html_table(distribution, lang)]
    if report:
        parts.append(f"<h2>{html.escape(say('summary_report', lang))}</h2><ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in report) + "</ul>")
    return _page(lang, title, parts)
