"""Set-up: bootstrap.py installs with uv (pip as fallback), offline from a warm cache or a wheelhouse.

The unit tests check the commands bootstrap and ``python -m course wheelhouse``
build and their one-line errors, with fake runners. The end-to-end tests use a
minimal project (one package, one small dependency) instead of the course: what
they must prove is the route (wheelhouse made for this machine with the build
backend and uv in it, then bootstrap installing from it with the network off;
an environment rebuilt offline from warm caches), and a full course wheelhouse
would add about 170 MB of downloads to every CI run without proving more. The
course's own requirement list is checked by a unit test, and a real resolution
for Windows checks that platform markers are evaluated for the target. These
tests need PyPI (as CI has); the network is switched off with ``unshare --net``
where that works (root), else with proxies pointing to a closed port.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.__main__ import main as course_main
from course.authoring import wheelhouse
from course.errors import CourseError

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)


class Done(Exception):
    """Stops main() after the call a test wants to see."""


def completed(command, returncode=0, stdout="", stderr=""):
    return subprocess.CompletedProcess(command, returncode, stdout, stderr)


# ---------------------------------------------------------------- bootstrap: arguments and errors


@pytest.mark.parametrize("command, extra", [("lab", ""), ("test", "test")])
def test_both_commands_take_a_wheelhouse(monkeypatch, tmp_path, command, extra):
    seen = []

    def fake_environment(given_extra, wheelhouse=None):
        seen.append((given_extra, wheelhouse))
        raise Done

    monkeypatch.setattr(bootstrap, "ensure_environment", fake_environment)
    with pytest.raises(Done):
        bootstrap.main([command, "--wheelhouse", str(tmp_path)])
    assert seen == [(extra, tmp_path)]
    with pytest.raises(Done):
        bootstrap.main([command])
    assert seen[-1] == (extra, None)


def test_a_missing_wheelhouse_is_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        bootstrap.ensure_environment("", wheelhouse=tmp_path / "usb", venv_dir=tmp_path / "venv")
    assert stop.value.code == 1
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0 and "no such folder" in message and "python3 bootstrap.py wheelhouse" in message
    assert not (tmp_path / "venv").exists(), "nothing is created before the wheelhouse is checked"


def test_an_empty_wheelhouse_is_one_line(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a wheel")
    with pytest.raises(SystemExit):
        bootstrap.check_wheelhouse(tmp_path)
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0 and "holds no wheels" in message


def test_commands_from_a_wheelhouse_use_no_index(tmp_path):
    python, uv = tmp_path / "bin" / "python", tmp_path / "bin" / "uv"
    online = bootstrap.uv_command(uv, python, ".[test]", None)
    assert online == [str(uv), "pip", "install", "--python", str(python), "-e", ".[test]", "pip"]
    offline = bootstrap.uv_command(uv, python, ".", tmp_path / "wh")
    assert offline[:8] == [str(uv), "pip", "install", "--python", str(python), "-e", ".", "pip"]
    assert {"--offline", "--no-index"} <= set(offline) and offline[offline.index("--find-links") + 1] == str(tmp_path / "wh")
    pip = bootstrap.pip_command([str(python), "-m", "pip"], "uv", wheelhouse=tmp_path / "wh")
    assert pip[:4] == [str(python), "-m", "pip", "install"] and "--no-index" in pip and pip[-1] == "uv"
    assert "--no-index" not in bootstrap.pip_command([str(python), "-m", "pip"], "uv")


def test_a_new_environment_borrows_the_bundled_pip(tmp_path):
    """No seconds spent installing pip before uv: the pip wheel Python ships is run in place."""
    python = bootstrap.venv_python(tmp_path / "venv")
    runner = bootstrap.pip_runner(python)
    import ensurepip

    bundled = list((Path(ensurepip.__file__).parent / "_bundled").glob("pip-*.whl"))
    if bundled:
        assert runner[0] == str(python) and runner[1].endswith("pip") and ".whl" in runner[1]
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "pip"
    site.mkdir(parents=True)
    (site / "__init__.py").write_text("")
    assert bootstrap.pip_runner(python) == [str(python), "-m", "pip"]


def test_the_uv_wheel_is_kept_in_the_course_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "c"))
    assert bootstrap.uv_wheel_cache() == tmp_path / "c" / "uv-wheels"
    monkeypatch.delenv("COURSE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert bootstrap.uv_wheel_cache() == tmp_path / "x" / "good-governance-course" / "uv-wheels"


def test_uv_retries_offline_from_its_cache(monkeypatch, tmp_path, capsys):
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        return completed(command, returncode=1 if len(calls) == 1 else 0, stderr="error: Failed to fetch")

    monkeypatch.setattr(bootstrap, "install_uv", lambda python, pip, wheelhouse: tmp_path / "uv")
    monkeypatch.setattr(bootstrap.subprocess, "run", fake_run)
    bootstrap.install(tmp_path / "python", "test")
    assert calls[0][-3:] == ["-e", ".[test]", "pip"] and "--offline" not in calls[0]
    assert calls[1][: len(calls[0])] == calls[0] and "--offline" in calls[1]
    assert "trying again from its cache (offline)" in capsys.readouterr().out


def test_uv_failing_online_and_offline_is_one_line_at_the_end(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bootstrap, "install_uv", lambda python, pip, wheelhouse: tmp_path / "uv")
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda command, **kw: completed(command, 2, stderr="error: no network"))
    with pytest.raises(SystemExit):
        bootstrap.install(tmp_path / "python", "")
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "error: no network" and err[-1].startswith("bootstrap: uv could not install the course") and "--wheelhouse" in err[-1]


def test_without_uv_pip_installs_and_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def fake_run(command, **kwargs):  # every attempt to get uv fails; pip itself works
        calls.append(command)
        return completed(command, returncode=1 if "uv" in command else 0)

    monkeypatch.setattr(bootstrap.subprocess, "run", fake_run)
    bootstrap.install(tmp_path / "bin" / "python", "test")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "uv could not be installed" in out and "installing with pip instead" in out
    assert "install" in calls[-1] and calls[-1][-3:] == ["-e", ".[test]", "pip"]


def test_a_wheelhouse_without_uv_installs_with_pip_from_it_alone(monkeypatch, tmp_path, capsys):
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        return completed(command, returncode=1 if "uv" in command else 0)

    monkeypatch.setattr(bootstrap.subprocess, "run", fake_run)
    bootstrap.install(tmp_path / "bin" / "python", "", tmp_path / "wh")
    assert "has no uv wheel for this machine" in capsys.readouterr().out
    assert all("--no-index" in command for command in calls), "nothing may reach an index"
    assert not any("--upgrade" in command for command in calls)


def test_a_wheelhouse_lacking_a_wheel_says_how_to_make_one(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bootstrap, "install_uv", lambda python, pip, wheelhouse: tmp_path / "uv")
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda command, **kw: completed(command, 1, stderr="pytest was not found"))
    with pytest.raises(SystemExit):
        bootstrap.install(tmp_path / "python", "test", tmp_path / "wh")
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"bootstrap: installing from {tmp_path / 'wh'} failed")
    made = f"python3 bootstrap.py wheelhouse {tmp_path / 'wh'} --platform {bootstrap.wheel_platform()} --python-version"
    assert made in last and last.endswith("--extra test")
    wheelhouse.target_platform(bootstrap.wheel_platform())  # the suggested tag is one the command takes


# ---------------------------------------------------------------- course wheelhouse: arguments and errors


@pytest.mark.parametrize(
    "tag, uv_platform, also",
    [
        ("win_amd64", "x86_64-pc-windows-msvc", None),
        ("win32", "i686-pc-windows-msvc", None),
        ("macosx_11_0_arm64", "aarch64-apple-darwin", None),
        ("macosx_10_13_x86_64", "x86_64-apple-darwin", None),
        ("manylinux_2_28_x86_64", "x86_64-manylinux_2_28", "manylinux2014_x86_64"),
        ("manylinux_2_30_aarch64", "aarch64-manylinux_2_28", "manylinux_2_17_aarch64"),
        ("manylinux2014_x86_64", "x86_64-manylinux_2_17", "manylinux1_x86_64"),
    ],
)
def test_platform_tags_for_uv_and_pip(tag, uv_platform, also):
    got_uv, got_pip = wheelhouse.target_platform(tag)
    assert got_uv == uv_platform
    assert (tag in got_pip or tag.startswith("manylinux2014")) and (also is None or also in got_pip)


@pytest.mark.parametrize("tag", ["windows", "linux_x86_64", "manylinux_2_12_x86_64", "macosx_arm64", ""])
def test_unknown_platform_is_one_line(tag):
    with pytest.raises(CourseError) as error:
        wheelhouse.target_platform(tag)
    assert str(error.value).startswith(f"wheelhouse: --platform '{tag}'") and "win_amd64" in str(error.value)


@pytest.mark.parametrize("version", ["3", "3.10", "2.7", "3.x", "312"])
def test_bad_python_version_is_refused(version):
    with pytest.raises(CourseError, match=r"3\.11 or newer"):
        wheelhouse.check_python_version(version)


def test_the_course_wheelhouse_holds_build_backend_uv_and_every_dependency():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    base = wheelhouse.requirements()
    assert set(config["build-system"]["requires"]) <= set(base) and {"uv", "pip"} <= set(base)
    assert set(config["project"]["dependencies"]) <= set(base)
    assert not set(config["project"]["optional-dependencies"]["test"]) & set(base)
    assert set(config["project"]["optional-dependencies"]["test"]) <= set(wheelhouse.requirements(extra="test"))


def test_cli_errors_are_one_line_each(capsys, tmp_path):
    assert course_main(["wheelhouse", str(tmp_path / "wh"), "--platform", "amiga"]) == 1
    assert course_main(["wheelhouse", str(tmp_path / "wh"), "--extra", "docs"]) == 1
    assert course_main(["wheelhouse", str(tmp_path / "wh"), "--python-version", "3.9"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("wheelhouse: ") and "Fix: " in line for line in lines)
    assert "(known: campus, hub, site, test)" in lines[1]
    assert not (tmp_path / "wh").exists()


def test_a_file_is_not_a_wheelhouse(tmp_path, capsys):
    (tmp_path / "wh").write_text("")
    assert course_main(["wheelhouse", str(tmp_path / "wh")]) == 1
    assert capsys.readouterr().out.strip() == f"{tmp_path / 'wh'}: is a file, not a folder. Fix: give a folder (it is created if needed)"


def test_without_uv_the_command_says_where_to_get_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(wheelhouse, "find_uv", lambda: None)
    assert course_main(["wheelhouse", str(tmp_path / "wh")]) == 1
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "uv is needed" in out and "bootstrap.py lab" in out


def test_resolve_then_download_for_the_target(monkeypatch, tmp_path):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs))
        if command[1:3] == ["pip", "compile"]:
            return completed(command, stdout="anyio==4.0.0\n# a comment\nuv==0.9.0\nsetuptools==80.0.0\n")
        listing = Path(command[command.index("-r") + 1]).read_text().split()
        if "anyio==4.0.0" in listing:
            return completed(command, 1, stderr="ERROR: Could not find a version\nERROR: No matching distribution found for anyio==4.0.0\n")
        return completed(command)

    monkeypatch.setattr(wheelhouse, "find_uv", lambda: "/opt/uv")
    with pytest.raises(CourseError) as error:
        wheelhouse.build_wheelhouse(tmp_path / "wh", "win_amd64", "3.12", run=fake_run)
    (compile_command, compile_kwargs), first, second = calls
    assert compile_command[:4] == ["/opt/uv", "pip", "compile", "-"]
    assert compile_command[compile_command.index("--python-platform") + 1] == "x86_64-pc-windows-msvc"
    assert compile_command[compile_command.index("--python-version") + 1] == "3.12"
    assert "setuptools>=77" in compile_kwargs["input"] and "uv" in compile_kwargs["input"].split()
    for command, _ in (first, second):
        assert command[1:4] == ["-m", "pip", "download"] and {"--no-deps", "--only-binary"} <= set(command)
        assert command[command.index("--platform") + 1] == "win_amd64" and command[command.index("--dest") + 1] == str(tmp_path / "wh")
    assert [str(p) for p in error.value.problems] == [
        "wheelhouse: no wheel of anyio==4.0.0 for win_amd64 and Python 3.12 on the package index. "
        "Fix: choose another --platform or --python-version, or ask the course maintainers"
    ]


def test_a_mac_wheelhouse_resolves_for_that_macos_version(monkeypatch, tmp_path):
    seen = []

    def fake_run(command, **kwargs):
        seen.append((command, kwargs.get("env")))
        return completed(command, stdout="uv==0.9.0\n")

    monkeypatch.setattr(wheelhouse, "find_uv", lambda: "/opt/uv")
    wheelhouse.build_wheelhouse(tmp_path / "wh", "macosx_11_0_arm64", "3.13", run=fake_run)
    (compile_command, env), (download_command, _) = seen
    assert env["MACOSX_DEPLOYMENT_TARGET"] == "11.0" and "aarch64-apple-darwin" in compile_command
    assert download_command[download_command.index("--platform") + 1] == "macosx_11_0_arm64"


def test_a_failed_resolution_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(wheelhouse, "find_uv", lambda: "/opt/uv")
    fake = lambda command, **kw: completed(command, 2, stderr="  × No solution found\n  ╰─▶ Because pandas has no wheels\n")  # noqa: E731
    with pytest.raises(CourseError) as error:
        wheelhouse.build_wheelhouse(tmp_path / "wh", run=fake)
    assert str(error.value) == (
        "wheelhouse: uv could not work out the wheels: ╰─▶ Because pandas has no wheels. "
        "Fix: check the internet connection, --platform and --python-version"
    )


# ---------------------------------------------------------------- end to end, with PyPI and then without a network

needs_uv = pytest.mark.skipif(wheelhouse.find_uv() is None, reason="uv is not installed (bootstrap.py puts it into .venv)")
MINIMAL = """\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "labdemo"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["iniconfig>=2"]

