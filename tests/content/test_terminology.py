"""One Indonesian term per concept (issue 21).

``data/glossary.csv`` names, for each concept, the Indonesian term the course
uses (``term_id``) and, in ``rejected``, the variants it does not use, separated
by ``;``. No rejected variant may appear in an Indonesian file: the Indonesian
notebooks (text and outputs), the Indonesian docs, the ``id:`` texts of the
exercise banks and of ``data/concepts.yml``, the Indonesian words of
``course/words.yml``, the reference tables and the bilingual README. A failure
names the file and the line.

Two kinds of text are allowed to differ, because they are not ours: a quotation
of an abstract (text in double quotes that is found in the corpus, or a line of
an abstract printed by a cell), which stays verbatim, and a variant that lies
inside the accepted term itself (``Ketiadaan Kekerasan`` inside
``Ketiadaan Kekerasan/Terorisme``). Case and markdown emphasis are ignored.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.library.concepts import normalise_space
from course.library.corpus import load_abstracts

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "data" / "glossary.csv"

# Wording the reviewers replaced (content-2026-12.md, "Indonesian wording"); not terms, so not in the glossary.
WORDING = {
    "Modul ini mempelajari": "Modul ini membahas",
    "hanya sedikit membuktikan": "belum membuktikan banyak",
    "Kooiman mengenang": "Kooiman menengok kembali",
    "notebook ini menjawab dalam bahasa Indonesia": "umpan balik notebook ini ditampilkan dalam bahasa Indonesia",
}

# Quiz items (``use: assessment``) that another branch is rewriting (issue 21) keep these phrases until then.
# Each exemption holds only while the words around the variant stay exactly as they are: a rewritten
# item is checked like everything else.
PENDING_QUIZ_WORDING = (
    "mutu layanan publik dan pelaksanaan",
    "kualitas layanan publik, kualitas aparatur",
    "kualitas layanan publik; rencana",
    "tafsiran pelajaran ini atas abstraknya",
    "menurut pembacaan kita atas",
    "gagasan Pelajaran 01, jelaskan",
    "diminta pelajaran ini, unsur",
    "tidak diketahui di Pelajaran 00",
    "kata. Pelajaran 00 menemukan",
    "menentukan haluan dengan persaingan",
)


@dataclass(frozen=True)
class Rule:
    rejected: str
    accepted: str


def rules() -> list[Rule]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = [Rule(variant.strip(), row["term_id"]) for row in rows for variant in row.get("rejected", "").split(";") if variant.strip()]
    return found + [Rule(old, new) for old, new in WORDING.items()]


RULES = rules()


def indonesian_files() -> list[Path]:
    files = sorted((ROOT / "notebooks" / "id").glob("*.ipynb"))
    files += [ROOT / "docs" / name for name in ("catatan-mengajar-id.md", "silabus-id.md", "panduan-dosen.md")]
    files += sorted(set((ROOT / "docs").glob("*-id.md")) - set(files))
    files += sorted((ROOT / "data" / "exercises").glob("*.yml"))
    files += [ROOT / "data" / "concepts.yml", ROOT / "course" / "words.yml", ROOT / "README.md"]
    files += sorted((ROOT / "data" / "reference").glob("*.csv"))
    return files


def _plain(text: str) -> str:
    return normalise_space(text.replace("*", "")).lower()


CORPUS = [_plain(t) for t in list(load_abstracts()["abstract_en"]) + list(load_abstracts()["abstract_id"])]
QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|&quot;(.+?)&quot;|(?<!\w)\'((?:[^\']|(?<=\w)\'(?=\w))+)\'(?!\w)')


def _in_corpus(text: str) -> bool:
    fragments = [_plain(f).strip(" .,;:") for f in re.split(r"\s*(?:…|\.\.\.)\s*", text)]
    return any(fragments) and all(any(f in t for t in CORPUS) for f in fragments if f)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes an abstract: quoted spans found in the corpus, or the whole text if it is abstract text."""
    if len(text.strip()) > 40 and _in_corpus(text):
        return [(0, len(text))]
    return [m.span() for m in QUOTED.finditer(text) if _in_corpus(next(g for g in m.groups() if g))]


def lines_of(path: Path) -> list[tuple[int, str, int]]:
    """(line number, text, length of the line itself) for each line.

    A line of a text file is read together with the next one, so that a phrase broken by
    the wrapping of a paragraph is still found (and reported once, at the line where it
    starts); a notebook's JSON string lines are decoded, and the rest of its JSON skipped.
    """
    raw = path.read_text(encoding="utf-8").splitlines()
    if path.name == "words.yml":
        raw = [line.split("id:", 1)[1] if line.strip().startswith("id:") else "" for line in raw]
    if path.parent.name == "exercises":
        # A rubric's keyword list is what a student may write, not the course's own text: it may accept a rejected variant.
        raw = ["" if line.strip().startswith("any:") else line for line in raw]
    if path.suffix != ".ipynb":
        return [(n, f"{line} {raw[n] if n < len(raw) else ''}", len(line)) for n, line in enumerate(raw, 1)]
    decoded = []
    for n, line in enumerate(raw, 1):
        literal = line.strip().rstrip(",")
        if literal.startswith('"') and literal.endswith('"') and '": ' not in literal:
            try:
                text = json.loads(literal)
            except json.JSONDecodeError:
                continue
            decoded.append((n, text, len(text)))
    return decoded


