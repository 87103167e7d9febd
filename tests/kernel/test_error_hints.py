"""After start_lesson, an error in a student's cell keeps Python's message and adds one line in the notebook's language.

Runs cells in an in-process IPython shell, as a notebook's kernel would.
"""

from __future__ import annotations

import re

import pytest
from IPython.core.interactiveshell import InteractiveShell

SETUP = "import pandas as pd\nwords_id = pd.Series({'eviningrum-budiono': 144, 'fatmawati': 127}, name='words')\n"
SETUP += "table = pd.DataFrame({'abstract_id': ['a', 'b'], 'words': [144, 127]}, index=['eviningrum-budiono', 'fatmawati'])\n"
SETUP += "cpi = pd.DataFrame({2012: [32], 2013: [32]}, index=['Indonesia'])\nresult = None\n"

CASES = [
    (
        "name",
        'show("00-run-a-cell")',
        "NameError: name 'show' is not defined",
        "Python does not know 'show' yet: run the cells above this one, starting with the set-up cell at the top",
        "Python belum mengenal 'show': jalankan sel-sel di atas sel ini, mulai dari sel persiapan di bagian atas",
    ),
    (
        "too-many-indexers",
        'words_id.loc["fatmawati", "abstract_id"]',
        "Too many indexers",
        'This is a Series (one column), so .loc takes one label, not a row and a column: write series.loc["row"]',
        'Ini sebuah Series (satu kolom), jadi .loc hanya menerima satu label, bukan baris dan kolom: tulis seri.loc["baris"]',
    ),
    (
        "key-number-as-text",
        'cpi["2012"]',
        "KeyError: '2012'",
        "'2012' is not a label of this table. Available: 2012, 2013. Check the spelling, capitals and quotes. "
        "The label is the number 2012: write it without quotes.",
        "'2012' bukan label tabel ini. Yang tersedia: 2012, 2013. Periksa ejaan, huruf besar-kecil, dan tanda petiknya. "
        "Labelnya berupa angka 2012: tulislah tanpa tanda petik.",
    ),
    (
        "key-column",
        'table["Abstract_id"]',
        "KeyError: 'Abstract_id'",
        "'Abstract_id' is not a label of this table. Available: 'abstract_id', 'words'.",
        "'Abstract_id' bukan label tabel ini. Yang tersedia: 'abstract_id', 'words'.",
    ),
    (
        "key-row",
        'table.loc["fatmawaty"]',
        "KeyError: 'fatmawaty'",
        "Available: 'eviningrum-budiono', 'fatmawati'.",
        "Yang tersedia: 'eviningrum-budiono', 'fatmawati'.",
    ),
    (
        "dataframe-tolist",
        "table.tolist()",
        "AttributeError: 'DataFrame' object has no attribute 'tolist'",
        'A DataFrame (a whole table) has no .tolist; a Series (one column) has it: take one column first, e.g. table["column"].tolist',
        "DataFrame (tabel utuh) tidak memiliki .tolist; Series (satu kolom) memilikinya: "
        'ambil satu kolom dulu, misalnya tabel["kolom"].tolist',
    ),
    (
        "none",
        "result.round(2)",
        "AttributeError: 'NoneType' object has no attribute 'round'",
        "The value before .round is None: the cell that should compute it has not been written or run yet.",
        "Nilai sebelum .round adalah None: sel yang seharusnya menghitungnya belum ditulis atau belum dijalankan.",
    ),
]


@pytest.fixture
def shell(lesson):
    """A fresh IPython shell with the lesson started in it; returns run(code, lang) -> what the cell printed."""
    InteractiveShell.clear_instance()
    ip = InteractiveShell.instance()

    def run(code: str, lang: str, capsys) -> str:
        lesson(lang)
        ip.run_cell(SETUP, store_history=False)
        capsys.readouterr()
        result = ip.run_cell(code, store_history=False)
        assert result.error_in_exec is not None, "the cell fails as Python says"
        return re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)

    yield run
    ip.set_custom_exc((), None)
    InteractiveShell.clear_instance()


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name, code, python_says, hint_en, hint_id", CASES, ids=[c[0] for c in CASES])
def test_a_common_error_gets_one_line_in_the_notebooks_language(shell, capsys, lang, name, code, python_says, hint_en, hint_id):
    printed = shell(code, lang, capsys)
    flat = " ".join(printed.split())
    hint = hint_en if lang == "en" else hint_id
    assert python_says in flat and hint in flat, printed
    assert flat.rindex(python_says) < flat.index(hint), "the line comes under Python's message"
    other = hint_id if lang == "en" else hint_en
    assert other.split(":")[0] not in printed, "one language only"


def test_a_hint_is_added_once_and_only_to_the_common_errors(shell, capsys):
    printed = shell("error = None\ntry:\n    table['nope']\nexcept KeyError as e:\n    error = e\n    raise", "en", capsys)
    assert printed.count("Available:") == 1
    printed = shell("1 / 0", "en", capsys)
    assert "ZeroDivisionError: division by zero" in printed, "other errors are shown as Python shows them"
    assert "set-up cell" not in printed and "Available" not in printed
