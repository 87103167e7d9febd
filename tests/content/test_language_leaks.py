"""Indonesian students see no English labels in outputs (issue 13).

``data/english-leaks.csv`` lists words known to leak into the Indonesian
notebooks: column names, concept ids, values and labels in English. A test
fails when one shows as a word in an output (``stream``, ``text/plain``,
``text/html``) of an Indonesian notebook; tracebacks, code spans and Python
literals are not prose and are not scanned. A row may name the Indonesian
contexts in which its word is Indonesian (``target kinerja``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from leak_tools import LEAKS_FILE, ROOT, find_leaks, leak_words, leaks_in_text, output_texts

WORDS = leak_words()
INDONESIAN = sorted((ROOT / "notebooks" / "id").glob("*.ipynb"))


def test_the_list_names_the_known_leaks():
    for word in ("english", "green_share", "transparency", "accountability", "participation", "target", "match", "source"):
        assert word in WORDS, word
    assert LEAKS_FILE.read_text(encoding="utf-8").splitlines()[0].startswith("word,")


def test_a_leak_is_found_and_indonesian_is_not():
    assert [w for w, _ in leaks_in_text("['transparency']", WORDS)] == ["transparency"]
    assert [w for w, _ in leaks_in_text("year  group  green_share", WORDS)] == ["year", "group", "green_share"]
    assert not leaks_in_text("['Transparansi']  tahun  kelompok  porsi_hijau", WORDS)
    assert not leaks_in_text("instansi menetapkan target kinerja", WORDS), "target is Indonesian here"
    assert not leaks_in_text("True False None", WORDS)


def test_code_and_tracebacks_are_not_scanned():
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("error", ename="KeyError", evalue="'source'", traceback=["source"]),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "kolom `source` dan `match`", "text/html": "<p>kolom <code>target</code></p>"}
        ),
    ]
    assert not [w for text in output_texts(cell) for w, _ in leaks_in_text(text, WORDS)]


@pytest.mark.parametrize("path", INDONESIAN, ids=lambda p: p.name)
def test_no_english_label_in_indonesian_outputs(path: Path):
    found = find_leaks(path, WORDS)
    assert not found, f"{len(found)} English word(s) in outputs:\n" + "\n".join(str(leak) for leak in found)
