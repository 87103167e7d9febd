"""A student who skips the set-up cell still gets Python's error explained in the notebook's language.

Real kernels of this environment are started as jupyter_server starts them: in the
notebook's folder, with the notebook's path in ``JPY_SESSION_NAME``. No set-up cell
(``start_lesson``) runs. The environment's IPython configuration
(``{sys.prefix}/etc/ipython/ipython_kernel_config.py``, put there by ``bootstrap.py``
or by the install) loads ``course.kernel.autostart``, which reads the notebook's
language from its metadata.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[2]
NAME_HINT = {
    "en": "Python does not know 'show' yet: run the cells above this one, starting with the set-up cell at the top",
    "id": "Python belum mengenal 'show': jalankan sel-sel di atas sel ini, mulai dari sel persiapan di bagian atas",
}
INDEXERS_HINT = {
    "en": "This is a Series (one column), so .loc takes one label, not a row and a column",
    "id": "Ini sebuah Series (satu kolom), jadi .loc hanya menerima satu label, bukan baris dan kolom",
}


def _autostart():
    """The module under test, imported per test (so each test fails on its own where it is missing)."""
    return importlib.import_module("course.kernel.autostart")


def _notebook(folder: Path, language: str | None, name: str = "00-getting-started.ipynb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('show("00-run-a-cell")')])
    if language:
        nb.metadata["course"] = {"lesson": "00", "language": language}
    path = folder / name
    nbformat.write(nb, path)
    return path


class Kernel:
    """A kernel of this environment, started in ``cwd`` with ``JPY_SESSION_NAME`` as jupyter_server sets it."""

    def __init__(self, cwd: Path, session_name: str | None):
        env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LANG", "JPY_SESSION_NAME")}
        env["COURSE_ANSWER_DIR"] = str(cwd / ".answers")
        if session_name is not None:
            env["JPY_SESSION_NAME"] = session_name
        self.manager, self.client = start_new_kernel(kernel_name="python3", cwd=str(cwd), env=env, startup_timeout=120)

    def run(self, code: str) -> tuple[str, str]:
        """(what the cell printed or returned, its error's traceback as plain text)."""
        output, error = [], []

        def collect(message: dict) -> None:
            content, kind = message["content"], message["msg_type"]
            if kind == "stream":
                output.append(content["text"])
            elif kind == "execute_result":
                output.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                error.append("\n".join(content["traceback"]))

        self.client.execute_interactive(code, output_hook=collect, timeout=120)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", "".join(error))
        return "".join(output), " ".join(plain.split())

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture
def kernels():
    started: list[Kernel] = []

    def start(cwd: Path, session_name: str | None) -> Kernel:
        started.append(Kernel(cwd, session_name))
        return started[-1]

    yield start
    for kernel in started:
        kernel.close()


def test_the_environment_makes_every_kernel_load_the_explanations():
    """IPython reads {sys.prefix}/etc/ipython (IPython/core/application.py, ENV_CONFIG_DIRS); the file there loads autostart."""
    from IPython.core.application import ENV_CONFIG_DIRS

    config = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
    assert str(config.parent) in ENV_CONFIG_DIRS
    assert config.read_bytes() == _autostart().CONFIG_SOURCE.read_bytes(), "bootstrap.py installed the course's kernel configuration"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"etc/ipython" = ["course/kernel/ipython/ipython_kernel_config.py"]' in pyproject, "a normal install (campus hub) gets it too"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_skipped_set_up_cell_gets_the_line_in_the_notebooks_language(kernels, tmp_path, lang):
    notebook = _notebook(tmp_path / "kelas", lang)  # a folder that names no language: the metadata decides
    kernel = kernels(notebook.parent, str(notebook))
    _, error = kernel.run('show("00-run-a-cell")')
    assert "NameError: name 'show' is not defined" in error and NAME_HINT[lang] in error, error
    assert error.index("NameError: name 'show'") < error.index(NAME_HINT[lang]), "the line comes under Python's message"
    other = "id" if lang == "en" else "en"
    assert NAME_HINT[other].split(":")[0] not in error
    kernel.run('import pandas as pd\nwords = pd.Series({"a": 1})')
    _, error = kernel.run('words.loc["a", "b"]')
    assert "Too many indexers" in error and INDEXERS_HINT[lang] in error, "pandas' errors are explained once a cell has imported it"
    output, error = kernel.run("1 + 1")
    assert output.strip() == "2" and not error


def test_the_notebooks_metadata_wins_over_its_folder_and_a_relative_name_is_found(kernels, tmp_path):
    notebook = _notebook(tmp_path / "id", "en")  # an English notebook moved into a folder called "id"
    kernel = kernels(notebook.parent, notebook.name)  # jupyter_server may give the path relative to its root
    _, error = kernel.run("show")
    assert "Python does not know 'show' yet" in error, error


def test_start_lesson_still_sets_the_language(kernels, tmp_path):
    notebook = _notebook(tmp_path / "kelas", "en")
    kernel = kernels(notebook.parent, str(notebook))
    _, error = kernel.run('import course\ncourse.start_lesson("00", lang="id")')
    assert not error, error
    _, error = kernel.run("show_me")
    assert "Python belum mengenal 'show_me'" in error, error


def _broken(tmp_path: Path, how: str) -> tuple[Path, str | None]:
    folder = tmp_path / "kelas"
    folder.mkdir()
    notebook = folder / "00-getting-started.ipynb"
    if how == "missing":
        return folder, str(tmp_path / "gone" / "00-getting-started.ipynb")
    if how == "not-json":
        notebook.write_bytes(b"\x00\xff{not json")
    elif how == "odd-metadata":
        notebook.write_text(json.dumps({"metadata": {"course": ["id"]}, "cells": []}))
    elif how == "unknown-language":
        notebook.write_text(json.dumps({"metadata": {"course": {"language": "fr"}}}))
    elif how == "a-folder":
        notebook.mkdir()
    elif how == "unset":
        return folder, None
    return folder, str(notebook)


@pytest.mark.parametrize("how", ["missing", "not-json", "odd-metadata", "unknown-language", "a-folder", "unset"])
def test_a_kernel_starts_whatever_the_notebook_path_and_falls_back_to_english(kernels, tmp_path, how):
    folder, session_name = _broken(tmp_path, how)
    kernel = kernels(folder, session_name)
    output, error = kernel.run("print(40 + 2)")
    assert output.strip() == "42" and not error
    _, error = kernel.run("show")
    assert "NameError: name 'show' is not defined" in error and NAME_HINT["en"].split(":")[0] in error, error


def test_a_failing_start_up_is_swallowed(monkeypatch):
    """Whatever goes wrong in the extension, IPython gets no exception (a plain kernel starts)."""
    from course.kernel import hints

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(hints, "install", broken)
    _autostart().load_ipython_extension(object())
    monkeypatch.undo()
    _autostart().load_ipython_extension(None)  # not even a shell


def _extensions_after_config() -> list[str]:
    from traitlets.config import Config

    config = Config()
    exec(_autostart().CONFIG_SOURCE.read_text(encoding="utf-8"), {"get_config": lambda: config})
    return list(config.InteractiveShellApp.extensions.get_value([])) if "InteractiveShellApp" in config else []


def test_the_kernel_configuration_loads_nothing_when_the_course_is_missing(monkeypatch):
    """The configuration file itself never raises: without the course, no extension is added."""
    assert _extensions_after_config() == ["course.kernel.autostart"]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert _extensions_after_config() == []

    def broken(name):
        raise ImportError(name)

    monkeypatch.setattr(importlib.util, "find_spec", broken)
    assert _extensions_after_config() == []


def test_a_release_and_its_bootstrap_carry_the_configuration(tmp_path):
    """A release's own bootstrap.py (its venv) and a normal install of it (the campus hub's /opt env) both get the file."""
    from course.authoring.release import release

    bundle = tmp_path / "release"
    release(bundle, mode="practice", langs=["id"], lessons=["00"], log=lambda line: None)
    assert (bundle / "course" / "kernel" / "ipython" / "ipython_kernel_config.py").is_file()
    assert '"etc/ipython" = ["course/kernel/ipython/ipython_kernel_config.py"]' in (bundle / "pyproject.toml").read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location("release_bootstrap", bundle / "bootstrap.py")
    bootstrap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bootstrap)
    bootstrap.install_kernel_config(Path(sys.executable), tmp_path / "venv")  # runs the release's own course.kernel.autostart
    assert (tmp_path / "venv" / "etc" / "ipython" / "ipython_kernel_config.py").read_bytes() == _autostart().CONFIG_SOURCE.read_bytes()


def test_bootstrap_warns_in_one_line_when_the_configuration_cannot_be_installed(tmp_path, capsys):
    """A broken environment must not stop bootstrap.py: lessons still explain errors after their set-up cell."""
    spec = importlib.util.spec_from_file_location("main_bootstrap", Path(__file__).resolve().parents[2] / "bootstrap.py")
    bootstrap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bootstrap)
    no_course = tmp_path / "python"
    no_course.write_text("#!/bin/sh\necho 'ModuleNotFoundError: No module named course' >&2\nexit 1\n")
    no_course.chmod(0o755)
    bootstrap.install_kernel_config(no_course, tmp_path / "venv")
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "No module named course" in lines[0] and "bootstrap.py again" in lines[0], lines
    assert not (tmp_path / "venv" / "etc").exists()


def test_install_config_writes_the_file_an_editable_install_skips(tmp_path):
    written = _autostart().install_config(tmp_path)
    assert written == tmp_path / "etc" / "ipython" / "ipython_kernel_config.py"
    assert written.read_bytes() == _autostart().CONFIG_SOURCE.read_bytes()
    assert _autostart().install_config(tmp_path) == written, "idempotent"
