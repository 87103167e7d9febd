"""A folder of wheels for a lab without internet: ``python -m course wheelhouse DIR``.

On a machine with internet, this downloads every wheel the course needs on
another machine: the course's dependencies (and an extra's, e.g. ``test``),
the build backend that installs the course itself (``[build-system] requires``),
uv, which ``bootstrap.py`` uses to install, and pip, which it puts into the
environment beside the course. ``python3 bootstrap.py lab
--wheelhouse DIR`` then installs from that folder with no index at all.

Two steps, so that the wheels fit the *target* machine, not this one:

1. uv resolves the requirements for the target platform and Python version
   (``uv pip compile --python-platform ... --python-version ... --only-binary
   :all:``). uv evaluates environment markers for the target, so a Windows
   wheelhouse gets the Windows-only packages (``pywinpty``, ``colorama``)
   that ``pip download --platform`` would leave out (pip evaluates markers for
   the running interpreter: https://github.com/pypa/pip/issues/10050).
2. pip downloads exactly those versions (``pip download --no-deps
   --only-binary :all: --platform ... --python-version ...``).

Only the standard library is imported here: building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import CourseError, Problem

PROJECT = Path(__file__).resolve().parents[2]
NAME = "wheelhouse"
Runner = Callable[..., subprocess.CompletedProcess]

_WINDOWS = {"win_amd64": "x86_64-pc-windows-msvc", "win_arm64": "aarch64-pc-windows-msvc", "win32": "i686-pc-windows-msvc"}
_UV_MANYLINUX = (17, 28, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40)  # the glibc versions uv's --python-platform names
_EXAMPLES = "win_amd64, win_arm64, win32, manylinux_2_28_x86_64, manylinux_2_17_aarch64, macosx_11_0_arm64, macosx_10_13_x86_64"


def target_platform(tag: str) -> tuple[str, list[str]]:
    """uv's ``--python-platform`` and pip's ``--platform`` values for a wheel platform tag.

    pip takes a manylinux tag literally, so every older glibc version is listed
    too (a ``manylinux_2_17`` wheel runs on a ``manylinux_2_28`` machine).
    """
    if tag in _WINDOWS:
        return _WINDOWS[tag], [tag]
    mac = re.fullmatch(r"macosx_(\d+)_(\d+)_(x86_64|arm64|universal2)", tag)
    if mac:
        return ("aarch64" if mac[3] == "arm64" else "x86_64") + "-apple-darwin", [tag]
    legacy = {"manylinux2014": 17, "manylinux2010": 12, "manylinux1": 5}
    linux = re.fullmatch(r"manylinux_2_(\d+)_(x86_64|aarch64)", tag) or re.fullmatch(
        r"(manylinux2014|manylinux2010|manylinux1)_(x86_64|aarch64)", tag
    )
    if linux:
        glibc = legacy[linux[1]] if linux[1] in legacy else int(linux[1])
        arch = linux[2]
        known = [v for v in _UV_MANYLINUX if v <= glibc]
        if known:
            tags = [f"manylinux_2_{v}_{arch}" for v in range(glibc, 4, -1)]
            tags += [f"{name}_{arch}" for name, v in legacy.items() if v <= glibc]
            return f"{arch}-manylinux_2_{known[-1]}", tags
    raise CourseError(
        Problem(
            NAME,
            f"--platform '{tag}' is not a wheel platform this command knows",
            f"use one of {_EXAMPLES} (manylinux_2_N with N 17 or more)",
        )
    )


def check_python_version(version: str) -> str:
    """``version`` if it names Python 3.11 or newer as X.Y."""
    match = re.fullmatch(r"3\.(\d+)", version)
    if not match or int(match[1]) < 11:
        raise CourseError(
            Problem(
                NAME,
                f"--python-version '{version}' is not a Python version the course runs on",
                "give it as X.Y, 3.11 or newer (e.g. 3.12)",
            )
        )
    return version


def requirements(project: Path = PROJECT, extra: str | None = None) -> list[str]:
    """What a wheelhouse must hold: the build backend, uv, pip, the dependencies and those of ``extra``."""
    config = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    metadata = config.get("project", {})
    extras = metadata.get("optional-dependencies", {})
    if extra and extra not in extras:
        known = ", ".join(sorted(extras)) or "none"
        raise CourseError(
            Problem(
                NAME,
                f"--extra '{extra}' is not an extra of {project / 'pyproject.toml'} (known: {known})",
                "leave it out, or use one of those",
            )
        )
    wanted = [*config.get("build-system", {}).get("requires", []), "uv", "pip", *metadata.get("dependencies", [])]
    return wanted + (extras[extra] if extra else [])


def find_uv() -> str | None:
    """The uv beside this Python (bootstrap puts it there), on PATH, or from the ``uv`` package."""
    beside = Path(sys.executable).parent / ("uv.exe" if os.name == "nt" else "uv")
    if beside.exists():
        return str(beside)
    if found := shutil.which("uv"):
        return found
    try:
        from uv import find_uv_bin  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return find_uv_bin()
    except FileNotFoundError:
        return None


def resolve(
    wanted: Sequence[str], uv_platform: str | None, python_version: str, uv: str, run: Runner = subprocess.run, macos: str | None = None
) -> list[str]:
    """Pinned ``name==version`` lines for ``wanted`` on the target, as uv resolves them.

    ``macos`` is the oldest macOS version of the target (e.g. ``11.0``): uv
    otherwise assumes 13.0 and may choose wheels older Macs cannot install.
    """
    command = [
        uv,
        "pip",
        "compile",
        "-",
        "--python-version",
        python_version,
        "--only-binary",
        ":all:",
        "--no-header",
        "--no-annotate",
        "--quiet",
    ]
    if uv_platform:
        command += ["--python-platform", uv_platform]
    env = dict(os.environ, MACOSX_DEPLOYMENT_TARGET=macos) if macos else None
    result = run(command, input="\n".join(wanted) + "\n", capture_output=True, text=True, env=env)
    if result.returncode != 0:
        last = next((line.strip() for line in reversed(result.stderr.splitlines()) if line.strip()), "no message")
        raise CourseError(
            Problem(NAME, f"uv could not work out the wheels: {last}", "check the internet connection, --platform and --python-version")
        )
    return [line.strip() for line in result.stdout.splitlines() if "==" in line and not line.lstrip().startswith("#")]


def download(
    pins: Sequence[str],
    out: Path,
    pip_platforms: Sequence[str],
    python_version: str,
    label: str = "this platform",
    run: Runner = subprocess.run,
) -> list[Problem]:
    """Download the wheels of ``pins`` into ``out``; one problem per wheel pip cannot find."""
    problems: list[Problem] = []
    remaining = list(pins)
    where = f"{label} and Python {python_version}"
    while remaining:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.write("\n".join(remaining) + "\n")
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--python-version",
            python_version,
            "--dest",
            str(out),
            "-r",
            listing.name,
        ]
        for platform in pip_platforms:
            command += ["--platform", platform]
        try:
            result = run(command, capture_output=True, text=True)
        finally:
            os.unlink(listing.name)
        if result.returncode == 0:
            break
        missing = re.search(r"No matching distribution found for (\S+)", result.stderr)
        culprit = missing[1] if missing else None
        if culprit not in remaining:
            last = next((line.strip() for line in reversed(result.stderr.splitlines()) if line.strip()), "no message")
            problems.append(Problem(NAME, f"pip could not download the wheels: {last}", "check the internet connection and run this again"))
            break
        problems.append(
            Problem(
                NAME,
                f"no wheel of {culprit} for {where} on the package index",
                "choose another --platform or --python-version, or ask the course maintainers",
            )
        )
        remaining.remove(culprit)
    return problems


def build_wheelhouse(
    out: Path,
    platform: str | None = None,
    python_version: str | None = None,
    extra: str | None = None,
    project: Path = PROJECT,
    run: Runner = subprocess.run,
) -> list[Path]:
    """Fill ``out`` with the wheels the course needs on the target; returns the wheels now in it."""
    version = check_python_version(python_version or f"{sys.version_info.major}.{sys.version_info.minor}")
    uv_platform, pip_platforms = target_platform(platform) if platform else (None, [])
    wanted = requirements(project, extra)
    if out.exists() and not out.is_dir():
        raise CourseError(Problem(str(out), "is a file, not a folder", "give a folder (it is created if needed)"))
    uv = find_uv()
    if uv is None:
        raise CourseError(
            Problem(
                NAME,
                "uv is needed to work out the wheels for the target machine and was not found",
                "run python3 bootstrap.py lab once (it puts uv into .venv), or pip install uv",
            )
        )
    mac = re.fullmatch(r"macosx_(\d+)_(\d+)_\w+", platform or "")
    pins = resolve(wanted, uv_platform, version, uv, run, macos=f"{mac[1]}.{mac[2]}" if mac else None)
    out.mkdir(parents=True, exist_ok=True)
    problems = download(pins, out, pip_platforms, version, platform or "this platform", run)
    if problems:
        raise CourseError(problems)
    return sorted(out.glob("*.whl"))


def _run(args: argparse.Namespace) -> int:
    out = Path(args.dir)
    wheels = build_wheelhouse(out, args.platform, args.python_version, args.extra)
    target = f"{args.platform or 'this platform'}, Python {args.python_version or f'{sys.version_info.major}.{sys.version_info.minor}'}"
    what = "the course" + (f" with the {args.extra} extra" if args.extra else "") + ", its build backend, uv and pip"
    command = "test" if args.extra == "test" else "lab"
    print(f"{out}: {len(wheels)} wheels for {target} ({what}). On the lab machine: python3 bootstrap.py {command} --wheelhouse {out}")
    return 0


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register ``wheelhouse`` with the ``python -m course`` parser."""
    wh = commands.add_parser(NAME, help="download every wheel the course needs into a folder, for a lab without internet")
    wh.add_argument("dir", metavar="DIR", help="folder for the wheels (created if needed; wheels already there are kept)")
    wh.add_argument("--platform", metavar="TAG", help=f"wheel platform of the lab machines, e.g. {_EXAMPLES} (default: this machine's)")
    wh.add_argument("--python-version", metavar="X.Y", help="Python version of the lab machines (default: this Python's)")
    wh.add_argument("--extra", metavar="NAME", help="also the wheels of this extra, e.g. test (for bootstrap.py test)")
    wh.set_defaults(run=_run)
