#!/usr/bin/env python3
"""Set up the course in a virtual environment, then open it or test it.

    python3 bootstrap.py lab            # set up, then open lesson 00 in JupyterLab
    python3 bootstrap.py lab --lang id  # the same, in Bahasa Indonesia
    python3 bootstrap.py lab --masters  # open the lecturer's master notebooks instead
    python3 bootstrap.py test           # set up, then run every test

``lab`` opens your own practice copy of the lessons in ``student/`` (made on
the first run with ``python -m course release --mode practice``, without the
solution cells of the masters). Later runs reuse it, so your work is kept.

Only the Python standard library is used here, so this works on a fresh
machine with Python 3.11 or newer. The environment lives in ``.venv/`` and is
reinstalled only when ``pyproject.toml`` changes. The browser and spelling
tests need Debian's ``chromium`` and ``hunspell`` dictionaries; as root on a
Debian/Ubuntu machine they are installed with apt-get, elsewhere this script
says what to install.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DEBIAN_TEST_PACKAGES = ["chromium", "hunspell", "hunspell-en-us", "hunspell-id", "fonts-dejavu-core"]


def fail(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr)
    sys.exit(1)


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / scripts / f"python{suffix}"


def ensure_environment(extra: str) -> Path:
    """Create .venv and install the package (with ``extra``) unless already current."""
    if sys.version_info < (3, 11):
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print(f"bootstrap: creating the virtual environment in {VENV} ...")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return python
    print("bootstrap: installing the course and its dependencies (a few minutes the first time) ...")
    target = f".[{extra}]" if extra else "."
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT)
    quiet_news(VENV)
    stamp.write_text(digest)
    return python


def quiet_news(venv: Path) -> None:
    """Switch off JupyterLab's news pop-up in this environment: students need no distraction."""
    config = venv / "etc" / "jupyter" / "labconfig" / "page_config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(config.read_text()) if config.exists() else {}
    data.setdefault("disabledExtensions", {})["@jupyterlab/apputils-extension:announcements"] = True
    config.write_text(json.dumps(data, indent=1))


def ensure_test_tools() -> None:
    """Make sure Chromium and the hunspell dictionaries the tests use are present."""
    missing = [p for p in DEBIAN_TEST_PACKAGES if not _debian_package_present(p)]
    if not missing:
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"bootstrap: installing {' '.join(missing)} with apt-get ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "update", "-qq"], check=True, env=env)
        subprocess.run([apt, "install", "-y", "-qq", *missing], check=True, env=env)
        return
    fail(
        "the browser and spelling tests need: " + " ".join(missing)
        + ". Install them (Debian/Ubuntu: sudo apt-get install -y " + " ".join(missing) + ") and run this again."
    )


def _debian_package_present(package: str) -> bool:
    checks = {
        "chromium": Path("/usr/bin/chromium"),
        "hunspell": Path("/usr/bin/hunspell"),
        "hunspell-en-us": Path("/usr/share/hunspell/en_US.dic"),
        "hunspell-id": Path("/usr/share/hunspell/id_ID.dic"),
        "fonts-dejavu-core": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    }
    return checks[package].exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["lab", "test"])
    parser.add_argument("--lang", choices=["en", "id"], default="en", help="language of the lesson to open")
    parser.add_argument("--masters", action="store_true", help="open the master notebooks (with solutions) instead of a practice copy")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest (test only)")
    args = parser.parse_args()
    if args.command == "test":
        python = ensure_environment("test")
        ensure_test_tools()
        result = subprocess.run([str(python), "-m", "pytest", *args.pytest_args], cwd=ROOT)
        sys.exit(result.returncode)
    python = ensure_environment("")
    home = ROOT if args.masters else student_copy(python)
    lesson = next(iter(sorted((home / "notebooks" / args.lang).glob("00-*.ipynb"))), None)
    if lesson is None:
        fail(f"no lesson 00 found in {home / 'notebooks' / args.lang}")
    os.chdir(home)
    first = lesson.relative_to(home).as_posix()
    command = [str(python), "-m", "jupyter", "lab", f"--LabApp.default_url=/lab/tree/{first}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and lab machines often run as root
    os.execv(str(python), command)


def student_copy(python: Path) -> Path:
    """The practice copy in student/, made once and then kept (it holds the student's work)."""
    home = ROOT / "student"
    if (home / "release.json").exists():
        print("bootstrap: opening your copy in student/ (your answers are kept; rename the folder to start afresh)")
        return home
    print("bootstrap: making your practice copy of the lessons in student/ ...")
    subprocess.run([str(python), "-m", "course", "release", "--mode", "practice", "--out", str(home)], check=True, cwd=ROOT)
    return home


if __name__ == "__main__":
    main()
