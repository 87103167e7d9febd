"""The master notebooks: twins agree, lessons are complete, outputs are stored and stable."""

from __future__ import annotations

import re
import shutil

import pytest
from notebook_tools import LANGUAGES, NOTEBOOKS, all_names, blockquote_quotes, code_sources, lesson_names, markdown, quiz_names, read

from course.authoring.regenerate import execute_notebook
from course.library.concepts import normalise_space
from course.library.corpus import load_abstracts

LESSONS = lesson_names()
HEADINGS = {
    "en": ("Learning objectives", "Key points", "References"),
    "id": ("Tujuan pembelajaran", "Rangkuman", "Daftar pustaka"),
}


def test_every_lesson_has_an_indonesian_twin():
    assert LESSONS, "no master notebooks found"
    assert sorted(p.name for p in (NOTEBOOKS / "id").glob("*.ipynb")) == all_names()


@pytest.mark.parametrize("name", all_names())
def test_twins_have_identical_code_cells(name):
    english, indonesian = code_sources(read("en", name)), code_sources(read("id", name))
    assert len(english) == len(indonesian), f"{name}: {len(english)} code cells in en, {len(indonesian)} in id"
    for index, (a, b) in enumerate(zip(english, indonesian, strict=True)):
        assert a == b, f"{name}: code cell {index + 1} differs between en and id"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSONS)
def test_lesson_structure_and_metadata(name, lang):
    nb = read(lang, name)
    assert nb.metadata["kernelspec"]["name"] == "python3", "without a kernelspec JupyterLab asks for a kernel"
    objectives, key_points, references = HEADINGS[lang]
    text = markdown(nb)
    assert text[0].startswith("# "), "a lesson opens with its title"
    assert objectives in text[0], f"{name} ({lang}) must open with learning objectives"
    closing = "\n".join(text[-2:])
    assert key_points in closing and references in closing, f"{name} ({lang}) must close with key points and references"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", quiz_names())
def test_quiz_structure(name, lang):
    nb = read(lang, name)
    assert nb.metadata["kernelspec"]["name"] == "python3" and nb.metadata["course"]["lesson"] == name[:2]
    text = markdown(nb)
    assert text[0].startswith("# Quiz" if lang == "en" else "# Kuis"), "a quiz opens with its title"
    setup = next(c for c in nb.cells if c.cell_type == "code")
    assert "setup" in setup.metadata.get("tags", []) and f'course.start_lesson("{name[:2]}", quiz=True)' in setup.source


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", all_names())
def test_masters_carry_clean_outputs(name, lang):
    nb = read(lang, name)
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        assert cell.execution_count is not None, f"code cell {index + 1} was never run: regenerate the outputs"
        text = str(cell.outputs)
        assert not re.search(r"/(work|home|tmp|root|Users)/", text), f"code cell {index + 1} prints a local path"
        assert " at 0x" not in text, f"code cell {index + 1} prints a memory address"
        assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:", text), f"code cell {index + 1} prints a timestamp"
        assert not any(o.get("output_type") == "error" for o in cell.outputs), f"code cell {index + 1} failed"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LESSONS)
def test_quotes_from_the_abstracts_are_verbatim(name, lang):
    corpus = load_abstracts()
    texts = [normalise_space(t).casefold() for t in list(corpus["abstract_en"]) + list(corpus["abstract_id"])]
    for cell in markdown(read(lang, name)):
        for quote in blockquote_quotes(cell):
            for fragment in re.split(r"\s*(?:…|\.\.\.)\s*", quote):
                fragment = normalise_space(fragment).strip(" .,;:").casefold()
                if fragment:
                    assert any(fragment in t for t in texts), f"{name} ({lang}) quotes text not in the abstracts: {fragment!r}"


def test_regenerating_lesson_00_reproduces_the_committed_file(tmp_path):
    source = NOTEBOOKS / "en" / LESSONS[0]
    copy = tmp_path / "en" / source.name
    copy.parent.mkdir()
    shutil.copy(source, copy)
    import nbformat

    regenerated = nbformat.writes(execute_notebook(copy)) + "\n"
    assert regenerated == source.read_text(encoding="utf-8"), "regenerate is not reproducible"