def pattern(rule: Rule) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(_plain(rule.rejected)) + r"(?:nya)?(?!\w)")


def hits(text: str, limit: int | None = None) -> list[tuple[Rule, str]]:
    """The rejected variants that start in ``text[:limit]``, outside quotations of an abstract and the accepted term."""
    plain = normalise_space(text.replace("*", ""))
    low = plain.lower()
    if limit is not None:
        limit = len(normalise_space(text[:limit].replace("*", "")))
    allowed = quoted_spans(plain)
    allowed += [m.span() for wording in PENDING_QUIZ_WORDING for m in re.finditer(re.escape(wording.lower()), low)]
    found = []
    for rule in RULES:
        accepted = [m.span() for m in re.finditer(re.escape(_plain(rule.accepted)), low)]
        for match in pattern(rule).finditer(low):
            start, end = match.span()
            if (limit is not None and start >= limit) or any(a <= start and end <= b for a, b in allowed + accepted):
                continue
            found.append((rule, plain[max(0, start - 40) : end + 40]))
    return found


def test_the_glossary_lists_the_course_choices():
    by_term = {rule.rejected.casefold(): rule.accepted for rule in RULES}
    assert by_term["layanan publik"] == "pelayanan publik"
    assert by_term["pengarahan bersama"] == "co-steering"
    # The abstract's own labels, not coined Indonesian names (decision of 2026-12-07).
    assert by_term["pembimbingan bersama"] == "co-guiding"
    assert by_term["pengendalian bersama"] == "co-steering"
    assert by_term["pengelolaan bersama"] == "co-managing"
    assert by_term["menentukan haluan"]
    assert by_term["pelajaran"] == "topik"
    assert by_term["poin-poin penting"] == "rangkuman"
    assert by_term["tafsiran kita"] == by_term["tafsiran kami"] == "tafsiran modul ini"
    assert by_term["keadilan dan inklusivitas"] == "kesetaraan dan inklusivitas"
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["rejected"]:
                assert row["note"], f"glossary row {row['term_en']!r} rejects variants without saying why"


def test_a_rejected_variant_is_found_but_not_in_a_quotation_or_the_accepted_term():
    assert [r.rejected for r, _ in hits("Mutu layanan publik di kota itu")] == ["layanan publik"]
    assert not hits("Mutu pelayanan publik di kota itu; layanan air minum")
    assert [r.rejected for r, _ in hits("## Poin-poin penting")] == ["poin-poin penting"]
    assert [r.rejected for r, _ in hits("Pada *Pelajaran* 02")] == ["pelajaran"]
    assert [r.rejected for r, _ in hits("judul pelajarannya")] == ["pelajaran"]
    assert not hits("Tujuan pembelajaran; Topik 02")
    assert [r.rejected for r, _ in hits("Stabilitas Politik dan Ketiadaan Kekerasan, lalu")] == [
        "Stabilitas Politik dan Ketiadaan Kekerasan"
    ]
    assert not hits("Stabilitas Politik dan Ketiadaan Kekerasan/Terorisme")
    quote = "Kebijakan publik harus diturnkan"  # not in the abstract: a misquote is no exemption
    assert not quoted_spans(f'"{quote}"')
    # The abstract's own words may use any variant: a quotation of it is exempt.
    assert quoted_spans('Abstraknya: "pelayanan pemerintahan, pembangunan dan publik" saja')


@pytest.mark.parametrize("path", indonesian_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_indonesian_file_uses_a_rejected_variant(path: Path):
    problems = [
        f"{path.relative_to(ROOT)}, line {n}: '{rule.rejected}' (write '{rule.accepted}'): ...{context}..."
        for n, text, length in lines_of(path)
        for rule, context in hits(text, length)
    ]
    assert not problems, "\n".join(problems)


CO_PHRASES = ("pembimbingan bersama", "pengendalian bersama", "pengelolaan bersama")


def test_the_co_phrases_are_found_in_any_indonesian_text():
    for phrase in CO_PHRASES:
        for text in (f"Forum itu adalah {phrase}.", f"*{phrase.capitalize()}* (co-x) berarti", f"{phrase}nya"):
            assert [r.rejected for r, _ in hits(text)] == [phrase], text
    assert not hits("Forum itu adalah *co-steering*: bersama memutuskan sasaran, aturan, prioritas, dan anggaran yang mengikat.")


def test_a_rubric_keyword_list_may_accept_the_old_phrases(tmp_path: Path):
    bank = tmp_path / "exercises" / "99-x.yml"
    bank.parent.mkdir()
    bank.write_text("      id: Ini pengendalian bersama.\n        any: [bukan pengendalian bersama, sepihak]\n", encoding="utf-8")
    found = [(n, rule.rejected) for n, text, length in lines_of(bank) for rule, _ in hits(text, length)]
    assert found == [(1, "pengendalian bersama")]


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks" / "en").glob("*.ipynb")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_english_notebook_shows_the_old_co_phrases(path: Path):
    """The Indonesian words an English notebook shows (glossary, outputs) follow the same decision."""
    co_rules = [rule for rule in RULES if rule.rejected.casefold() in CO_PHRASES]
    problems = [
        f"{path.relative_to(ROOT)}, line {n}: '{rule.rejected}' (write '{rule.accepted}')"
        for n, text, length in lines_of(path)
        for rule, _ in hits(text, length)
        if rule in co_rules
    ]
    assert not problems, "\n".join(problems)
