"""No replaced law is cited as current (issue 13, "Checks that keep it so").

The claims ledger ``data/claims.csv`` gives each revoked or replaced regulation the
key of its replacement (column ``replaced_by``). Every notebook (both languages,
markdown and outputs), every doc, the glossary, the concepts file and every
exercise bank is scanned: a sentence that mentions such a regulation must name its
replacement or say that it was revoked, replaced or amended (dicabut / diganti /
diubah).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from law_tools import ROOT, current_citations, file_texts, law_pattern, notebook_texts, revoked_laws, sentences

LAWS = revoked_laws()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))
TEXT_FILES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "data" / "glossary.csv", ROOT / "data" / "concepts.yml"]
TEXT_FILES += sorted((ROOT / "data" / "exercises").glob("*.yml"))


def test_the_ledger_lists_the_replaced_laws():
    assert {"UU 5/2014", "Permendikbud 1/2021", "PermenPANRB 14/2014"} <= {law.law for law in LAWS}


@pytest.mark.parametrize(
    "text",
    [
        "ASN is governed by Law No. 5 of 2014.",
        "Aparatur Sipil Negara (ASN) menurut UU Nomor 5 Tahun 2014: jumlahnya",
        "- Undang-Undang Republik Indonesia Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara.",
        "| ASN | UU 5/2014 |",
        "Reform is evaluated under *PermenPANRB* 14/2014.",
    ],
)
def test_a_current_citation_is_found(text):
    assert current_citations(text, "here", LAWS), text


@pytest.mark.parametrize(
    "text",
    [
        "UU 5/2014 on the civil service was replaced by UU 20/2023, signed on 31 October 2023.",
        "UU Nomor 5 Tahun 2014 telah dicabut dan diganti dengan UU Nomor 20 Tahun 2023.",
        "ASN diatur dalam UU 20/2023 (menggantikan UU 5/2014).",
        "The 2014 evaluation rule (PermenPANRB 14/2014) has since been replaced.",
        "Law 25/2004 on national development planning.",
        "UU 15/2014 is another law; so is PP 5/20140.",
    ],
)
def test_a_replaced_or_other_law_passes(text):
    assert not current_citations(text, "here", LAWS), text


def test_the_patterns_read_the_course_spellings():
    pattern = law_pattern("UU 5/2014")
    for text in ("UU 5/2014", "Law No. 5/2014", "Law 5 of 2014", "Undang-Undang Nomor 5 Tahun 2014", "UU No. 5 Tahun 2014"):
        assert pattern.search(text), text
    assert sentences("Law No. 5/2014 applies. Next one.") == ["Law No. 5/2014 applies.", "Next one."]
    assert sentences("ASN is governed by UU 20/2023, which replaced\nUU 5/2014.\n\n- Next") == [
        "ASN is governed by UU 20/2023, which replaced\nUU 5/2014.",
        "- Next",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_notebook_cites_a_replaced_law_as_current(path: Path):
    found = [c for where, text in notebook_texts(path) for c in current_citations(text, where, LAWS)]
    assert not found, "\n".join(str(c) for c in found)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_doc_glossary_or_bank_cites_a_replaced_law_as_current(path: Path):
    found = [c for where, text in file_texts(path) for c in current_citations(text, where, LAWS)]
    assert not found, "\n".join(str(c) for c in found)
