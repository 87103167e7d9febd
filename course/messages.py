"""What the lecturer's tools say to people, in English and Bahasa Indonesia.

Report lines, summary headings, LMS comments and the closing line of
``grade`` are the entries ``report.*``, ``lms.*``, ``summary.*`` and ``grade.*`` of the
course's one catalogue (:mod:`course.words`), so a run with ``--lang id`` speaks
Indonesian throughout. Here a key is an entry's name within those groups
(``"lms_comment"``, unique across them). Each entry is a template with named fields;
:func:`say` fills it, writing numbers as a person in that language reads
them (57.5 in English, 57,5 in Indonesian) with :func:`number_text`.

Report lines and notes on a file (the entries ``report.*``) are kept as
:class:`Message` values, a key and its fields, until they are written: the
report is then rendered in the run's language and each feedback page's notes
in that page's language. ``str()`` of a message is its English text.

Terms in Indonesian: mahasiswa (student), berkas (file), nilai (grade), poin (points),
latihan (an exercise, as the widgets say "Latihan 3"), set latihan (the practice set,
the mode), kuis (the quiz), rekaman jawaban (answer record), kiriman (submission),
unggah (upload).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .model.vocabulary import LANGUAGES
from .words import catalogue, word

NAMESPACES = ("report", "lms", "summary", "grade")
"""The catalogue's groups this module serves; a key here is an entry's name within them (``"lms_comment"``)."""


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    """Each name of the lecturer's entries to its dotted catalogue key; a name is in one group only."""
    found: dict[str, str] = {}
    for key in catalogue():
        group, _, name = key.partition(".")
        if group in NAMESPACES:
            if name in found:
                raise ValueError(f"words.yml: '{name}' is in both {found[name]} and {key}")
            found[name] = key
    return found


def catalogue_key(name: str) -> str:
    """The dotted catalogue key of a lecturer's entry: ``catalogue_key("lms_comment") == "lms.lms_comment"``."""
    return _entries()[name]


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
    lang = lang if lang in LANGUAGES else "en"
    return word(catalogue_key(key), lang, **{name: field_text(value, lang) for name, value in fields.items()})


@dataclass(frozen=True, init=False)
class Message:
    """A catalogue sentence not yet written: its key and fields. ``str()`` is English; :meth:`text` any language."""

    key: str
    fields: tuple[tuple[str, object], ...]

    def __init__(self, key: str, **fields: object) -> None:
        if key not in _entries():
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
    return key in _entries()


def run_language(given: str | None, languages: Iterable[object]) -> str:
    """The language of a run: the one asked for, else the one most notebooks are in, else English."""
    if given in LANGUAGES:
        return str(given)
    counts = Counter(lang for lang in languages if lang in LANGUAGES)
    return str(counts.most_common(1)[0][0]) if counts else "en"
