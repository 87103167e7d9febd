"""Words and plain text shared by the widgets and the feedback pages (pure Python, no Jupyter).

Labels (entries ``widget.*`` of :mod:`course.words`), the status icons, and the small markdown subset the
banks use (``**bold**``, ``*italic*``, `` `code` ``) rendered as escaped HTML or
as plain text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..i18n import get_language, pick
from ..words import word
from .vocabulary import CORRECT, INCORRECT, PARTIAL, RECORDED, REVIEW, UNANSWERED

if TYPE_CHECKING:
    from .exercises.base import Exercise, Result

ICONS = {CORRECT: "✔", PARTIAL: "◐", INCORRECT: "✘", RECORDED: "✎", UNANSWERED: "…", REVIEW: "⚑"}


def label(key: str, lang: str, **values: Any) -> str:
    """Entry ``widget.<key>`` of the catalogue (:mod:`course.words`) in ``lang``."""
    return word(f"widget.{key}", lang or get_language(), **values)


@lru_cache(maxsize=4096)
def inline_markdown(text: str) -> str:
    """Escape ``text`` and render **bold**, *italic* and `code` (all a question needs)."""
    escaped = html.escape(text.strip())
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    escaped = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<em>\1</em>", escaped)
    return escaped.replace("\n\n", "<br><br>")


def plain(text: str) -> str:
    """The question as plain text: **bold** and *italic* markers removed."""
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text.strip())
    return re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)


def word_limits(exercise: Exercise, lang: str) -> str:
    """The word limits that change a text answer's score, as one sentence ("Write 40 to 150 words."); "" for other types.

    The numbers come from the bank (``min_words``, ``max_words``), so what the
    student reads cannot drift from what :meth:`~course.model.exercises.text.ShortText.check` applies.
    """
    limits = exercise.word_limits()
    if limits is None:
        return ""
    low, high = limits
    if low and high:
        key = "words_exactly" if low == high else "words_range"
    else:
        key = "words_at_least" if low else "words_at_most" if high else ""
    return label(key, lang, low=low, high=high) if key else ""


def question_text(exercise: Exercise, lang: str) -> str:
    """The question as the student sees it (bank markdown): the bank's question, then its word limits if any."""
    question = pick(exercise.question, lang).strip()
    limits = word_limits(exercise, lang)
    return f"{question}\n\n{limits}" if limits else question


def heading(exercise: Exercise, lang: str, number: int | None = None) -> str:
    """'Exercise 3 · single choice · 1 point' in the notebook's language."""
    points = exercise.points
    unit = label("point" if points == 1 else "points", lang)
    amount = f"{points:g} {unit}"
    title = label("exercise", lang) + (f" {number}" if number else "")
    return f"{title} · {pick(exercise.title, lang)} · {amount} · {exercise.id}"


def number_text(value: float, lang: str) -> str:
    """A number as a reader of ``lang`` writes it: 0.33 in English, 0,33 in Indonesian, 2 rather than 2.0."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def short_title(exercise: Exercise, lang: str, limit: int = 64) -> str:
    """The opening words of the question, cut at a word boundary: a title for lists such as ``progress()``."""
    text = " ".join(plain(pick(exercise.question, lang)).replace("`", "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.;:(")
    return cut + " …"


def feedback_text(result: Result, lang: str) -> str:
    """The feedback as plain text: the verdict first, one line per point."""
    lines = [plain(pick(line, lang)) for line in result.feedback]
    if not lines:
        return ""
    first = f"{ICONS[result.status]} {lines[0]}"
    return "\n".join([first] + [f"  - {line}" for line in lines[1:]])
