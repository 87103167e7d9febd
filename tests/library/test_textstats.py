"""Text statistics used by the capstone lesson."""

from __future__ import annotations

from course.library.corpus import load_abstracts
from course.library.textstats import STOPWORDS, content_words, term_frequencies, term_table, words


def test_words_keep_hyphenated_terms_and_drop_numbers():
    assert words("Co-steering, hak-hak publik; 2010 and a) value") == ["co-steering", "hak-hak", "publik", "and", "a", "value"]
    assert words("society's public rights") == ["society", "public", "rights"]


def test_stop_words_are_removed_per_language():
    assert content_words("The partnership of the government", "en") == ["partnership", "government"]
    assert content_words("Kemitraan yang transparan dan demokratis", "id") == ["kemitraan", "transparan", "demokratis"]
    assert "baik" not in STOPWORDS["id"], "'baik' carries meaning in 'tata kelola yang baik'"


def test_term_frequencies_sorted_by_count_then_alphabet():
    counts = term_frequencies("policy governance policy public governance policy zebra", "en")
    assert counts.index.tolist() == ["policy", "governance", "public", "zebra"]
    assert counts.tolist() == [3, 2, 1, 1]


def test_term_table_on_the_corpus():
    table = term_table(load_abstracts(), "en", top=5)
    assert list(table.columns) == ["eviningrum-budiono", "fatmawati", "total"]
    assert len(table) == 5 and table["total"].is_monotonic_decreasing
    assert table.loc["governance", "total"] == table.loc["governance", ["eviningrum-budiono", "fatmawati"]].sum()
    indonesian = term_table(load_abstracts().set_index("id"), "id", top=3)
    assert "yang" not in indonesian.index


def test_headers_follow_the_notebook_language():
    from course.i18n import reset_language, set_language

    set_language("id")
    try:
        table = term_table(load_abstracts(), "en", top=3)
        assert table.index.name == "kata" and "total" in table.columns
        counts = term_frequencies("kebijakan publik", "id")
        assert (counts.name, counts.index.name) == ("jumlah", "kata")
    finally:
        reset_language()
    assert term_table(load_abstracts(), "en", top=3).index.name == "term"
