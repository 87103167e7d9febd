"""A lesson in Colab: a released notebook copied alone into an empty folder installs the release's own wheel and is graded.

The fresh environment holds only what Colab has pre-installed (colab-pins.txt, with its source) and its kernel; the
notebook's first cell (``release --colab-install SPEC``) installs the release's wheel with ``%pip`` because
``import course`` fails there, and hands the package the notebook's stamp. The student answers, the file is graded
like any other submission. Needs PyPI (or uv's cache) once to make the environment.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from course.authoring.colab import wheel_name
from course.authoring.release import release
from course.errors import CourseError

HERE = Path(__file__).resolve().parent
PINS = HERE / "colab-pins.txt"


@pytest.fixture(scope="module")
def colab_env(tmp_path_factory) -> Path:
    """A fresh virtual environment with Colab's pinned libraries and kernel, and nothing of the course; its kernel spec folder."""
    base = tmp_path_factory.mktemp("colab")
    uv = Path(sys.executable).parent / "uv"
    started = time.monotonic()
    if uv.exists():
        subprocess.run([str(uv), "venv", "--seed", "-q", "--python", sys.executable, str(base / "venv")], check=True)
        subprocess.run([str(uv), "pip", "install", "-q", "--python", str(base / "venv" / "bin" / "python"), "-r", str(PINS)], check=True)
    else:  # pragma: no cover - the bootstrap installs uv
        subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
        subprocess.run([str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(PINS)], check=True)
    print(f"fresh Colab-like environment made in {time.monotonic() - started:.0f} s")
    python = base / "venv" / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COURSE_DATA_DIR")}
    check = subprocess.run([str(python), "-c", "import course"], capture_output=True, cwd=base, env=clean)
    assert check.returncode != 0, "the fresh environment must not have the course"
    spec = base / "jupyter" / "kernels" / "colab"
    spec.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "colab", "language": "python"}))
    return base


@pytest.fixture
def colab(colab_env):
    """The Colab-like kernel's spec folder, as a fresh runtime: without the course (a test before may have installed it)."""
    python = colab_env / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "uninstall", "-q", "-y", "course"], capture_output=True)
    yield colab_env / "jupyter"
    where = subprocess.run([str(python), "-c", "import course; print(course.__file__)"], capture_output=True, text=True, cwd=colab_env)
    assert str(colab_env / "venv") in where.stdout, "the install cell installed the release's wheel into the kernel's environment"


def run_alone(notebook: Path, folder: Path, jupyter: Path, calls: list[str], monkeypatch) -> dict:
    """Copy ``notebook`` alone into ``folder``, append the student's calls, run it on the Colab-like kernel, save it; the saved JSON."""
    folder.mkdir(parents=True)
    alone = folder / notebook.name
    shutil.copy2(notebook, alone)
    nb = nbformat.read(alone, as_version=4)
    nb.cells.append(new_code_cell("\n".join(calls)))
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter))
    monkeypatch.setenv("COURSE_ANSWER_DIR", str(folder / ".answers"))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    NotebookClient(nb, kernel_name="colab", timeout=600, resources={"metadata": {"path": str(folder)}}).execute()
    alone.write_text(nbformat.writes(nb), encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [notebook.name], "no release, no data beside it"
    return json.loads(alone.read_text(encoding="utf-8"))


def text_of(nb: dict) -> str:
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("text/plain", output.get("text", ""))
            parts.append("".join(data) if isinstance(data, list) else data)
    return "\n".join(parts)


def grade(subs: Path, out: Path, *extra: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "course", "grade", str(subs), "--out", str(out), *extra], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    with open(out / "gradebook.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_practice_lesson_runs_alone_in_a_colab_like_environment_and_is_graded(colab, tmp_path, monkeypatch):
    wheel = tmp_path / "release" / "wheel" / wheel_name()
    release(tmp_path / "release", langs=["en"], lessons=["00"], log=lambda line: None, colab_install=str(wheel))
    manifest = json.loads((tmp_path / "release" / "release.json").read_text())
    assert f"wheel/{wheel_name()}" in manifest["files"], "the release holds its own wheel"
    names = zipfile.ZipFile(wheel).namelist()
    assert "course/_release/data/exercises/00-getting-started.yml" in names and "course/words.yml" in names
    first = nbformat.read(tmp_path / "release" / "notebooks" / "en" / "00-getting-started.ipynb", as_version=4).cells[0]
    assert f'%pip install --quiet "{wheel}"' in first.source and "except ImportError:" in first.source

    started = time.monotonic()
    calls = ['answer("00-run-a-cell", "shift-enter")', 'answer("00-original-language", False)', 'answer("00-fewer-words", False)']
    nb = run_alone(tmp_path / "release" / "notebooks" / "en" / "00-getting-started.ipynb", tmp_path / "student", colab, calls, monkeypatch)
    print(f"the lesson ran alone on the Colab-like kernel in {time.monotonic() - started:.0f} s")
    shown = text_of(nb)
    assert "Lesson 00" in shown and "practice mode" in shown, "the package started the lesson in English, in practice mode"
    assert "Traceback" not in shown and "belongs to release" not in shown

    put = tmp_path / "subs" / "4001_00-getting-started.ipynb"
    put.parent.mkdir()
    put.write_text(json.dumps(nb), encoding="utf-8")
    rows = grade(tmp_path / "subs", tmp_path / "grades")
    (row,) = rows
    assert row["release"] == manifest["release"] and row["mode"] == "practice"
    assert row["00-run-a-cell"] == "1" and row["00-original-language"] == "1" and row["00-fewer-words"] == "1", row
    assert row["answered"] == "3"


def test_an_indonesian_quiz_runs_alone_and_is_graded_with_its_key(colab, tmp_path, monkeypatch):
    out = tmp_path / "quiz"
    wheel = out / "wheel" / wheel_name()
    release(out, mode="assessment", langs=["id"], lessons=["00"], log=lambda line: None, colab_install=str(wheel))
    manifest = json.loads((out / "release.json").read_text())
    key = out.parent / f"quiz.key-{manifest['release']}.json"
    names = zipfile.ZipFile(wheel).namelist()
    bank = zipfile.ZipFile(wheel).read("course/_release/data/exercises/00-getting-started.yml").decode()
    assert "correct:" not in bank and "answer:" not in bank, "an assessment wheel carries no keys"
    assert not [n for n in names if ".key-" in n], "the key file stays beside the release"

    calls = ['answer("00-quiz-unknown-date", "A")', 'answer("00-quiz-charter-words", True)']
    nb = run_alone(out / "notebooks" / "id" / "00-quiz.ipynb", tmp_path / "student", colab, calls, monkeypatch)
    shown = text_of(nb)
    assert "Topik 00" in shown and "penilaian" in shown, "Indonesian, assessment mode, from the notebook's stamp"
    assert "✔" not in shown and "✘" not in shown and "milik rilis" not in shown

    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "4002_00-quiz.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (row,) = grade(subs, tmp_path / "grades", "--key", str(key))
    assert row["release"] == manifest["release"] and row["mode"] == "assessment"
    assert row["answered"] == "2", row
    assert row["00-quiz-charter-words"] in ("0", "1") and row["00-quiz-unknown-date"] in ("0", "1")


def test_a_spec_that_would_break_the_install_cell_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(CourseError, match="cannot be written into a notebook's install cell"):
        release(tmp_path / "r", langs=["en"], lessons=["00"], log=lambda line: None, colab_install='x"; import os; os.system("rm")')
    assert not (tmp_path / "r").exists()
