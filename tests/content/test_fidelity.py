"""What the course says about its two abstracts is what they say (issue 21).

Each abstract was published in an Indonesian and an English version that translate
each other; nothing in the sources says which one is the original. So no notebook,
doc or exercise bank may call one version the original, in English or in Indonesian.

Quotations stay verbatim outside the notebooks too: the lessons' blockquotes are
checked by ``test_notebooks.py``; here every quotation that a doc (teaching notes,
guides, syllabus) or a model answer of a bank attributes to an abstract or its
authors ("The abstract says ...", "Fatmawati menulis ...") must be found in the
corpus, and no model answer or doc may have the abstract say that policies "must at
least" fulfil rights, which is the course's interpretation, not the abstract's words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from notebook_tools import blockquote_quotes

from course.library.concepts import normalise_space
from course.library.corpus import load_abstracts

ROOT = Path(__file__).resolve().parents[2]

# Claims that one version is the original (or, the same thing, that the other is its translation).
ORIGINAL_CLAIMS = [
    r"\b(?:indonesian|english) originals?\b",
    r"\b(?:indonesian|english) (?:text|version|abstract|one) is the original\b",
    r"\bwhen the two versions differ, the (?:indonesian|english) one\b",
    r"\b(?:it|which) is what the authors? wrote\b",
    r"\bthe (?:english|indonesian) (?:abstracts?|texts?|versions?)(?: we quote)? (?:is|are) (?:a |the )?(?:close )?translations?\b",
    r"\b(?:the|its|their) (?:english|indonesian) translation\b",
    r"\bnaskah asli(?:nya)? berbahasa\b",
    r"\babstrak asli\b",
    r"\bversi bahasa (?:indonesia|inggris)(?:lah)? yang asli\b",
    r"\b(?:teks|versi|abstrak) (?:berbahasa |bahasa )?(?:indonesia|inggris)(?:nya)? adalah naskah asli",
    r"\b(?:itulah|yang memang) (?:yang )?ditulis penulisnya\b",
    r"\babstrak (?:berbahasa |bahasa )?(?:inggris|indonesia)(?:nya)?\b[^.]{0,60}\badalah terjemahan",
    r"\bterjemahan (?:bahasa )?(?:inggris|indonesia)nya\b",
]
CLAIM = re.compile("|".join(f"(?:{p})" for p in ORIGINAL_CLAIMS), re.I)

# A quotation attributed to an abstract or its authors: "<the abstract / an author> <says> ... "<quote>"".
ATTRIBUTED = re.compile(
    r"\b(?:abstracts?|abstrak|eviningrum|budiono|fatmawati|authors?|penulis(?:nya)?)\b"
    r"(?:(?![\"“”]).){0,40}?"
    r"\b(?:says?|said|writes?|wrote|states?|speaks? of|begins?|opens?|calls?|reads?|puts it|introduces? it with|"
    r"menyatakan|menulis|menyebut(?:nya)?|membuka|dibuka dengan|berbunyi|mengatakan|mengantarnya dengan)\b"
    r"(?:(?![\"“”.]).){0,60}?"
    r"(?:\"([^\"]+)\"|“([^”]+)”|'((?:[^']|(?<=\w)'(?=\w))+)')",
    re.I,
)
MUST_AT_LEAST = re.compile(
    r"\b(?:abstracts?|abstrak)\b[^.]{0,60}\b(?:must at least|at least must|paling tidak harus|setidaknya harus|sekurang-kurangnya harus)\b",
    re.I,
)


def corpus_texts() -> list[str]:
    corpus = load_abstracts()
    return [normalise_space(t).casefold() for t in list(corpus["abstract_en"]) + list(corpus["abstract_id"])]


CORPUS = corpus_texts()


def not_in_corpus(quote: str) -> list[str]:
    """The fragments of ``quote`` (split at ellipses) that are not in any abstract."""
    fragments = (normalise_space(f).strip(" .,;:").casefold() for f in re.split(r"\s*(?:…|\.\.\.)\s*", quote))
    return [f for f in fragments if f and not any(f in t for t in CORPUS)]


def notebook_texts(path: Path) -> list[str]:
    """Every markdown cell and every text output of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            texts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            for value in output.get("data", {}).values():
                if isinstance(value, (str, list)):
                    texts.append("".join(value))
    return texts


