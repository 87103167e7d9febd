"""Concepts and glossary: complete, bilingual, and every quote really is in the corpus."""

from __future__ import annotations

import pytest

from course.library import concepts
from course.library.concepts import normalise_space
from course.library.corpus import load_abstracts

REQUIRED_CONCEPTS = {
    "good-governance",
    "public-policy",
    "participative-public-policy",
    "implementing-technical-guidelines",
    "development-plans",
    "social-participation-mechanism",
    "bureaucratic-reform",
    "value-system",
    "structure",
    "process",
    "apparatus-resources",
    "social-empowerment",
    "co-guiding",
    "co-steering",
    "co-managing",
    "partnership",
    "transparency",
    "communication-in-decision-making",
    "democratic-professional-service",
}
ALL = concepts.load_concepts()


def test_every_concept_named_in_the_abstracts_is_there():
    assert {c.id for c in ALL} >= REQUIRED_CONCEPTS


def test_ids_are_unique_and_relations_point_to_a_concept():
    ids = [c.id for c in ALL]
    assert len(ids) == len(set(ids))
    assert all(c.part_of in ids for c in ALL if c.part_of)
    assert all(c.follows_from in ids for c in ALL if c.follows_from)


def test_what_empowerment_leads_to_is_not_filed_as_its_part():
    """The abstract says social empowerment *leads to* the co- processes (issue 21, round 21)."""
    led_to = {c.id for c in ALL if c.follows_from == "social-empowerment"}
    assert led_to == {"co-guiding", "co-steering", "co-managing"}
    assert not [c.id for c in ALL if c.part_of == "social-empowerment"]


@pytest.mark.parametrize("concept", ALL, ids=lambda c: c.id)
def test_concept_is_bilingual_and_has_evidence(concept):
    for field in (concept.name, concept.definition):
        assert field["en"].strip() and field["id"].strip()
        assert field["en"] != field["id"] or concept.id.startswith("co-")
    assert concept.evidence, "every concept needs at least one quote"
    assert concept.terms.get("en") and concept.terms.get("id")


@pytest.mark.parametrize("concept", ALL, ids=lambda c: c.id)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_evidence_quotes_are_verbatim_in_the_corpus(concept, lang):
    corpus = load_abstracts().set_index("id")
    for item in concept.evidence:
        text = normalise_space(corpus.loc[item.abstract, f"abstract_{lang}"])
        quote = normalise_space(getattr(item, lang))
        assert quote in text, f"{concept.id}: quote not found in {item.abstract} ({lang}): {quote!r}"


def test_concept_matrix_follows_the_evidence():
    matrix = concepts.concept_matrix(load_abstracts(), "en")
    assert list(matrix.columns) == ["eviningrum-budiono", "fatmawati"]
    assert matrix.loc["Good governance"].all()
    assert matrix.loc["Value system", "eviningrum-budiono"] and not matrix.loc["Value system", "fatmawati"]
    assert matrix.loc["Transparency", "fatmawati"] and not matrix.loc["Transparency", "eviningrum-budiono"]
    indonesian = concepts.concept_matrix(load_abstracts(), "id")
    assert indonesian.index[0] == "Tata kelola pemerintahan yang baik"
    assert (indonesian.values == matrix.values).all(), "both languages must tell the same story"


def test_find_concepts_reads_both_languages():
    text = "Reformasi birokrasi dan transparansi anggaran"
    assert concepts.find_concepts(text, "id", ids=True) == ["bureaucratic-reform", "transparency"]
    assert "co-steering" in concepts.find_concepts("A forum for co-steering the budget", "en", ids=True)


def test_find_concepts_names_the_concepts_in_the_language_of_the_text():
    """An Indonesian student sees Indonesian names, never the English ids (issue 13)."""
    assert concepts.find_concepts("Reformasi birokrasi dan transparansi anggaran", "id") == ["Reformasi birokrasi", "Transparansi"]
    assert concepts.find_concepts("A transparent forum", "en") == ["Transparency"]
    assert concepts.find_concepts("dewan untuk co-steering", "id") == ["Co-steering"]


def test_course_terms_for_co_guiding_steering_managing():
    """Indonesian texts use the abstract's own labels (decision of 2026-12-07), not coined Indonesian names."""
    names = concepts.concepts_table("id").set_index("id")["name"]
    assert names["co-guiding"] == "Co-guiding"
    assert names["co-steering"] == "Co-steering"
    assert names["co-managing"] == "Co-managing"
    for concept in concepts.load_concepts():
        for word in ("pengarahan", "kendali ", "mengemudi", "pembimbingan bersama", "pengendalian bersama", "pengelolaan bersama"):
            assert word not in concept.definition["id"] and word not in concept.name["id"], (concept.id, word)


def test_table_headers_follow_the_language():
    matrix = concepts.concept_matrix(load_abstracts(), "id")
    assert matrix.index.name == "konsep"
    assert concepts.concept_matrix(load_abstracts(), "en").index.name == "concept"
    assert list(concepts.evidence("transparency", "id").columns) == ["abstrak", "kutipan"]
    assert list(concepts.glossary("id").columns) == ["term_id", "term_en", "sumber"]


def test_concepts_table_and_evidence_in_each_language():
    table = concepts.concepts_table("id")
    assert table.loc[table["id"] == "apparatus-resources", "name"].item() == "Sumber daya aparatur"
    quotes = concepts.evidence("good-governance", "en")
    assert quotes["abstract"].tolist() == ["eviningrum-budiono", "fatmawati"]
    with pytest.raises(KeyError, match="known concepts"):
        concepts.evidence("no-such-concept")


def test_glossary_has_at_least_40_complete_pairs():
    table = concepts.glossary()
    assert list(table.columns) == ["term_en", "term_id", "source"]
    assert len(table) >= 40
    assert (table["term_en"].str.strip() != "").all() and (table["term_id"].str.strip() != "").all()
    assert table["term_en"].is_unique
    assert concepts.glossary("id").columns[0] == "term_id"


def test_localise_columns_renames_for_display_only():
    from course.i18n import column_label, localise_columns

    table = concepts.concepts_table("id")[["name", "definition"]]
    shown = localise_columns(table, "id")
    assert list(shown.columns) == ["nama", "definisi"] and list(table.columns) == ["name", "definition"]
    assert list(localise_columns(table, "en").columns) == ["name", "definition"]
    assert column_label("source", "id") == "sumber" and column_label("no-such-column", "id") == "no-such-column"