[tool.setuptools]
packages = ["labdemo"]
"""


def _offline_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        return [unshare, "--net"]
    return []


def _clean_env(caches: Path, offline: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_CACHE_DIR=str(caches / "pip"),
        UV_CACHE_DIR=str(caches / "uv"),
        COURSE_CACHE_DIR=str(caches / "course"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    if offline and not _offline_prefix():  # no network namespace here: every connection goes to a closed port
        closed = "http://127.0.0.1:9"
        env.update(HTTP_PROXY=closed, HTTPS_PROXY=closed, ALL_PROXY=closed, http_proxy=closed, https_proxy=closed, all_proxy=closed)
    return env


def _bootstrap(project: Path, caches: Path, offline: bool, wheelhouse_dir: Path | None = None) -> subprocess.CompletedProcess:
    where = f"Path({str(wheelhouse_dir)!r})" if wheelhouse_dir else "None"
    call = f"import bootstrap; from pathlib import Path; bootstrap.ensure_environment('', {where})"
    prefix = _offline_prefix() if offline else []
    return subprocess.run(
        [*prefix, sys.executable, "-c", call], cwd=project, env=_clean_env(caches, offline), capture_output=True, text=True, timeout=600
    )


def _installed(project: Path) -> bool:
    python = bootstrap.venv_python(project / ".venv")
    check = "import labdemo, iniconfig, pip; print(labdemo.__file__)"
    result = subprocess.run([str(python), "-c", check], capture_output=True, text=True)
    return result.returncode == 0 and str(project) in result.stdout


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    project = tmp_path / "project"
    (project / "labdemo").mkdir(parents=True)
    (project / "labdemo" / "__init__.py").write_text('"""A stand-in for the course."""\n')
    (project / "pyproject.toml").write_text(MINIMAL)
    shutil.copy(ROOT / "bootstrap.py", project / "bootstrap.py")
    return project


@pytest.fixture(scope="session")
def minimal_wheelhouse(tmp_path_factory) -> Path:
    """A wheelhouse for the minimal project and this machine, made once by the real command."""
    project = tmp_path_factory.mktemp("wheelhouse-project")
    (project / "pyproject.toml").write_text(MINIMAL)
    out = tmp_path_factory.mktemp("wheelhouse")
    wheels = wheelhouse.build_wheelhouse(out, project=project)
    names = {w.name.split("-")[0].lower() for w in wheels}
    assert {"setuptools", "uv", "pip", "iniconfig"} <= names, names
    return out


@needs_uv
def test_bootstrap_installs_from_a_wheelhouse_with_the_network_off(minimal_project, minimal_wheelhouse, tmp_path):
    result = _bootstrap(minimal_project, tmp_path / "caches", offline=True, wheelhouse_dir=minimal_wheelhouse)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "installed with uv" in result.stdout and "pip instead" not in result.stdout
    assert _installed(minimal_project)
    assert (minimal_project / ".venv" / ".installed-base").exists()


@needs_uv
def test_a_wheelhouse_without_uv_installs_with_pip_offline(minimal_project, minimal_wheelhouse, tmp_path):
    without_uv = tmp_path / "wh"
    shutil.copytree(minimal_wheelhouse, without_uv, ignore=shutil.ignore_patterns("uv-*"))
    result = _bootstrap(minimal_project, tmp_path / "caches", offline=True, wheelhouse_dir=without_uv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "installing with pip instead" in result.stdout
    assert _installed(minimal_project)


@needs_uv
def test_an_environment_is_rebuilt_offline_from_warm_caches(minimal_project, tmp_path):
    caches = tmp_path / "caches"
    online = _bootstrap(minimal_project, caches, offline=False)
    assert online.returncode == 0 and "installed with uv" in online.stdout, online.stdout + online.stderr
    assert list((caches / "course" / "uv-wheels").glob("uv-*.whl")), "the uv wheel is kept for the next set-up"
    shutil.rmtree(minimal_project / ".venv")
    offline = _bootstrap(minimal_project, caches, offline=True)
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert "trying again from its cache (offline)" in offline.stdout and "pip instead" not in offline.stdout
    assert _installed(minimal_project)


@needs_uv
def test_a_windows_wheelhouse_gets_the_windows_only_dependencies():
    uv = wheelhouse.find_uv()
    names = lambda pins: {pin.split("==")[0].lower() for pin in pins}  # noqa: E731
    windows = names(wheelhouse.resolve(wheelhouse.requirements(), "x86_64-pc-windows-msvc", "3.12", uv))
    assert {"pywinpty", "colorama"} <= windows, "pip download --platform alone would leave these out"
    assert {"jupyterlab", "pandas", "setuptools", "uv"} <= windows


# ---------------------------------------------------------------- the lecturer's commands through the bootstrap


def test_every_course_command_is_a_bootstrap_command():
    from course.__main__ import build_parser

    subcommands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert set(bootstrap.COURSE_COMMANDS) == set(subcommands)


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "PA101 Lesson 03.zip", "--out", "nilai-03-kuis", "--lang", "id"],
        ["release", "--mode", "assessment", "--lessons", "03", "--out", "../rilis-03-kuis"],
        ["links", "--help"],
        ["wheelhouse", "wh", "--platform", "win_amd64"],
    ],
)
def test_a_lecturers_command_runs_in_the_venv_with_the_same_arguments_and_status(monkeypatch, tmp_path, argv):
    python = tmp_path / "venv" / "bin" / "python"
    seen = []
    monkeypatch.setattr(bootstrap, "ensure_environment", lambda extra, wheelhouse=None: seen.append(extra) or python)
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda command, **kw: seen.append((command, kw)) or completed(command, 3))
    with pytest.raises(SystemExit) as stop:
        bootstrap.main(argv)
    assert stop.value.code == 3
    assert seen == ["", ([str(python), "-m", "course", *argv], {"check": False})], (
        "set up, then the same arguments, from the folder the lecturer is in"
    )


def test_bootstrap_commands_work_as_typed_from_the_course_folder(tmp_path):
    """The real thing: the course's own environment is current, so nothing is installed."""
    bad = tmp_path / "mine.csv"
    bad.write_text("id,title\nx,y\n")
    ok = subprocess.run(
        [sys.executable, "bootstrap.py", "check-abstracts", "data/abstracts.csv"], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0 and "OK" in ok.stdout, ok.stdout + ok.stderr
    failed = subprocess.run(
        [sys.executable, "bootstrap.py", "check-abstracts", str(bad)], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert failed.returncode == 1 and "mine.csv" in failed.stdout
    helped = subprocess.run([sys.executable, "bootstrap.py", "--help"], check=False, cwd=ROOT, capture_output=True, text=True)
    assert helped.returncode == 0 and all(name in helped.stdout for name in bootstrap.COURSE_COMMANDS)
    grade_help = subprocess.run([sys.executable, "bootstrap.py", "grade", "--help"], check=False, cwd=ROOT, capture_output=True, text=True)
    assert grade_help.returncode == 0 and "--out" in grade_help.stdout and "--key" in grade_help.stdout


def test_options_before_a_lecturers_command_are_one_line(capsys):
    with pytest.raises(SystemExit) as stop:
        bootstrap.main(["--lang", "id", "release", "--out", "x"])
    assert stop.value.code in (1, 2)
    err = capsys.readouterr().err.strip()
    assert err.count("\n") <= 2 and "bootstrap.py" in err


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> Path:
    """A Python without any of the course's packages (a venv with nothing installed)."""
    import venv

    folder = tmp_path_factory.mktemp("bare") / "venv"
    venv.EnvBuilder(with_pip=False).create(folder)
    return bootstrap.venv_python(folder)


@pytest.mark.parametrize(
    "argv",
    [
        ["release", "--mode", "assessment", "--lessons", "03", "--out", "../rilis 03"],
        ["grade", "kumpulan.zip", "--out", "nilai-03-kuis"],
        ["check-abstracts", "data/abstracts.csv"],
    ],
)
def test_python_m_course_without_the_packages_says_which_command_to_use(bare_python, argv):
    result = subprocess.run(
        [str(bare_python), "-m", "course", *argv],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
    )
    assert result.returncode == 1 and not result.stderr, result.stderr
    line = result.stdout.strip()
    assert line.count("\n") == 0, line
    import shlex

    typed = shlex.join(["bootstrap.py", *argv])
    assert line.startswith(f"python -m course: this Python ({bare_python}) does not have the course's packages (nbformat is missing). ")
    assert f"python3 {typed} (Windows: py {subprocess.list2cmdline(['bootstrap.py', *argv])})" in line
    assert "Python ini belum memiliki paket-paket kursus" in line and "bug" not in line


def test_python_m_course_from_elsewhere_names_the_bootstrap_path(bare_python, tmp_path):
    run_course = f"import runpy, sys; sys.path.insert(0, {str(ROOT)!r}); runpy.run_module('course', run_name='__main__')"
    result = subprocess.run(
        [str(bare_python), "-c", run_course, "grade", "x.zip", "--out", "y"], check=False, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1 and f"python3 {ROOT / 'bootstrap.py'} grade x.zip --out y" in result.stdout


# ---------------------------------------------------------------- lab in a student release


def _fake_release(folder: Path, notebooks: list[str]) -> Path:
    for name in notebooks:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("{}")
    (folder / "release.json").write_text(json.dumps({"mode": "assessment", "notebooks": notebooks}))
    return folder


def test_lab_in_a_release_opens_its_first_notebook_in_the_language_asked(tmp_path, capsys):
    both = _fake_release(tmp_path / "both", ["notebooks/en/03-quiz.ipynb", "notebooks/en/05-quiz.ipynb", "notebooks/id/03-quiz.ipynb"])
    assert bootstrap.release_notebook(both, None) == both / "notebooks/en/03-quiz.ipynb"
    assert bootstrap.release_notebook(both, "id") == both / "notebooks/id/03-quiz.ipynb"
    assert capsys.readouterr().out == ""
    only_id = _fake_release(tmp_path / "id", ["notebooks/id/03-bureaucratic-reform.ipynb"])
    assert bootstrap.release_notebook(only_id, None) == only_id / "notebooks/id/03-bureaucratic-reform.ipynb"
    assert capsys.readouterr().out == "", "no note when no language was asked for"
    assert bootstrap.release_notebook(only_id, "en") == only_id / "notebooks/id/03-bureaucratic-reform.ipynb"
    note = capsys.readouterr().out.strip()
    assert note.count("\n") == 0 and "no English notebooks" in note and "berbahasa Inggris" in note


def test_lab_in_a_release_never_makes_a_student_copy(monkeypatch, tmp_path):
    folder = _fake_release(tmp_path / "rilis", ["notebooks/id/03-quiz.ipynb"])
    opened = []
    monkeypatch.setattr(bootstrap, "ROOT", folder)
    monkeypatch.setattr(bootstrap, "ensure_environment", lambda extra, wheelhouse=None: tmp_path / "python")
    monkeypatch.setattr(bootstrap, "student_copy", lambda python: pytest.fail("a release is opened in place"))
    monkeypatch.setattr(bootstrap, "open_lab", lambda python, home, notebook, extra: opened.append((home, notebook, extra)))
    bootstrap.main(["lab", "--lang", "id", "--", "--port=9999"])
    assert opened == [(folder, folder / "notebooks/id/03-quiz.ipynb", ["--port=9999"])]
    with pytest.raises(SystemExit):
        bootstrap.main(["lab", "--masters"])


def test_a_release_through_the_bootstrap_writes_the_release_and_passes_the_status_on(tmp_path):
    out = tmp_path / "latihan-03"
    made = subprocess.run(
        [sys.executable, "bootstrap.py", "release", "--mode", "practice", "--lessons", "03", "--lang", "id", "--out", str(out)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert json.loads((out / "release.json").read_text())["notebooks"] == ["notebooks/id/03-bureaucratic-reform.ipynb"]
    refused = subprocess.run(
        [sys.executable, "bootstrap.py", "release", "--lessons", "99", "--out", str(tmp_path / "none")],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and refused.stdout.strip().count("\n") == 0 and "no lessons match" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr


def test_on_windows_lab_runs_jupyter_and_passes_its_status_on(monkeypatch, tmp_path):
    """Windows has no exec: bootstrap waits for JupyterLab and exits with its status; messages say py bootstrap.py."""
    calls = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(bootstrap.os, "name", "nt")
    monkeypatch.setattr(bootstrap.os, "execv", lambda *a: pytest.fail("no exec on Windows"))
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda command, **kw: calls.append(command) or completed(command, 4))
    notebook = tmp_path / "notebooks" / "id" / "03-quiz.ipynb"
    with pytest.raises(SystemExit) as stop:
        bootstrap.open_lab(tmp_path / "python.exe", tmp_path, notebook, ["--port=9999"])
    assert stop.value.code == 4
    assert calls[0][:4] == [str(tmp_path / "python.exe"), "-m", "jupyter", "lab"]
    assert "--LabApp.default_url=/lab/tree/notebooks/id/03-quiz.ipynb" in calls[0] and calls[0][-1] == "--port=9999"
    assert bootstrap.typed() == "py bootstrap.py"