def bank_texts(value: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every string of a bank with the keys leading to it."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in bank_texts(item, (*path, str(key)))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in bank_texts(item, (*path, str(index)))]
    return [(path, value)] if isinstance(value, str) else []


NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
BANKS = sorted((ROOT / "data" / "exercises").glob("*.yml"))


def _claims(texts: list[str]) -> list[str]:
    return [m.group(0) for text in texts for m in CLAIM.finditer(normalise_space(text))]


def test_the_patterns_catch_both_languages():
    assert _claims(["the Indonesian text is the original and the English text a translation"])
    assert _claims(["The English abstract is a translation published beside the Indonesian original."])
    assert _claims(["When the English version is unclear, read the Indonesian one: it is what the author wrote."])
    assert _claims(["teks bahasa Indonesia adalah naskah aslinya, sedangkan teks bahasa Inggris adalah terjemahannya"])
    assert _claims(["bacalah versi bahasa Indonesia, karena itulah yang ditulis penulisnya"])
    assert _claims(["Jika kedua versi berbeda, versi bahasa Indonesialah yang asli."])
    assert _claims(["Naskah asli berbahasa Indonesia menyebut ..., sedangkan terjemahan Inggrisnya ..."])
    assert not _claims(["Kedua versi saling menerjemahkan; versi mana yang asli tidak dapat dipastikan dari abstrak saja."])
    assert not _claims(["The two versions translate each other; which one is the original the abstracts do not say."])
    assert not _claims(["In every lesson you read what the authors wrote."])


@pytest.mark.parametrize("path", NOTEBOOKS + DOCS + BANKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_says_which_abstract_is_the_original(path: Path):
    if path.suffix == ".ipynb":
        texts = notebook_texts(path)
    elif path.suffix == ".yml":
        texts = [text for _, text in bank_texts(yaml.safe_load(path.read_text(encoding="utf-8")))]
    else:
        texts = [path.read_text(encoding="utf-8")]
    found = _claims(texts)
    assert not found, f"{path.relative_to(ROOT)} says which version of an abstract is the original: {found}"


def attributed_misquotes(text: str) -> list[str]:
    text = normalise_space(text)
    quotes = [next(g for g in m.groups() if g) for m in ATTRIBUTED.finditer(text)] + blockquote_quotes(text)
    return [fragment for quote in quotes for fragment in not_in_corpus(quote)]


def test_an_attributed_quotation_is_checked():
    assert attributed_misquotes('The abstract says that policies must be "formally fulfilling society\'s public rights".') == []
    assert attributed_misquotes('Fatmawati writes that "partnerships always work".') == ["partnerships always work"]
    assert attributed_misquotes("Kalimat abstrak itu dibuka dengan 'Terlepas dari secara resmi memenuhi hak-hak publik masyarakat'.") == []
    assert attributed_misquotes('UNESCAP calls it "consensus oriented".') == [], "only quotations given to the abstracts count"
    assert MUST_AT_LEAST.search("The abstract says that public policies must at least be formally fulfilling rights")
    assert not MUST_AT_LEAST.search("In Lesson 01's interpretation, which the abstract does not state, that is a floor")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_quote_the_abstracts_verbatim(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not attributed_misquotes(text), (
        f"{path.relative_to(ROOT)} attributes to an abstract words it does not have: {attributed_misquotes(text)}"
    )
    assert not MUST_AT_LEAST.search(normalise_space(text)), (
        f"{path.relative_to(ROOT)}: {MUST_AT_LEAST.search(normalise_space(text)).group(0)!r}"
    )


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_model_answers_quote_the_abstracts_verbatim(path: Path):
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    for keys, text in bank_texts(bank):
        if "model_answer" not in keys:
            continue
        where = f"{path.name}, {'/'.join(keys)}"
        assert not attributed_misquotes(text), f"{where} attributes to an abstract words it does not have: {attributed_misquotes(text)}"
        assert not MUST_AT_LEAST.search(normalise_space(text)), f"{where}: the abstract does not say 'must at least'"
