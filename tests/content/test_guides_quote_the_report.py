"""The guides quote the grading report as the program writes it, in the guide's language.

Each guide has a table that says what to do with each report line: its first
column quotes fragments of report lines in `code`. A fragment must be part of
a line the catalogue (:mod:`course.messages`) can write in that guide's
language, a template's ``{fields}`` and the fragment's ``...`` standing for
any text; or it is a gradebook status or column name, which the program
writes in English whatever the language.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest

from course.grading.scoring import FAILED, SUPERSEDED, UNREADABLE, WRONG_LESSON
from course.intake.uploads import EMPTY, IMAGE, OTHER, PDF, WORD
from course.messages import NAMESPACES
from course.results.gradebook import BASE_COLUMNS, GRADED_STATUSES, NO_SUBMISSION, TAIL_COLUMNS
from course.words import catalogue

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = {  # guide: (its language, the words that open its table of report lines)
    "instructor-guide.md": ("en", "**What to do with each report line.**"),
    "panduan-dosen.md": ("id", "**Apa yang dilakukan dengan baris laporan.**"),
}
WRITTEN_IN_ENGLISH = {*GRADED_STATUSES, NO_SUBMISSION, UNREADABLE, WRONG_LESSON, FAILED, SUPERSEDED, PDF, WORD, IMAGE, EMPTY, OTHER}
WRITTEN_IN_ENGLISH |= {*BASE_COLUMNS, *TAIL_COLUMNS}
ANY = None  # a wildcard: "..." in a fragment, or a {field} in a template

# the lecturer's entries of the catalogue, by their names within their groups (as course.messages.say takes them)
MESSAGES = {key.partition(".")[2]: texts for key, texts in catalogue().items() if key.partition(".")[0] in NAMESPACES}


def quoted_fragments(guide: str) -> list[str]:
    """The `code` fragments in the first column of the guide's table of report lines."""
    text = (DOCS / guide).read_text(encoding="utf-8")
    _, opening = GUIDES[guide]
    assert opening in text, f"{guide}: no paragraph opening with {opening}"
    lines = text[text.index(opening) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    rows = table[2:]  # after the header and the | --- | line
    assert rows, f"{guide}: the table of report lines is empty"
    first_cells = [row.strip("|").split("|")[0] for row in rows]
    return [fragment for cell in first_cells for fragment in re.findall(r"`([^`]+)`", cell)]


def pattern(text: str, wildcard: str) -> tuple:
    """``text`` as characters, each run matching ``wildcard`` (a regex) replaced by ANY."""
    parts = re.split(wildcard, text)
    chars: list = list(parts[0])
    for part in parts[1:]:
        chars += [ANY, *part]
    return tuple(chars)


def fits(fragment: tuple, template: tuple) -> bool:
    """Whether the fragment can be read as a line written from the template, some of it word for word.

    ANY in the fragment ("...") stands for any text of the line; ANY in the
    template (a {field}) for a value: "..." or one word of the fragment (a
    number, an id, a file name), never a whole phrase.
    """

    @cache
    def read(i: int, j: int, word_for_word: bool) -> bool:
        if i == len(fragment) and j == len(template):
            return word_for_word
        if (
            i < len(fragment)
            and fragment[i] is ANY
            and (read(i + 1, j, word_for_word) or (j < len(template) and read(i, j + 1, word_for_word)))
        ):
            return True
        if j < len(template) and template[j] is ANY:
            if read(i, j + 1, word_for_word):
                return True
            if i < len(fragment) and fragment[i] not in (ANY, " ") and read(i + 1, j, word_for_word):
                return True
        same = i < len(fragment) and j < len(template) and fragment[i] is not ANY and fragment[i] == template[j]
        return same and read(i + 1, j + 1, True)

    # the search recurses once per character of both texts: long catalogue lines need more than Python's default depth
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 4 * (len(fragment) + len(template)) + 1000))
    return read(0, 0, False)


def in_catalogue(fragment: str, lang: str) -> bool:
    """Whether the fragment can be read inside a line the catalogue writes in ``lang``."""
    anywhere_in_a_line = (ANY, *pattern(fragment, r"\.\.\."), ANY)
    return any(fits(anywhere_in_a_line, pattern(texts[lang], r"\{[^{}]*\}")) for texts in MESSAGES.values())


def test_the_matching_reads_fields_and_dots_as_any_text():
    assert in_catalogue("who handed in 2 files", "en")
    assert in_catalogue("is the notebook of lesson ..., not lesson ...", "en")
    assert in_catalogue("yang mengumpulkan 2 berkas", "id")
    assert not in_catalogue("who handed in 2 files", "id"), "English is not in the Indonesian catalogue"
    assert not in_catalogue("is not on the class list (a name spelled differently", "en"), "the list's name comes between"
    assert not in_catalogue("gradebook.csv", "en"), "a word that only a {field} could stand for"


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_the_table_of_report_lines_quotes_the_catalogue(guide: str):
    lang, _ = GUIDES[guide]
    fragments = quoted_fragments(guide)
    assert len(fragments) >= 10, fragments
    wrong = [f for f in fragments if f not in WRITTEN_IN_ENGLISH and not in_catalogue(f, lang)]
    assert not wrong, f"{guide} quotes report text the program does not write in '{lang}': {wrong}"
