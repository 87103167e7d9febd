"""What the lecturer's tools say to people, in English and Bahasa Indonesia.

Report lines, summary headings, LMS comments and the closing line of
``grade`` come from this one catalogue, so a run with ``--lang id`` speaks
Indonesian throughout. Each entry is a template with named fields;
:func:`say` fills it, writing numbers as a person in that language reads
them (57.5 in English, 57,5 in Indonesian) with :func:`number_text`.

Report lines and notes on a file (:mod:`course.results.report_texts`) are kept as
:class:`Message` values, a key and its fields, until they are written: the
report is then rendered in the run's language and each feedback page's notes
in that page's language. ``str()`` of a message is its English text.

Messages the student sees inside a notebook live in :mod:`course.i18n`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .results.report_texts import REPORT

LANGS = ("en", "id")

MESSAGES: dict[str, dict[str, str]] = {
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
    # the LMS comment beside each grade (Moodle's "Feedback comments")
    "lms_comment": {
        "en": "{points} of {maximum} points. Feedback on every exercise is in the attached file {page}.",
        "id": "Nilai {points} dari {maximum}. Umpan balik untuk setiap soal ada di berkas terlampir {page}.",
    },
    # the class summary page
    "summary_title": {"en": "Class summary · {lesson}", "id": "Ringkasan kelas · {lesson}"},
    "summary_difficulty": {"en": "Exercises, hardest first", "id": "Latihan, dari yang tersulit"},
    "summary_distribution": {"en": "Score distribution", "id": "Sebaran nilai"},
    "summary_report": {"en": "Report", "id": "Laporan"},
    "column_exercise": {"en": "exercise", "id": "latihan"},
    "column_type": {"en": "type", "id": "jenis"},
    "column_points": {"en": "points", "id": "poin"},
    "column_answered_%": {"en": "answered (%)", "id": "dijawab (%)"},
    "column_mean_score_%": {"en": "mean score (%)", "id": "rata-rata nilai (%)"},
    "column_fully_correct_%": {"en": "fully correct (%)", "id": "tepat sepenuhnya (%)"},
    "column_range": {"en": "score range", "id": "rentang nilai"},
    "column_students": {"en": "students", "id": "jumlah mahasiswa"},
    # the Classroom grade list, a file for people
    "classroom_name": {"en": "name", "id": "nama"},
    "classroom_email": {"en": "email", "id": "email"},
    "classroom_points": {"en": "points", "id": "nilai"},
    "classroom_out_of": {"en": "out_of", "id": "nilai_maksimum"},
    "classroom_status": {"en": "status", "id": "status"},
    "classroom_late": {"en": "late", "id": "terlambat"},
    "classroom_feedback_file": {"en": "feedback_file", "id": "berkas_umpan_balik"},
    "classroom_comment": {"en": "comment", "id": "komentar"},
    "yes": {"en": "yes", "id": "ya"},
    # gradebook statuses, where a person reads them
    "status_graded": {"en": "graded", "id": "dinilai"},
    "status_graded with notes": {"en": "graded with notes", "id": "dinilai, dengan catatan"},
    "status_no submission": {"en": "no submission", "id": "tidak mengumpulkan"},
    "status_not readable": {"en": "not readable", "id": "berkas tidak terbaca"},
    "status_wrong lesson": {"en": "wrong lesson", "id": "berkas pelajaran lain"},
    "status_could not be graded": {"en": "could not be graded", "id": "tidak dapat dinilai"},
    "status_superseded": {"en": "superseded", "id": "digantikan berkas lain"},
    "status_PDF, not a notebook": {"en": "PDF, not a notebook", "id": "PDF, bukan notebook"},
    "status_Word file, not a notebook": {"en": "Word file, not a notebook", "id": "berkas Word, bukan notebook"},
    "status_image, not a notebook": {"en": "image, not a notebook", "id": "gambar, bukan notebook"},
    "status_empty file": {"en": "empty file", "id": "berkas kosong"},
    "status_other file, not a notebook": {"en": "other file, not a notebook", "id": "berkas lain, bukan notebook"},
    # the last lines `python -m course grade` prints
    "grade_done": {
        "en": "lesson {lesson}, {what}: {graded} notebooks graded, {ungraded} not graded (see above); {notes} notes. Results in {out}: {files}",
        "id": "pelajaran {lesson}, {what}: {graded} notebook dinilai, {ungraded} tidak dinilai (lihat di atas); {notes} catatan. Hasil di {out}: {files}",
    },
    "mode_practice": {"en": "practice set", "id": "latihan"},
    "mode_assessment": {"en": "quiz", "id": "kuis"},
    "grade_kept": {"en": "; {kept} earlier gradebook rows kept", "id": "; {kept} baris buku nilai sebelumnya tetap disimpan"},
    "grade_lms": {
        "en": "for the LMS: {files} (docs/instructor-guide.md says where to upload each)",
        "id": "untuk LMS: {files} (docs/panduan-dosen.md menjelaskan ke mana setiap berkas diunggah)",
    },
    **REPORT,
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


def field_text(value: object, lang: str) -> str:
    """A field as written in ``lang``: a message in that language, a ``{"en": ..., "id": ...}`` text picked,
    a list joined with commas, a number by :func:`number_text`, anything else as it is."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en", ""))
    if isinstance(value, (list, tuple)):
        return ", ".join(field_text(item, lang) for item in value)
    return number_text(value, lang)


def say(key: str, lang: str | None, **fields: object) -> str:
    """Message ``key`` in ``lang`` (English when the language is unknown), numbers written for that language."""
    lang = lang if lang in LANGS else "en"
    templates: Mapping[str, str] = MESSAGES[key]
    template = templates.get(lang) or templates["en"]
    return template.format(**{name: field_text(value, lang) for name, value in fields.items()})


@dataclass(frozen=True, init=False)
class Message:
    """A catalogue sentence not yet written: its key and fields. ``str()`` is English; :meth:`text` any language."""

    key: str
    fields: tuple[tuple[str, object], ...]

    def __init__(self, key: str, **fields: object) -> None:
        if key not in MESSAGES:
            raise KeyError(f"no catalogue entry {key!r}")
        frozen = {name: tuple(value) if isinstance(value, list) else value for name, value in fields.items()}
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", tuple(sorted(frozen.items())))

    def text(self, lang: str | None) -> str:
        """The sentence in ``lang``, its fields (and the messages among them) in the same language."""
        return say(self.key, lang, **dict(self.fields))

    def __str__(self) -> str:
        return self.text("en")

    def __contains__(self, part: str) -> bool:
        return part in str(self)


def text_in(value: Message | str, lang: str | None) -> str:
    """A report line or a note as written in ``lang`` (a plain string stays as it is)."""
    return value.text(lang) if isinstance(value, Message) else str(value)


def has(key: str) -> bool:
    """Whether the catalogue holds ``key`` (for texts looked up by a value, such as a status)."""
    return key in MESSAGES


def run_language(given: str | None, languages: Iterable[object]) -> str:
    """The language of a run: the one asked for, else the one most notebooks are in, else English."""
    if given in LANGS:
        return str(given)
    counts = Counter(lang for lang in languages if lang in LANGS)
    return str(counts.most_common(1)[0][0]) if counts else "en"
