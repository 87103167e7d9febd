"""What the lecturer's tools say to people, in English and Bahasa Indonesia.

Report lines, summary headings, LMS comments and the closing line of
``grade`` come from this one catalogue, so a run with ``--lang id`` speaks
Indonesian throughout. Each entry is a template with named fields;
:func:`say` fills it, writing numbers as a person in that language reads
them (57.5 in English, 57,5 in Indonesian) with :func:`number_text`.

Messages the student sees inside a notebook live in :mod:`course.i18n`.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("en", "id")

MESSAGES: dict[str, dict[str, str]] = {
    "points_of": {"en": "{points} of {maximum}", "id": "{points} dari {maximum}"},
}


def number_text(value: object, lang: str) -> str:
    """A number as a person reads it: ``8`` not ``8.0``, and a decimal comma in Indonesian (``57,5``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, float) and "e" in text:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def say(key: str, lang: str | None, **fields: object) -> str:
    """Message ``key`` in ``lang`` (English when the language is unknown), numbers written for that language."""
    lang = lang if lang in LANGS else "en"
    templates: Mapping[str, str] = MESSAGES[key]
    template = templates.get(lang) or templates["en"]
    return template.format(**{name: number_text(value, lang) for name, value in fields.items()})
