"""Spell check of the lessons' text and the exercise banks, in English and Indonesian.

Uses Debian's hunspell with the en_US and id_ID dictionaries and the project's
word lists in ``tests/content/spelling/`` (names, technical terms and Indonesian forms
the dictionary lacks; one file per lesson plus ``common.txt``).

The rule follows the usual style of both languages: a foreign term is set in
*italics*. So in an Indonesian notebook, words in italics may be English (or
Indonesian) and every other word must be Indonesian; in an English notebook,
the reverse. Code, links, HTML tags and the reference list are not checked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from notebook_tools import LANGUAGES, all_names, markdown, read

ROOT = Path(__file__).resolve().parents[2]
WORDLISTS = Path(__file__).resolve().parent / "spelling"
DICTIONARIES = {"en": "en_US", "id": "id_ID"}
REFERENCE_HEADINGS = ("## References", "## Daftar pustaka")


@lru_cache(maxsize=1)
def accepted_words() -> frozenset[str]:
    """Every word of the word lists, in lower case (a listed word is accepted in any case)."""
    words = set()
    for path in sorted(WORDLISTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(line.casefold())
    return frozenset(words)


def unknown_words(words: list[str], dictionaries: str) -> set[str]:
    """The words hunspell does not know with ``dictionaries`` (e.g. 'id_ID' or 'id_ID,en_US')."""
    if not words:
        return set()
    if shutil.which("hunspell") is None:
        pytest.fail("hunspell is needed for the spelling test: apt-get install -y hunspell hunspell-en-us hunspell-id")
    result = subprocess.run(["hunspell", "-d", dictionaries, "-l"], input="\n".join(words), capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def clean(text: str) -> str:
    """Remove what is not prose: code, HTML tags, links' targets, URLs, the reference list."""
    for heading in REFERENCE_HEADINGS:
        if heading in text:
            text = text[: text.index(heading)]
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"\S*(?:\.\w+|\(\)|\w_\w)\S*", " ", text)  # code written without backticks: .str.len(), set_index()


def tokens(text: str) -> list[str]:
    words = []
    for raw in re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*", text):
        word = re.sub(r"['’]s$", "", raw).strip("-'’")
        if not word or word.isupper() or any(ch.isdigit() for ch in word):
            continue  # acronyms such as UNESCAP, KPBU, ASN
        words.append(word)
    return words


def split_italics(text: str) -> tuple[str, str]:
    """(plain text, text in *italics*)."""
    italic = re.findall(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?!\*)", text)
    plain = re.sub(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?!\*)", " ", text)
    return plain, " ".join(italic)


def misspelt(text: str, lang: str) -> list[str]:
    accepted = accepted_words()
    plain, italic = split_italics(clean(text))
    other = "en" if lang == "id" else "id"
    found = unknown_words(tokens(plain), DICTIONARIES[lang])
    found |= unknown_words(tokens(italic), f"{DICTIONARIES[lang]},{DICTIONARIES[other]}")
    return sorted(w for w in found if w.casefold() not in accepted)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", all_names())
def test_lesson_text_is_spelt_correctly(name, lang):
    text = "\n\n".join(markdown(read(lang, name)))
    wrong = misspelt(text, lang)
    assert not wrong, f"{lang}/{name}: unknown words {wrong}; fix them or add real terms to tests/content/spelling/"


def _bank_texts(node, lang: str):
    if isinstance(node, dict):
        if set(node) >= {"en", "id"} and all(isinstance(node[k], str) for k in ("en", "id")):
            yield node[lang]
            return
        for value in node.values():
            yield from _bank_texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from _bank_texts(value, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("bank", sorted((ROOT / "data" / "exercises").glob("*.yml")), ids=lambda p: p.name)
def test_exercise_bank_text_is_spelt_correctly(bank, lang):
    raw = yaml.safe_load(bank.read_text(encoding="utf-8"))
    text = "\n".join(_bank_texts(raw["exercises"], lang))
    wrong = misspelt(text, lang)
    assert not wrong, f"{bank.name} ({lang}): unknown words {wrong}; fix them or add real terms to tests/content/spelling/"


def test_the_spell_checker_catches_mistakes():
    assert misspelt("Good governence needs transparency.", "en") == ["governence"]
    assert misspelt("Tata kelola pemerintahn yang baik.", "id") == ["pemerintahn"]
    assert misspelt("Kemitraan memerlukan *good governance*.", "id") == []
    assert misspelt("Kemitraan memerlukan good governance.", "id") == ["good", "governance"]


@pytest.mark.parametrize(
    "doc, lang",
    [
        ("syllabus-en.md", "en"),
        ("silabus-id.md", "id"),
        ("instructor-guide.md", "en"),
        ("panduan-dosen.md", "id"),
        ("campus-it-guide.md", "en"),
        ("panduan-it-kampus.md", "id"),
        ("teaching-notes-en.md", "en"),
        ("catatan-mengajar-id.md", "id"),
    ],
)
def test_guides_are_spelt_correctly(doc, lang):
    wrong = misspelt((ROOT / "docs" / doc).read_text(encoding="utf-8"), lang)
    assert not wrong, f"docs/{doc}: unknown words {wrong}"
