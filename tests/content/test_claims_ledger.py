"""The claims ledger and the course stay in step (issue 21).

``data/claims.csv`` holds every regulation, official figure and dated fact the course
states, with its primary source, the kind of source actually read, its status and the
date it was checked. These tests find every regulation cited in the notebooks
(markdown and outputs, both languages), the docs, the exercise banks, the concepts
file, the glossary and the reference tables, and fail, naming the file and the
citation, when one has no row in the ledger. ``test_law_currency.py`` checks that a
replaced regulation is never cited as current.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from law_tools import CLAIMS_FILE, ROOT, citations_in, claims, file_texts, find_citations, notebook_texts, split_law

CLAIMS = claims()
LAWS = {row.law for row in CLAIMS if row.kind == "regulation"}
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))
TEXT_FILES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "data" / "glossary.csv", ROOT / "data" / "concepts.yml"]
TEXT_FILES += sorted((ROOT / "data" / "exercises").glob("*.yml"))
TEXT_FILES += sorted((ROOT / "data" / "reference").glob("*.csv"))
KINDS = {"regulation", "figure", "dated fact"}
SOURCE_TYPES = {"primary", "news beside primary", "news only, no primary found", "secondary, primary not read"}
STATUS = re.compile(r"^(in force|amended by .+|replaced by .+|revoked.*|unconfirmed.*)$")
# Tables of official figures: each needs a ledger row that names it in used_in.
OFFICIAL_TABLES = [
    "03-cpi-indonesia.csv",
    "wgi-indonesia-asean.csv",
    "ombudsman-kepatuhan.csv",
    "ombudsman-opini-2025.csv",
    "02-surabaya-musrenbang-2018.csv",
    "06-mal-pelayanan-publik.csv",
    "03-indeks-rb-categories.csv",
    "03-grand-design-areas.csv",
]


def _found(path: Path):
    texts = notebook_texts(path) if path.suffix == ".ipynb" else file_texts(path)
    return [found for where, text in texts for found in find_citations(text, where)]


# --- the finder, on hand-made sentences, so that the file tests cannot pass vacuously


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pelayanan publik diatur UU No. 25 Tahun 2009.", ["UU 25/2009"]),
        ("Law 25/2009 lists twelve principles.", ["UU 25/2009"]),
        ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", ["UU 25/2009"]),
        ("- Undang-Undang Republik Indonesia Nomor 6 Tahun 2014 tentang Desa.", ["UU 6/2014"]),
        ("Law No. 20 of 2023, which replaced Law No. 5 of 2014.", ["UU 20/2023", "UU 5/2014"]),
        ("PP No. 18 of 2016 on regional government units", ["PP 18/2016"]),
        ("Peraturan Pemerintah Nomor 72 Tahun 2019", ["PP 72/2019"]),
        ("Presidential Regulation (*Peraturan Presiden*, Perpres) No. 81 of 2010", ["Perpres 81/2010"]),
        ("Peraturan Presiden (Perpres) Nomor 81 Tahun 2010", ["Perpres 81/2010"]),
        ("Keputusan Presiden Republik Indonesia Nomor 14 Tahun 2010", ["Keppres 14/2010"]),
        ("under Permendagri No. 86 of 2017, the", ["Permendagri 86/2017"]),
        ("Minister of Home Affairs Regulation No. 130 of 2018 (*Permendagri 130/2018*)", ["Permendagri 130/2018", "Permendagri 130/2018"]),
        ("amended by *PermenPANRB* No. 3/2023, which", ["PermenPANRB 3/2023"]),
        ("*PermenPAN-RB* No. 20/2010", ["PermenPANRB 20/2010"]),
        ("Peraturan Menteri PANRB Nomor 25 Tahun 2020 tentang Road Map", ["PermenPANRB 25/2020"]),
        ("(*Pedoman Teknis Evaluasi RB*, *KepMenPANRB* 739/2023)", ["KepmenPANRB 739/2023"]),
        ("Keputusan Menteri PANRB Nomor 182 Tahun 2024", ["KepmenPANRB 182/2024"]),
        ("Surat Edaran Menteri PANRB Nomor 6 Tahun 2025", ["SE MenPANRB 6/2025"]),
        ("(Peraturan Ombudsman Nomor 61 Tahun 2025)", ["Peraturan Ombudsman 61/2025"]),
        ("maladministration (Ombudsman Regulation No. 61 of 2025).", ["Peraturan Ombudsman 61/2025"]),
        ("Permendikdasmen) No. 3 of 2025, established", ["Permendikdasmen 3/2025"]),
        ("which replaced Permendikbud No. 1 of 2021 on the", ["Permendikbud 1/2021"]),
        ("Peraturan Walikota Surakarta Nomor 6 Tahun 2005 tentang", ["Perwali Surakarta 6/2005"]),
        (
            "Peraturan Menteri PANRB Nomor 9 Tahun 2011 [road maps], Nomor 1 Tahun 2012 [PMPRB], Nomor 37 Tahun 2013.",
            ["PermenPANRB 9/2011", "PermenPANRB 1/2012", "PermenPANRB 37/2013"],
        ),
        ("(*PermenPANRB* 9/2011 on drafting road maps; 37/2013 for regional governments)", ["PermenPANRB 9/2011", "PermenPANRB 37/2013"]),
    ],
)
def test_the_finder_reads_every_spelling(text, expected):
    assert citations_in(text) == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "The CPI score was 34 out of 100 in 2023.",
        "Ombudsman RI (29/1/2026) released the results.",
        "LN 2009 No. 112, TLN No. 5038",
        "Article 1 point 21 defines the forum; 2019/2020 was a budget year.",
        "In 2024, 494 of 587 institutions were green.",
    ],
)
def test_the_finder_ignores_what_is_not_a_regulation(text):
    assert citations_in(text) == [], text


def test_a_missing_regulation_is_reported_with_file_and_citation():
    found = find_citations("Desa diatur UU No. 99 Tahun 2099.", "notebooks/id/99.ipynb cell 3")
    missing = [f for f in found if f.law not in LAWS]
    assert [str(f) for f in missing] == [
        "notebooks/id/99.ipynb cell 3: UU 99/2099 is not in data/claims.csv: «Desa diatur UU No. 99 Tahun 2099.»"
    ]


# --- the ledger itself


def test_the_ledger_has_the_columns_and_rows():
    header = CLAIMS_FILE.read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in ("id", "kind", "claim", "used_in", "source_url", "source", "source_type", "status", "checked", "law"):
        assert column in header, column
    assert len({row.id for row in CLAIMS}) == len(CLAIMS), "ids are not unique"
    assert {row.kind for row in CLAIMS} == KINDS


@pytest.mark.parametrize("row", CLAIMS, ids=lambda row: row.id)
def test_each_row_is_sourced_dated_and_honest(row):
    assert row.kind in KINDS, row.kind
    assert row.claim.strip() and row.source.strip(), "claim and source are required"
    assert row.source_url.startswith(("https://", "http://")), f"source_url: {row.source_url!r}"
    assert row.source_type in SOURCE_TYPES, f"source_type: {row.source_type!r}"
    assert STATUS.match(row.status), f"status: {row.status!r}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.checked), f"checked: {row.checked!r}"
    if row.source_type.startswith("news only"):
        # A figure resting on news alone says so, and is never given as confirmed.
        assert row.status.startswith("unconfirmed"), "a news-only claim cannot be confirmed"
    if not row.status.startswith("unconfirmed"):
        assert row.source_type in {"primary", "news beside primary"}, "a confirmed status needs a primary source"
    if row.kind == "regulation":
        split_law(row.law)
        assert row.id and row.law, "a regulation row needs its key in 'law'"
        if row.replaced_by:
            split_law(row.replaced_by)
            assert row.replaced_by in LAWS or row.replaced_by in row.source, row.replaced_by
    for name in filter(None, row.used_in.split(";")):
        assert (ROOT / name).is_file(), f"used_in names a missing file: {name}"


@pytest.mark.parametrize("table", OFFICIAL_TABLES)
def test_each_table_of_official_figures_has_a_ledger_row(table):
    rows = [row for row in CLAIMS if f"data/reference/{table}" in row.used_in.split(";")]
    assert rows, f"data/reference/{table} has no row in data/claims.csv naming its provenance"


# --- the course against the ledger


@pytest.mark.parametrize("path", NOTEBOOKS + TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_regulation_cited_is_in_the_ledger(path: Path):
    missing = [f for f in _found(path) if f.law not in LAWS]
    assert not missing, "\n".join(str(f) for f in missing)


@pytest.mark.parametrize("path", NOTEBOOKS + TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ledger_names_every_file_that_cites_a_regulation(path: Path):
    name = str(path.relative_to(ROOT))
    used_in = {row.law: set(row.used_in.split(";")) for row in CLAIMS if row.kind == "regulation"}
    stale = sorted({f.law for f in _found(path) if f.law in used_in and name not in used_in[f.law]})
    assert not stale, f"{name} cites {', '.join(stale)}, but their rows' used_in do not name it"
