"""Feedback pages for students and the class summary, as self-contained HTML.

The pages are the Jinja2 templates of :mod:`course.results.templates` (autoescaped);
this module passes them plain values, so everything a student wrote is escaped.
Texts follow the lesson's language (English or Indonesian); the words are entries ``page.*``
and ``summary.*`` of :mod:`course.words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..grading.screen import Screen, practice_screen
from ..i18n import LANGUAGES, pick
from ..messages import Message, has, number_text, say, text_in
from ..model.texts import ICONS, inline_markdown, question_text
from ..model.types import TYPE_NAMES, Exercise, Result
from ..words import word as catalogue_word
from .templates import render

if TYPE_CHECKING:
    from .summary import ClassSummary


def word(key: str, lang: str) -> str:
    """Entry ``page.<key>`` of the catalogue (:mod:`course.words`) in ``lang``."""
    return catalogue_word(f"page.{key}", lang)


def _screen(exercise: Exercise, screen: Screen | None) -> Screen:
    return screen if screen is not None else practice_screen(exercise)


def describe_answer(exercise: Exercise, answer: Any, lang: str, screen: Screen | None = None) -> str:
    """A student's answer in words (plain text), with the letters and order of their screen (the type describes it)."""
    if answer is None or answer == "" or answer == [] or answer == {}:
        return word("none", lang)
    return exercise.describe_answer(answer, lang, _screen(exercise, screen))


def describe_key(exercise: Exercise, lang: str, screen: Screen | None = None) -> str:
    """The right answer in words (plain text), with the letters and order of the student's screen (the type describes it)."""
    return exercise.describe_key(lang, _screen(exercise, screen))


def _key_text(exercise: Exercise, lang: str, keys: dict[tuple[Any, ...], str], screen: Screen | None) -> str:
    """The right answer in words, from the run's cache when another page already wrote it."""
    shown = _screen(exercise, screen)
    cached = keys.get((id(exercise), lang, shown))
    if cached is None:
        cached = keys[(id(exercise), lang, shown)] = describe_key(exercise, lang, shown)
    return cached


def _page_lang(lang: str) -> str:
    """The page's language attribute: one of the course's languages, whatever a notebook claimed."""
    return lang if lang in LANGUAGES else "en"


def _words(keys: tuple[str, ...], lang: str) -> dict[str, str]:
    return {key: word(key, lang) for key in keys}


def _exercise_row(
    number: int, exercise: Exercise, answer: Any, result: Result, points: float, lang: str, key: str, screen: Screen | None
) -> dict[str, Any]:
    """One exercise of a feedback page as the template's values."""
    lines = [pick(line, lang) for line in result.feedback]
    return {
        "number": number,
        "id": exercise.id,
        "status": result.status,
        "points": number_text(points, lang),
        "maximum": number_text(exercise.points, lang),
        # inline_markdown escapes the bank's text and adds only <em>, <strong>, <code> and <br>
        "question": Markup(inline_markdown(question_text(exercise, lang))),
        "answer": describe_answer(exercise, answer, lang, screen),
        "key": key,
        "icon": ICONS[result.status],
        "verdict": lines[0] if lines else None,
        # the checker's lines (bank text, at times quoting the answer): inline_markdown escapes all of it, then adds only those tags
        "why": [Markup(inline_markdown(line)) for line in lines[1:]],
    }


ROW_WORDS = ("exercise", "points", "your_answer", "right_answer", "why")


def _row_html(
    number: int,
    exercise: Exercise,
    answer: Any,
    result: Result,
    points: float,
    lang: str,
    cache: dict[tuple[Any, ...], Any],
    screen: Screen | None,
) -> Markup:
    """One exercise of a page as HTML, rendered once per run for each distinct answer, verdict and screen.

    In a class most answers to a choice item are one of a few, so most rows are
    reused from ``cache`` (the run's cache that also keeps the right answers in words).
    """
    key = ("row", number, id(exercise), lang, screen, repr(answer), result.status, repr(result.feedback), points)
    html = cache.get(key)
    if html is None:
        row = _exercise_row(number, exercise, answer, result, points, lang, _key_text(exercise, lang, cache, screen), screen)
        html = cache[key] = Markup(render("exercise.html", words=_words(ROW_WORDS, lang), row=row))
    return html


def student_page(
    lesson_title: str,
    student: str,
    lang: str,
    rows: list[tuple[Exercise, Any, Result, float]],
    total: float | None,
    maximum: float,
    notes: list[Message | str],
    keys: dict[tuple[Any, ...], str] | None = None,
    screens: Mapping[str, Screen] | None = None,
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
    score = (
        word("not_graded", lang) if total is None else f"{number_text(total, lang)} / {number_text(maximum, lang)} {word('points', lang)}"
    )
    exercises = [
        _row_html(number, exercise, answer, result, points, lang, keys, screens.get(exercise.id))
        for number, (exercise, answer, result, points) in enumerate(rows, start=1)
    ]
    return render(
        "student.html",
        lang=_page_lang(lang),
        title=f"{word('feedback', lang)} · {lesson_title} · {student}",
        score=score,
        words=_words(("score", "notes"), lang),
        notes=[text_in(n, lang) for n in notes],
        exercises=exercises,
    )


def _heading(column: str, lang: str) -> str:
    return say(f"column_{column}", lang) if has(f"column_{column}") else column


def _cell_text(column: str, value: Any, lang: str) -> str:
    if column == "type" and value in TYPE_NAMES:
        return pick(TYPE_NAMES[value], lang)
    if column == "figure" and has(f"figure_{value}"):
        return say(f"figure_{value}", lang)
    return number_text(value, lang)


def table_values(rows: list[dict[str, Any]], lang: str = "en") -> dict[str, list[Any]]:
    """A list of rows as the table template's plain texts: column names in ``lang``, numbers as its readers write them."""
    return {
        "headings": [_heading(str(c), lang) for c in rows[0]] if rows else [],
        "rows": [[_cell_text(str(c), v, lang) for c, v in row.items()] for row in rows],
    }


SUMMARY_PARTS = ("difficulty", "distribution", "report", "overall", "items", "flagged", "read_overall", "read_scatter", "read_flagged")


def summary_page(
    lesson_title: str,
    lang: str,
    difficulty: list[dict[str, Any]],
    distribution: list[dict[str, Any]],
    report: list[str],
    statistics: ClassSummary | None = None,
) -> str:
    """The class summary in ``lang``: test figures, score histogram, facility-discrimination scatter, items by
    difficulty, the items to check with their option counts, and the problems met (``statistics``: the charts and figures)."""
    headings = {part: say(f"summary_{part}", lang) for part in SUMMARY_PARTS}
    charts = {c.name: {"src": c.data_url(), "alt": c.alt} for c in statistics.charts} if statistics else {}
    flagged = [
        {"exercise": f.exercise, "reasons": f.reasons, "chart": charts.get(f"options-{f.exercise}")}
        for f in (statistics.flagged if statistics else [])
    ]
    return render(
        "summary.html",
        lang=_page_lang(lang),
        title=say("summary_title", lang, lesson=lesson_title),
        headings=headings,
        overall=table_values(statistics.overall, lang) if statistics else None,
        histogram=charts.get("histogram"),
        scatter=charts.get("scatter"),
        flagged=flagged,
        difficulty=table_values(difficulty, lang),
        distribution=table_values(distribution, lang),
        report=list(report),
    )
