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
    "quiz_title": {"en": "{title} · quiz", "id": "{title} · kuis"},
    "what_pdf": {"en": "a PDF, not a notebook", "id": "berkas PDF, bukan notebook"},
    "what_word": {"en": "a Word file, not a notebook", "id": "berkas Word, bukan notebook"},
    "what_image": {"en": "an image, not a notebook", "id": "berkas gambar, bukan notebook"},
    "what_empty": {"en": "an empty file", "id": "berkas kosong"},
    "what_other": {"en": "a file that is not a notebook", "id": "berkas yang bukan notebook"},
    "not_notebook_report": {
        "en": "handed in {what}: not graded. Ask the student to upload the .ipynb file (in JupyterLab: File > Download)",
        "id": "mengumpulkan {what}: tidak dinilai. Mintalah mahasiswa mengunggah berkas .ipynb (di JupyterLab: File > Download)",
    },
    "not_notebook_comment": {
        "en": "Not graded: you handed in {what}. Please upload your notebook, the .ipynb file (in JupyterLab: File > Download).",
        "id": "Belum dinilai: Anda mengumpulkan {what}. Silakan unggah notebook Anda, yaitu berkas .ipynb (di JupyterLab: File > Download).",
    },
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
