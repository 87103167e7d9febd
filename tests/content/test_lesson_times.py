"""Each lesson states a time within 25% of the stated formula (issue 21: "lesson times are half the truth").

The formula and its sources are in :mod:`course.authoring.lesson_time`; a
lesson must also fit one 100-minute meeting (2 SKS) without its optional
"going further" cells.
"""

from __future__ import annotations

import json
import re

import pytest
from notebook_tools import NOTEBOOKS, lesson_names

from course.authoring.lesson_time import Estimate, estimate, prose_words, stated_minutes
from course.model.bank import find_bank

MEETING_MINUTES = 100
LESSONS = [(lang, name) for lang in ("en", "id") for name in lesson_names()]


def _estimate(lang: str, name: str) -> Estimate:
    return estimate(NOTEBOOKS / lang / name, len(find_bank(name[:2]).for_mode("practice").exercises))


@pytest.mark.parametrize(("lang", "name"), LESSONS, ids=lambda v: str(v))
def test_the_stated_time_is_within_a_quarter_of_the_formula(lang, name):
    stated = stated_minutes(NOTEBOOKS / lang / name)
    found = _estimate(lang, name)
    assert stated is not None, f"notebooks/{lang}/{name}: no '**Time:** about N minutes' / '**Waktu:** sekitar N menit' line"
    assert abs(stated - found.minutes) <= 0.25 * found.minutes, (
        f"notebooks/{lang}/{name}: states {stated} min, the formula gives {found.minutes:.0f} "
        f"({found.words} words, {found.code_cells} code cells, {found.exercises} exercises)"
    )


@pytest.mark.parametrize(("lang", "name"), LESSONS, ids=lambda v: str(v))
def test_the_core_lesson_fits_one_meeting(lang, name):
    found = _estimate(lang, name)
    assert found.minutes <= MEETING_MINUTES, (
        f"notebooks/{lang}/{name}: {found.minutes:.0f} min does not fit a {MEETING_MINUTES}-minute meeting"
    )


def test_the_formula_counts_what_it_says(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": "# Title\n\n**Time:** about 7 minutes.\n\nSome *plain* words here."},
        {"cell_type": "code", "source": "x = 1"},
        {"cell_type": "code", "source": "   "},
        {"cell_type": "markdown", "source": "## Going further (optional)\n\nextra words"},
        {"cell_type": "code", "source": "for row in rows: pass"},
        {"cell_type": "markdown", "source": "## Key points\n\nback to core"},
    ]
    notebook = tmp_path / "00-x.ipynb"
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    found = estimate(notebook, exercises=2)
    assert (found.code_cells, found.optional_code_cells, found.exercises) == (1, 1, 2)
    assert found.words == prose_words(cells[0]["source"]) + prose_words(cells[5]["source"])
    assert found.optional_words == prose_words(cells[3]["source"])
    assert found.minutes == pytest.approx(found.words / 100 + 1 + 4)
    assert stated_minutes(notebook) == 7
    assert prose_words("[the **link**](https://example.org/a-b) <kbd>Shift</kbd>") == 3


@pytest.mark.parametrize("notes", ["teaching-notes-en.md", "catatan-mengajar-id.md"])
def test_the_teaching_notes_give_each_lesson_its_stated_time(notes):
    text = (NOTEBOOKS.parent / "docs" / notes).read_text(encoding="utf-8")
    found = [int(m) for m in re.findall(r"^\*\*(?:Time|Waktu):\*\* (?:about|sekitar) (\d+)", text, flags=re.MULTILINE)]
    stated = [stated_minutes(NOTEBOOKS / "en" / name) for name in lesson_names()]
    assert found == stated, f"docs/{notes}: times {found}, the lessons state {stated}"
