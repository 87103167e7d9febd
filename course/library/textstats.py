"""Simple text statistics for the abstracts, in English and Indonesian.

Used by the capstone lesson: cut a text into words, drop the little words
every text has (stop words), count the rest. Kept deliberately simple so a
student can redo each step with plain pandas:

>>> words("Co-steering, and co-managing!")
['co-steering', 'and', 'co-managing']
"""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import column_label

# One string per language, split at spaces: easier to read and edit than ruff format's one quoted word per line (hence noqa: SIM905).
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        (  # noqa: SIM905
            "a about above after again against all also although an and any are as at be because been before being both but "
            "by can could did do does doing during each either for from further had has have having he her here his how "
            "however i if in into is it its itself may meant might more most must no nor not of off on once only or other "
            "our out over own same shall she should so some such than that the their them then there these they this those "
            "thus through to too under until up upon very was we were what when where which while who whom why will with "
            "within without would you your"
        ).split()
    ),
    "id": frozenset(
        (  # noqa: SIM905
            "ada adalah agar akan antara apa apabila atas atau bagi bahwa beberapa belum berbagai bila bisa dalam dan dapat "
            "dari demikian dengan di dua hal harus hanya ia ini itu jika juga kami kita ke kepada karena ketika lagi lain "
            "maupun melalui menjadi merupakan meskipun mereka namun oleh pada para saat sangat satu secara sebagai sebuah "
            "sedangkan seluruh semua sendiri seperti serta setiap sudah supaya tanpa telah tentang terhadap termasuk "
            "tersebut tetapi tidak untuk yaitu yakni yang"
        ).split()
    ),
}


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case; hyphenated words (co-steering, hak-hak) stay whole.

    An English possessive loses its 's ("society's" counts as "society").
    """
    text = re.sub(r"(?<=\w)['’]s\b", "", str(text).casefold())
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)


def content_words(text: str, lang: str) -> list[str]:
    """The words of ``text`` without the stop words of ``lang`` ('en' or 'id')."""
    stop = STOPWORDS[lang]
    return [word for word in words(text) if word not in stop]


def term_frequencies(text: str, lang: str, drop_stopwords: bool = True) -> pd.Series:
    """How often each word occurs, most frequent first (ties in alphabetical order).

    ``lang`` is the language of the text; the series and its index are named
    in the language of the notebook (``count`` / ``term``, or ``jumlah`` / ``kata``).
    """
    tokens = content_words(text, lang) if drop_stopwords else words(text)
    counts = pd.Series(tokens, dtype=str).value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    series = pd.Series([n for _, n in ordered], index=[w for w, _ in ordered], name=column_label("count"), dtype=int)
    series.index.name = column_label("term")
    return series


def term_table(abstracts: pd.DataFrame, lang: str, top: int = 10) -> pd.DataFrame:
    """The ``top`` terms of all abstracts in ``lang``, counted per abstract (one column each).

    ``lang`` is the language of the texts; the ``term`` index and the
    ``total`` column are headed in the language of the notebook.
    """
    table = abstracts if "id" in abstracts.columns else abstracts.reset_index()
    columns = {row["id"]: term_frequencies(row[f"abstract_{lang}"], lang) for _, row in table.iterrows()}
    frame = pd.DataFrame(columns).fillna(0).astype(int)
    term, total = column_label("term"), column_label("total")
    frame[total] = frame.sum(axis=1)
    frame.index.name = None
    frame = frame.reset_index().rename(columns={"index": term})
    frame = frame.sort_values([total, term], ascending=[False, True]).head(top)
    return frame.set_index(term)
