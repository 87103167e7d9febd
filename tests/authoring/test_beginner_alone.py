"""A beginner opens the course alone: text cells locked, Undo taught, Indonesian from the first command on.

Issue 22: the student copy locks the lesson's text as well as its set-up and exercise cells; lesson 00 shows
Undo in both languages; the README's Indonesian part and an Indonesian release's README give ``--lang id``;
``bootstrap.py lab --lang id`` sets up in Indonesian.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

from course.authoring.release import release
from course.authoring.student_notebooks import Stamp, student_notebook

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bootstrap_for_beginners", ROOT / "bootstrap.py")
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_student_copy_locks_every_text_cell(lang):
    master = ROOT / "notebooks" / lang / "00-getting-started.ipynb"
    nb = student_notebook(master, Stamp("00", lang, "test", "practice", "r1"))
    text = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    assert text and all(c.metadata.get("editable") is False and c.metadata.get("deletable") is False for c in text)
    free = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("editable") is not False]
    assert free, "the student's own code cells stay editable"


STUBS = {"en": "# YOUR CODE HERE", "id": "# TULIS KODE ANDA DI SINI"}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("lesson", ["00-getting-started", "03-bureaucratic-reform", "04-quiz"])
def test_the_line_where_a_student_writes_code_is_in_the_notebooks_language(lang, lesson):
    master = ROOT / "notebooks" / lang / f"{lesson}.ipynb"
    nb = student_notebook(master, Stamp(lesson[:2], lang, "test", "practice", "r1"))
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    stubs = [line.strip() for line in code.splitlines() if line.strip() in STUBS.values() or "CODE HERE" in line or "KODE ANDA" in line]
    assert stubs and set(stubs) == {STUBS[lang]}, stubs


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_site_page_stubs_solutions_in_its_language(lang):
    from course.authoring.site import public_notebook

    nb = public_notebook(ROOT / "notebooks" / lang / "00-getting-started.ipynb")
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    other = STUBS["id" if lang == "en" else "en"].removeprefix("# ")
    assert STUBS[lang] in code and other not in code, "one language only"


@pytest.mark.parametrize(
    "lang, sentence", [("en", "press <kbd>Esc</kbd>, then <kbd>Z</kbd>"), ("id", "tekan <kbd>Esc</kbd>, lalu <kbd>Z</kbd>")]
)
def test_lesson_00_shows_undo_where_it_explains_the_notebook(lang, sentence):
    nb = nbformat.read(ROOT / "notebooks" / lang / "00-getting-started.ipynb", as_version=4)
    how = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## 1."))
    assert sentence in how.source


def test_the_readmes_indonesian_part_gives_the_indonesian_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    indonesian = readme[readme.index("Jalankan sel dari atas ke bawah") : readme.index("| Lesson · ")]
    assert "python3 bootstrap.py lab --lang id" in indonesian
    assert "py bootstrap.py lab --lang id" in indonesian


def test_a_two_language_releases_indonesian_paragraph_has_its_own_command(tmp_path):
    release(tmp_path / "both", mode="practice", lessons=["00"], log=lambda line: None)
    readme = (tmp_path / "both" / "README.md").read_text(encoding="utf-8")
    indonesian = readme[readme.index("Anda memerlukan Python") :].split("\n\n")[0]
    assert "`python3 bootstrap.py lab --lang id`" in indonesian and "`py bootstrap.py lab --lang id`" in indonesian
    english = readme[readme.index("You need Python") :].split("\n\n")[0]
    assert "--lang id" in english and "Untuk" not in english, "each paragraph speaks one language"


@pytest.fixture
def setup_run(tmp_path, monkeypatch):
    """bootstrap.main run up to JupyterLab in a fresh venv folder, nothing installed; returns what it printed."""
    home = tmp_path / "student"
    for lang in ("en", "id"):
        (home / "notebooks" / lang).mkdir(parents=True)
        (home / "notebooks" / lang / "00-getting-started.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(bootstrap.ensure_environment, "__defaults__", (None, tmp_path / "venv"))
    monkeypatch.setattr(bootstrap.venv, "EnvBuilder", lambda **kw: type("B", (), {"create": lambda self, d: d.mkdir()})())
    monkeypatch.setattr(bootstrap, "install", lambda *args: None)
    monkeypatch.setattr(bootstrap, "quiet_news", lambda venv: None)
    monkeypatch.setattr(bootstrap, "student_copy", lambda python: print("bootstrap: " + bootstrap.say("making_copy")) or home)
    monkeypatch.setattr(bootstrap, "open_lab", lambda python, home, first, extra: print(f"OPEN {first.relative_to(home)}"))
    monkeypatch.setattr(bootstrap, "LANG", "en")
    return bootstrap.main


def test_lab_sets_up_in_indonesian_with_lang_id(setup_run, capsys):
    setup_run(["lab", "--lang", "id"])
    said = capsys.readouterr().out
    assert "membuat lingkungan virtual di" in said and "memasang kursus beserta paket-paket" in said
    assert "membuat salinan latihan Anda di folder student/" in said and "OPEN notebooks/id/00-getting-started.ipynb" in said
    assert "creating" not in said and "installing" not in said


def test_lab_sets_up_in_english_by_default(setup_run, capsys):
    setup_run(["lab"])
    said = capsys.readouterr().out
    assert "creating the virtual environment in" in said and "installing the course and its dependencies" in said
    assert "OPEN notebooks/en/00-getting-started.ipynb" in said


def test_an_indonesian_release_sets_up_in_indonesian_without_lang(tmp_path):
    (tmp_path / "release.json").write_text(json.dumps({"languages": ["id"]}), encoding="utf-8")
    assert bootstrap.release_language(tmp_path) == "id"
    (tmp_path / "release.json").write_text(json.dumps({"languages": ["en", "id"]}), encoding="utf-8")
    assert bootstrap.release_language(tmp_path) == "en"
    assert bootstrap.release_language(tmp_path / "nowhere") == "en"
