"""The one catalogue of the course's words, in English (``en``) and Bahasa Indonesia (``id``).

Every bilingual text the course shows or writes (the widgets, the notebook
API's messages, the checkers' feedback, the feedback and summary pages, the
grading report, the LMS comments) is an entry of ``course/words.yml``, keyed by
audience: ``student.*``, ``column.*``, ``widget.*``, ``session.*``, ``check.*``,
``type.*``, ``value.*``, ``record.*``, ``page.*``, ``report.*``, ``lms.*``, ``summary.*``,
``grade.*``. Each entry holds both languages as :meth:`str.format` templates
with the same ``{fields}``; ``tests/test_words.py`` checks every entry.

Why one YAML file and not gettext: a translator edits a YAML table beside the
English without reading Python or running tools, the two languages of an entry
sit together (a missing one is seen at a glance and by the test), and the
course has exactly two languages, so ``.po`` / ``.mo`` files, their compile
step and their plural machinery would weigh more than what they carry. The
file is read once per process (:func:`catalogue` is cached).

This module imports only the standard library and ``yaml``, so the pure
exercise model (:mod:`course.model`) may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .model.vocabulary import LANGUAGES

CATALOGUE_FILE = Path(__file__).with_name("words.yml")

Text = dict[str, str]


def _flatten(prefix: str, node: object, into: dict[str, Mapping[str, str]]) -> None:
    """Collect the entries (mappings with an ``en`` text) under dotted keys."""
    if not isinstance(node, dict):
        raise ValueError(f"{CATALOGUE_FILE.name}: '{prefix}' is neither a group nor an entry")
    if "en" in node:
        into[prefix] = MappingProxyType({str(lang): str(text) for lang, text in node.items()})
        return
    for name, child in node.items():
        if not isinstance(name, str):
            raise ValueError(f"{CATALOGUE_FILE.name}: the key {name!r} under '{prefix}' is not text (quote it)")
        _flatten(f"{prefix}.{name}" if prefix else name, child, into)


@lru_cache(maxsize=1)
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Every entry of ``words.yml`` by its dotted key, read once: ``catalogue()["widget.check"]["id"] == "Periksa"``."""
    import yaml  # here, not at the top: `python -m course` without its packages must still say how to install them

    entries: dict[str, Mapping[str, str]] = {}
    _flatten("", yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), entries)
    return MappingProxyType(entries)


def has(key: str) -> bool:
    """Whether the catalogue holds ``key``."""
    return key in catalogue()


def word(key: str, lang: str | None, **fields: object) -> str:
    """Entry ``key`` in ``lang`` (English when that language is missing), its ``{fields}`` filled in."""
    texts = catalogue()[key]
    template = texts.get(lang or "en") or texts["en"]
    return template.format(**fields)


def texts(key: str, **fields: object) -> Text:
    """Entry ``key`` in both languages, fields filled in: the ``{"en": ..., "id": ...}`` a result's feedback holds.

    A field that is itself a text in both languages (a mapping, e.g. a bank's item) is filled in
    with its own text in each language.
    """
    return {
        lang: word(key, lang, **{name: value.get(lang, "") if isinstance(value, Mapping) else value for name, value in fields.items()})
        for lang in LANGUAGES
    }
