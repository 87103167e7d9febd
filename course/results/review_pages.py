"""The review sheet as pages to read: one page per text item, every answer beside the model answer.

``review-<label>/<exercise>.html`` lists each student's answer (as written,
line breaks kept), its length, the rubric points its words mention (a hint)
and the points given so far; the question, the model answer and the rubric
stay in view beside them. ``review-<label>/index.html`` lists the items. The
pages only show the sheet: points are given in ``review-<label>.csv``
(:mod:`course.results.review`). They come from the autoescaped templates
``review.html`` and ``review-index.html``, in the run's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..grading.assignments import output_names
from ..grading.scoring import Graded
from ..i18n import pick
from ..messages import Message, number_text
from ..model.bank import Bank
from ..model.texts import inline_markdown, question_text
from ..words import word
from .review import ReviewSheet, points_value
from .templates import render

WORDS = ("how", "all_items", "student", "answer", "words", "points", "changed", "hits", "question", "model_answer", "rubric")
INDEX_WORDS = ("how", "item", "answers", "given", "waiting")


def _words(keys: tuple[str, ...], lang: str, sheet: str) -> dict[str, str]:
    return {key: word(f"page.review_{key}", lang, sheet=sheet) for key in keys}


def _points_text(value: Any, lang: str) -> tuple[str, bool]:
    """The points cell as the page shows it, and whether it holds usable points."""
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else points_value(str(value or ""))
    if number is None:
        return (str(value) if value not in ("", None) else word("page.review_not_given", lang)), False
    return number_text(number, lang), True


def review_pages(rows: list[dict[str, Any]], bank: Bank, label: str, sheet: str, lang: str) -> dict[str, str]:
    """The pages (file name in the folder -> HTML) of the sheet's ``rows``, in ``lang``."""
    pages: dict[str, str] = {}
    items = []
    for exercise in bank.exercises:
        if not exercise.graded_by_people:
            continue
        values = []
        for number, row in enumerate((r for r in rows if r["exercise"] == exercise.id), start=1):
            points, given = _points_text(row.get("points"), lang)
            values.append(
                {
                    "anchor": f"row-{number}",
                    "student": str(row["student"]),
                    "name": str(row.get("name", "")),
                    "answer": str(row.get("answer", "")),
                    "words": number_text(row.get("words", ""), lang),
                    "hits": str(row.get("rubric_hits", "")),
                    "points": points,
                    "given": given,
                    "changed": bool(row.get("changed")),
                }
            )
        page = f"{exercise.id}.html"
        title = f"{word('page.review_title', lang)} · {label} · {exercise.id}"
        pages[page] = render(
            "review.html",
            lang=lang,
            title=title,
            words=_words(WORDS, lang, sheet),
            rows=values,
            question=Markup(inline_markdown(question_text(exercise, lang))),
            model_answer=pick(getattr(exercise, "model_answer", {}), lang),
            rubric=[pick(c.label, lang) for c in getattr(exercise, "rubric", ())],
        )
        given = sum(1 for v in values if v["given"])
        items.append({"id": exercise.id, "page": page, "answers": len(values), "given": given, "waiting": len(values) - given})
    pages["index.html"] = render(
        "review-index.html",
        lang=lang,
        title=f"{word('page.review_title', lang)} · {label}",
        words=_words(INDEX_WORDS, lang, sheet),
        items=items,
    )
    return pages


def open_review_sheet(out: Path, label: str, mode: str, bank: Bank) -> ReviewSheet | None:
    """The assignment's review sheet in ``out`` (read before anything is written), or None when no item of this run is graded by people."""
    if mode != "assessment" or not any(e.graded_by_people for e in bank.exercises):
        return None
    return ReviewSheet.read(out / output_names(label)["review_csv"], bank)


def review_files(sheet: ReviewSheet, graded: list[Graded], label: str, lang: str) -> tuple[dict[str, str | bytes], list[Message]]:
    """The sheet and its pages after this run (path in ``--out`` -> content), and the report's lines on them."""
    names = output_names(label)
    rows = sheet.new_rows(graded, lang)
    files: dict[str, str | bytes] = {names["review_csv"]: sheet.to_csv(rows)}
    pages = review_pages(rows, sheet.bank, label, names["review_csv"], lang)
    files.update({names["review_pages"] + name: page for name, page in pages.items()})
    return files, sheet.summary(rows, names["review_csv"], names["review_pages"] + "index.html")
