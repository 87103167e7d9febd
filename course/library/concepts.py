"""Governance concepts and the English / Indonesian glossary, for the notebooks.

``data/concepts.yml`` lists every concept the two abstracts name, with a
definition in both languages and verbatim evidence quotes. This module turns it
into tables a lesson can show and questions it can ask:

* :func:`concepts_table` - one row per concept in the chosen language;
* :func:`evidence` - the verbatim quotes for one concept;
* :func:`concept_matrix` - which concepts each abstract contains (by its evidence);
* :func:`find_concepts` - which concepts a text mentions (by their signal terms);
* :func:`glossary` - the English / Indonesian term pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..i18n import column_label, get_language, pick
from ..paths import data_file


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from one abstract, in English and Indonesian."""

    abstract: str
    en: str
    id: str


@dataclass(frozen=True)
class Concept:
    """One governance concept with its names, definitions and evidence."""

    id: str
    name: dict[str, str]
    definition: dict[str, str]
    terms: dict[str, list[str]]
    evidence: tuple[Evidence, ...]
    part_of: str | None = None
    follows_from: str | None = None
    abstracts: tuple[str, ...] = field(default=())


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (including non-breaking spaces) to one space."""
    return " ".join(str(text).split())


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Concept, ...]:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    concepts = []
    for item in raw:
        evidence = tuple(Evidence(e["abstract"], e["en"], e["id"]) for e in item.get("evidence", []))
        concepts.append(
            Concept(
                id=item["id"],
                name=item["name"],
                definition=item["definition"],
                terms={lang: [t.lower() for t in terms] for lang, terms in item.get("terms", {}).items()},
                evidence=evidence,
                part_of=item.get("part_of"),
                follows_from=item.get("follows_from"),
                abstracts=tuple(dict.fromkeys(e.abstract for e in evidence)),
            )
        )
    return tuple(concepts)


def load_concepts(path: str | Path | None = None) -> list[Concept]:
    """Return the concepts of ``data/concepts.yml`` (or of the YAML file at ``path``)."""
    return list(_load(Path(path) if path else data_file("concepts.yml")))


def get_concept(concept_id: str) -> Concept:
    """Return one concept by id; the error lists the ids that exist."""
    for concept in load_concepts():
        if concept.id == concept_id:
            return concept
    known = ", ".join(c.id for c in load_concepts())
    raise KeyError(f"no concept '{concept_id}'; known concepts: {known}")


def concepts_table(lang: str | None = None) -> pd.DataFrame:
    """One row per concept: id, name, definition, its two relations and the abstracts it comes from."""
    rows = [
        {
            "id": c.id,
            "name": pick(c.name, lang),
            "definition": pick(c.definition, lang),
            "part_of": c.part_of or "",
            "follows_from": c.follows_from or "",
            "abstracts": "; ".join(c.abstracts),
        }
        for c in load_concepts()
    ]
    return pd.DataFrame(rows)


def evidence(concept_id: str, lang: str | None = None) -> pd.DataFrame:
    """The verbatim quotes that show where an abstract names the concept.

    The two columns are headed in ``lang`` (``abstract`` / ``quote``, or
    ``abstrak`` / ``kutipan`` in Indonesian).
    """
    concept = get_concept(concept_id)
    columns = [column_label("abstract", lang), column_label("quote", lang)]
    rows = [(e.abstract, pick({"en": e.en, "id": e.id}, lang)) for e in concept.evidence]
    return pd.DataFrame(rows, columns=columns)


def concept_matrix(abstracts: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A concept-by-abstract table of True/False: does the abstract contain the concept?

    A cell is True when one of the concept's evidence quotes is found in that
    abstract's text (in ``lang``). The table therefore follows the quotes the
    course attached to each concept: it records the course's coding of the
    abstracts, which a reader may contest, not a finding about them.
    ``abstracts`` may carry the ids as a column or as its index. The rows are
    the concept names in ``lang`` and the index is headed in that language.
    """
    lang = lang or get_language()
    table = abstracts if "id" in abstracts.columns else abstracts.reset_index()
    texts = {row["id"]: normalise_space(row[f"abstract_{lang}"]).casefold() for _, row in table.iterrows()}
    rows = {}
    for concept in load_concepts():
        quotes = [normalise_space(pick({"en": e.en, "id": e.id}, lang)).casefold() for e in concept.evidence]
        row = {abstract: any(q in text for q in quotes) for abstract, text in texts.items()}
        rows[pick(concept.name, lang)] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = column_label("concept", lang)
    return table


def find_concepts(text: str, lang: str | None = None, ids: bool = False) -> list[str]:
    """The concepts whose signal terms appear in ``text``, named in ``lang``.

    ``find_concepts("... transparan ...", "id")`` gives ``['Transparansi']``;
    with ``ids=True`` it gives the language-neutral ids (``['transparency']``)
    for code that compares concepts.
    """
    lang = lang or get_language()
    words = normalise_space(text).casefold()
    found = []
    for concept in load_concepts():
        terms = concept.terms.get(lang, [])
        if any(re.search(r"(?<!\w)" + re.escape(term), words) for term in terms):
            found.append(concept.id if ids else pick(concept.name, lang))
    return found


def glossary(lang: str | None = None) -> pd.DataFrame:
    """The English / Indonesian glossary; with ``lang='id'`` the Indonesian column comes first.

    The columns keep their names (``term_id``, ``term_en``) except the source
    column, which is headed in ``lang`` (``source`` / ``sumber``). The file's
    ``rejected`` and ``note`` columns (the Indonesian variants the course does
    not use, and why) are for authors and tests/content/test_terminology.py,
    and are not shown.
    """
    table = pd.read_csv(data_file("glossary.csv"), dtype=str, keep_default_na=False)
    table = table[["term_id", "term_en", "source"] if lang == "id" else ["term_en", "term_id", "source"]]
    return table.rename(columns={"source": column_label("source", lang)})
