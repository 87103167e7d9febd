#!/usr/bin/env python3
"""Set up the course in a virtual environment, then open it, test it or run a lecturer's command.

    python3 bootstrap.py lab            # set up, then open lesson 00 in JupyterLab
    python3 bootstrap.py lab --lang id  # the same, in Bahasa Indonesia
    python3 bootstrap.py lab --masters  # open the lecturer's master notebooks instead
    python3 bootstrap.py test           # set up, then run every test

On Windows write ``py bootstrap.py ...`` instead of ``python3 bootstrap.py ...``.

``lab`` opens your own practice copy of the lessons in ``student/`` (made on
the first run with ``python -m course release --mode practice``, without the
solution cells of the masters). Later runs reuse it, so your work is kept.
In a student release (a folder with ``release.json``, as a lecturer hands it
out), ``lab`` opens that folder's own notebooks in place, at its first lesson
or quiz in the language asked for (or the only one it has). Arguments after
``--`` go to JupyterLab (``lab``) or pytest (``test``).

The lecturer's commands run the same way, from the course folder: they set up
if needed, then run ``python -m course COMMAND ...`` inside ``.venv`` with the
same arguments and exit status (``python3 bootstrap.py release --help``):

    python3 bootstrap.py release --mode assessment --lessons 03 --out ../rilis-03-kuis
    python3 bootstrap.py grade kumpulan.zip --out nilai-03-kuis --key ../rilis-03-kuis.key-XXXX.json
    python3 bootstrap.py links ..., check-abstracts ..., check-exercises ...,
                         regenerate ..., wheelhouse ...

Only the Python standard library is used here, so this works on a fresh
machine with Python 3.11 or newer. The environment lives in ``.venv/`` and is
reinstalled only when ``pyproject.toml`` changes. The browser and spelling
tests need Debian's ``chromium`` and ``hunspell`` dictionaries; as root on a
Debian/Ubuntu machine they are installed with apt-get, elsewhere this script
says what to install.

How it installs: pip puts ``uv`` into ``.venv`` and uv installs everything
else, pip included (seconds instead of a minute; the venv is made without pip,
which is run from the wheel Python bundles, so no time goes into installing it
first). The uv wheel is kept in the course's cache folder
(``COURSE_CACHE_DIR``, else ``~/.cache/good-governance-course/uv-wheels``) and
uv keeps what it downloads in its own cache, so after one online set-up the
environment can be rebuilt without the network (uv retries from its cache when
the package index cannot be reached). When uv cannot be had, pip installs
everything, as before, and says so.

    python3 bootstrap.py lab --wheelhouse DIR   # install from a folder of wheels, no network

A wheelhouse is made on a machine with internet by
``python3 bootstrap.py wheelhouse DIR`` (see its ``--help``); nothing is then
downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
COURSE_COMMANDS = ("release", "grade", "links", "site", "check-abstracts", "check-exercises", "regenerate", "wheelhouse")
DEBIAN_TEST_PACKAGES = ["chromium", "hunspell", "hunspell-en-us", "hunspell-id", "fonts-dejavu-core"]


# What the set-up says, in English and Bahasa Indonesia (``lab --lang id``). A table here, not the course's
# catalogue (course/words.yml): this script runs before the environment exists, with the standard library alone.
WORDS = {
    "python_old": (
        "Python 3.11 or newer is needed; this is {version}.",
        "Diperlukan Python 3.11 atau yang lebih baru; yang ada {version}.",
    ),
    "creating": ("creating the virtual environment in {path} ...", "membuat lingkungan virtual di {path} ..."),
    "kernel_config_failed": (
        "could not set kernels to explain errors from their start ({error});"
        " lessons explain them once their set-up cell has run. Fix: run {command} again",
        "kernel belum dapat diatur agar menjelaskan pesan kesalahan sejak awal ({error});"
        " pelajaran tetap menjelaskannya setelah sel persiapannya dijalankan. Cara memperbaiki: jalankan {command} lagi",
    ),
    "installing": ("installing the course and its dependencies ...", "memasang kursus beserta paket-paket yang diperlukannya ..."),
    "installing_from": ("installing the course and its dependencies from {path} ...", "memasang kursus beserta paketnya dari {path} ..."),
    "installed": ("installed with uv in {seconds} s", "terpasang dengan uv dalam {seconds} detik"),
    "uv_offline": (
        "uv could not install from the package index; trying again from its cache (offline) ...",
        "uv tidak dapat memasang dari indeks paket; mencoba lagi dari cache-nya (tanpa internet) ...",
    ),
    "uv_failed": (
        "uv could not install the course, online or from its cache (see above). Fix: connect to the internet once, or use --wheelhouse DIR",
        "uv tidak dapat memasang kursus, baik dengan internet maupun dari cache (lihat di atas). "
        "Cara memperbaiki: sambungkan ke internet sekali, atau gunakan --wheelhouse FOLDER",
    ),
    "no_uv": (
        "uv could not be installed ({why}); installing with pip instead, which is slower.",
        "uv tidak dapat dipasang ({why}); kursus dipasang dengan pip, yang lebih lambat.",
    ),
    "no_uv_wheel": ("{path} has no uv wheel for this machine", "{path} tidak memuat wheel uv untuk komputer ini"),
    "no_network": ("no network and no saved copy", "tidak ada internet dan tidak ada salinan tersimpan"),
    "no_pip": (
        "this Python cannot put pip into the virtual environment. "
        "Fix: install its venv support (Debian/Ubuntu: sudo apt-get install python3-venv)",
        "Python ini tidak dapat memasang pip ke lingkungan virtual. "
        "Cara memperbaiki: pasang dukungan venv-nya (Debian/Ubuntu: sudo apt-get install python3-venv)",
    ),
    "pip_failed": (
        "pip could not install the course (see above). Fix: check the internet connection and run this again",
        "pip tidak dapat memasang kursus (lihat di atas). Cara memperbaiki: periksa sambungan internet lalu jalankan perintah ini lagi",
    ),
    "making_copy": ("making your practice copy of the lessons in student/ ...", "membuat salinan latihan Anda di folder student/ ..."),
    "opening_copy": (
        "opening your copy in student/ (your answers are kept; rename the folder to start afresh)",
        "membuka salinan Anda di student/ (jawaban Anda tetap tersimpan; ganti nama folder itu untuk mulai dari awal)",
    ),
}
LANG = "en"  # the language of the set-up's messages: lab --lang, else the only language of a release


def say(key: str, **fields: object) -> str:
    """Message ``key`` of :data:`WORDS` in :data:`LANG`, its fields filled in."""
    english, indonesian = WORDS[key]
    return (indonesian if LANG == "id" else english).format(**fields)


def fail(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr)
    sys.exit(1)


def typed() -> str:
    """How this script is typed on this system: ``py bootstrap.py`` on Windows, ``python3 bootstrap.py`` elsewhere."""
    return "py bootstrap.py" if os.name == "nt" else "python3 bootstrap.py"


def venv_python(venv_dir: Path = VENV) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv_dir / scripts / f"python{suffix}"


def ensure_environment(extra: str, wheelhouse: Path | None = None, venv_dir: Path = VENV) -> Path:
    """Create the venv and install the package (with ``extra``) unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - bootstrap.py runs on any python3; this line tells an older one
        fail(say("python_old", version=sys.version.split()[0]))
    if wheelhouse is not None:
        wheelhouse = wheelhouse.resolve()  # uv and pip run in the project folder
        check_wheelhouse(wheelhouse)
    python = venv_python(venv_dir)
    if not python.exists():
        print("bootstrap: " + say("creating", path=venv_dir))
        venv.EnvBuilder(with_pip=False).create(venv_dir)  # pip comes later, with the rest (see pip_runner)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = venv_dir / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        install_kernel_config(python, venv_dir)
        return python
    print("bootstrap: " + (say("installing_from", path=wheelhouse) if wheelhouse else say("installing")))
    install(python, extra, wheelhouse)
    quiet_news(venv_dir)
    install_kernel_config(python, venv_dir)
    stamp.write_text(digest)
    return python


def install_kernel_config(python: Path, venv_dir: Path) -> None:
    """Make the venv's kernels explain common errors from their start: ``python -m course.kernel.autostart``.

    An editable install skips pyproject.toml's data files, so the file IPython reads from
    ``{venv}/etc/ipython`` is put there on every run (a venv made before stays current).
    Without it lessons still work (``start_lesson`` explains errors), so a failure only warns.
    """
    command = [str(python), "-m", "course.kernel.autostart", str(venv_dir)]
    try:
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        last = (done.stderr.strip().splitlines() or ["no message"])[-1] if done.returncode else ""
    except OSError as error:  # the venv's python is missing or cannot run
        last = str(error)
    if last:
        print("bootstrap: " + say("kernel_config_failed", error=last, command=typed()), file=sys.stderr)


def check_wheelhouse(wheelhouse: Path) -> None:
    """Stop with one line unless ``wheelhouse`` is a folder holding wheels."""
    if not wheelhouse.is_dir():
        fail(f"--wheelhouse {wheelhouse}: no such folder. Fix: give the folder made by {typed()} wheelhouse")
    if not any(wheelhouse.glob("*.whl")):
        fail(f"--wheelhouse {wheelhouse}: holds no wheels (.whl files). Fix: make it with {typed()} wheelhouse {wheelhouse}")


def install(python: Path, extra: str, wheelhouse: Path | None = None) -> None:
    """Install the course into the environment of ``python``: with uv when it can be had, else with pip."""
    target = f".[{extra}]" if extra else "."
    pip = pip_runner(python)
    uv = install_uv(python, pip, wheelhouse)
    if uv is None:
        install_with_pip(python, pip, extra, wheelhouse)
        return
    command = uv_command(uv, python, target, wheelhouse)
    started = time.monotonic()
    first = subprocess.run(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    if first.returncode == 0:
        print("bootstrap: " + say("installed", seconds=f"{time.monotonic() - started:.0f}"))
        return
    if wheelhouse:
        print(first.stderr.strip(), file=sys.stderr)
        fail(wheelhouse_failure(wheelhouse, extra))
    print("bootstrap: " + say("uv_offline"))
    if subprocess.run([*command, "--offline", "--quiet"], cwd=ROOT).returncode != 0:
        print(first.stderr.strip(), file=sys.stderr)
        fail(say("uv_failed"))


def uv_command(uv: Path, python: Path, target: str, wheelhouse: Path | None) -> list[str]:
    """The uv command that installs ``target`` (editable) and pip into the environment of ``python``."""
    command = [str(uv), "pip", "install", "--python", str(python), "-e", target, "pip"]
    if wheelhouse:
        command += ["--offline", "--no-index", "--find-links", str(wheelhouse)]
    return command


def pip_command(pip: list[str], *args: str, wheelhouse: Path | None = None) -> list[str]:
    """A quiet ``pip install`` run by ``pip`` (see pip_runner); from ``wheelhouse`` alone if given."""
    command = [*pip, "install", "--quiet", "--disable-pip-version-check"]
    if wheelhouse:
        command += ["--no-index", "--find-links", str(wheelhouse)]
    return command + list(args)


def pip_runner(python: Path) -> list[str]:
    """How to run pip for the environment of ``python``.

    Its own pip if it has one; else the pip wheel this Python bundles, run in
    place (installing pip first would cost seconds; uv installs it later);
    else pip installed with ensurepip.
    """
    if _has_pip(python):
        return [str(python), "-m", "pip"]
    try:
        import ensurepip  # some Linux distributions leave it out of their Python
    except ImportError:
        bundled = []
    else:
        bundled = sorted((Path(ensurepip.__file__).parent / "_bundled").glob("pip-*.whl"))
    if bundled:
        return [str(python), str(bundled[-1] / "pip")]
    subprocess.run([str(python), "-m", "ensurepip", "--upgrade", "--default-pip"], check=False, stdout=subprocess.DEVNULL)
    if not _has_pip(python):
        fail(say("no_pip"))
    return [str(python), "-m", "pip"]


def _has_pip(python: Path) -> bool:
    root = python.parent.parent
    return any(root.glob("lib/python3*/site-packages/pip/__init__.py")) or (root / "Lib" / "site-packages" / "pip" / "__init__.py").exists()


def install_uv(python: Path, pip: list[str], wheelhouse: Path | None) -> Path | None:
    """Put uv into the environment with pip and return its path, or None (with a message) when it cannot be had."""
    uv = python.parent / ("uv.exe" if os.name == "nt" else "uv")
    if uv.exists():
        return uv
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if wheelhouse:
        subprocess.run(pip_command(pip, "uv", wheelhouse=wheelhouse), check=False, **quiet)
    else:
        saved = uv_wheel_cache()
        if any(saved.glob("uv-*.whl")):  # a copy from an earlier set-up: no network needed
            subprocess.run(pip_command(pip, "uv", wheelhouse=saved), check=False, **quiet)
        if not uv.exists():
            options = ["download", "--quiet", "--disable-pip-version-check", "--retries", "1", "--only-binary", ":all:", "--no-deps"]
            download = [*pip, *options, "--dest", str(saved), "uv"]
            if subprocess.run(download, check=False, **quiet).returncode == 0:
                subprocess.run(pip_command(pip, "uv", wheelhouse=saved), check=False, **quiet)
    if uv.exists():
        return uv
    why = say("no_uv_wheel", path=wheelhouse) if wheelhouse else say("no_network")
    print("bootstrap: " + say("no_uv", why=why))
    return None


def uv_wheel_cache() -> Path:
    """Where the uv wheel is kept between set-ups (the course's cache folder, as in course/model/cache.py)."""
    override = os.environ.get("COURSE_CACHE_DIR")
    base = Path(override) if override else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "good-governance-course"
    return base / "uv-wheels"


def install_with_pip(python: Path, pip: list[str], extra: str, wheelhouse: Path | None) -> None:
    """The slower route: pip installs everything (from ``wheelhouse`` alone if given), pip itself included."""
    if not wheelhouse:  # a current pip resolves faster; offline this step fails harmlessly
        subprocess.run(pip_command(pip, "--upgrade", "pip"), check=False, stderr=subprocess.DEVNULL)
    target = f".[{extra}]" if extra else "."
    if subprocess.run(pip_command(pip, "-e", target, "pip", wheelhouse=wheelhouse), cwd=ROOT).returncode != 0:
        fail(wheelhouse_failure(wheelhouse, extra) if wheelhouse else say("pip_failed"))


def wheelhouse_failure(wheelhouse: Path, extra: str) -> str:
    """One line for an install from a wheelhouse that lacks something, with the command that makes the right one."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    made = f"{typed()} wheelhouse {wheelhouse} --platform {wheel_platform()} --python-version {version}" + (
        f" --extra {extra}" if extra else ""
    )
    return (
        f"installing from {wheelhouse} failed (see above): it lacks a wheel this machine needs. Fix: on a machine with internet, run {made}"
    )


def wheel_platform() -> str:
    """This machine's wheel platform tag as ``python -m course wheelhouse --platform`` takes it."""
    tag = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    libc, version = platform.libc_ver()
    if tag.startswith("linux_") and libc == "glibc" and version:
        return f"manylinux_{version.replace('.', '_')}_{tag.removeprefix('linux_')}"
    return tag


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
        "the browser and spelling tests need: "
        + " ".join(missing)
        + ". Install them (Debian/Ubuntu: sudo apt-get install -y "
        + " ".join(missing)
        + ") and run this again."
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


def main(argv: list[str] | None = None) -> None:
    """Run a command of this script; see the module docstring."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in COURSE_COMMANDS:
        run_course_command(argv)
    misplaced = next((word for word in argv[: argv.index("--") if "--" in argv else None] if word in COURSE_COMMANDS), None)
    if misplaced:  # the lecturer's commands take their options after the command
        fail(f"put {misplaced} first and its options after it, e.g. {typed()} {misplaced} --help")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "command",
        choices=["lab", "test", *COURSE_COMMANDS],
        help="lab, test, or a lecturer's command (its arguments follow it: python3 bootstrap.py grade --help)",
    )
    parser.add_argument("--lang", choices=["en", "id"], help="language of the lesson to open (default: en, or the only one a release has)")
    parser.add_argument("--masters", action="store_true", help="open the master notebooks (with solutions) instead of a practice copy")
    parser.add_argument("--grading", action="store_true", help="open the lecturer's grading notebook (release and grade with buttons)")
    parser.add_argument(
        "--wheelhouse",
        type=Path,
        metavar="DIR",
        help="install from this folder of wheels, without the network (made by python3 bootstrap.py wheelhouse)",
    )
    parser.add_argument("extra_args", nargs="*", metavar="ARG", help="after --: extra arguments for pytest (test) or JupyterLab (lab)")
    cut = argv.index("--") if "--" in argv else len(argv)  # what follows -- is passed on as it is
    args = parser.parse_args(argv[:cut])
    args.extra_args += argv[cut + 1 :]
    global LANG
    LANG = args.lang or release_language(ROOT)
    if args.command == "test":
        python = ensure_environment("test", args.wheelhouse)
        ensure_test_tools()
        result = subprocess.run([str(python), "-m", "pytest", *args.extra_args], cwd=ROOT)
        sys.exit(result.returncode)
    if is_release(ROOT) and args.masters:
        fail(
            f"--masters: {ROOT} is a student release, which has no master notebooks. "
            "Fix: run it in the course folder, or leave out --masters"
        )
    python = ensure_environment("", args.wheelhouse)
    if is_release(ROOT):
        home, first = ROOT, release_notebook(ROOT, args.lang)
    elif args.grading:
        home, first = ROOT, ROOT / "notebooks" / "lecturer" / (args.lang or "en") / "grade-class.ipynb"
    else:
        home = ROOT if args.masters else student_copy(python)
        first = first_lesson(home, args.lang or "en")
    open_lab(python, home, first, args.extra_args)


def run_course_command(argv: list[str]) -> None:
    """Set up if needed, then run ``python -m course`` with ``argv`` inside .venv; exit with its status."""
    python = ensure_environment("site" if argv[:1] == ["site"] else "")  # the website needs Sphinx (pyproject.toml, extra "site")
    try:
        result = subprocess.run([str(python), "-m", "course", *argv], check=False)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(result.returncode)


def release_language(folder: Path) -> str:
    """The only language of the release in ``folder`` (``id`` for an Indonesian release), else English."""
    try:
        languages = json.loads((folder / "release.json").read_text(encoding="utf-8")).get("languages")
    except (OSError, ValueError, AttributeError):
        return "en"
    return "id" if languages == ["id"] else "en"


def is_release(folder: Path) -> bool:
    """True if ``folder`` is a student release (``release.json`` beside this script), not the master repository."""
    return (folder / "release.json").is_file()


def first_lesson(home: Path, lang: str) -> Path:
    """Lesson 00 in ``lang`` under ``home``, or stop with one line."""
    lesson = next(iter(sorted((home / "notebooks" / lang).glob("00-*.ipynb"))), None)
    if lesson is None:
        fail(f"no lesson 00 found in {home / 'notebooks' / lang}. Fix: rename the folder {home.name} to make a fresh copy")
    return lesson


def release_notebook(home: Path, lang: str | None) -> Path:
    """The first notebook of the release in ``home`` in ``lang``; the release's only language if it lacks ``lang``."""
    try:
        listed = json.loads((home / "release.json").read_text(encoding="utf-8")).get("notebooks") or []
    except (OSError, ValueError, AttributeError):
        listed = []
    notebooks = sorted({home / name for name in listed if isinstance(name, str)} | set(home.glob("notebooks/*/*.ipynb")))
    notebooks = [n for n in notebooks if n.is_file()]
    if not notebooks:
        fail(f"{home / 'notebooks'}: this release holds no notebooks. Fix: ask your lecturer for the release again")
    by_lang = {lang_: [n for n in notebooks if n.parent.name == lang_] for lang_ in sorted({n.parent.name for n in notebooks})}
    wanted = lang or ("en" if "en" in by_lang else next(iter(by_lang)))
    if wanted not in by_lang:
        other = "en" if "en" in by_lang else next(iter(by_lang))
        names = {"en": ("English", "Inggris"), "id": ("Indonesian", "Indonesia")}  # in English, in Indonesian
        said, shown = names.get(wanted, (wanted, wanted)), names.get(other, (other, other))
        print(
            f"bootstrap: this release has no {said[0]} notebooks, so the {shown[0]} ones open "
            f"(rilis ini tidak memuat notebook berbahasa {said[1]}; yang dibuka notebook berbahasa {shown[1]})."
        )
        wanted = other
    return by_lang[wanted][0]


def open_lab(python: Path, home: Path, notebook: Path, extra: list[str]) -> None:
    """Start JupyterLab in ``home`` showing ``notebook`` (this process becomes JupyterLab where the system allows)."""
    os.chdir(home)
    first = notebook.relative_to(home).as_posix()
    command = [str(python), "-m", "jupyter", "lab", f"--LabApp.default_url=/lab/tree/{first}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and lab machines often run as root
    command += extra
    if os.name == "nt":  # Windows has no exec: run it and pass its status on
        try:
            sys.exit(subprocess.run(command, check=False).returncode)
        except KeyboardInterrupt:
            sys.exit(130)
    os.execv(str(python), command)


def student_copy(python: Path) -> Path:
    """The practice copy in student/, made once and then kept (it holds the student's work)."""
    home = ROOT / "student"
    if (home / "release.json").exists():
        print("bootstrap: " + say("opening_copy"))
        return home
    print("bootstrap: " + say("making_copy"))
    subprocess.run([str(python), "-m", "course", "release", "--mode", "practice", "--out", str(home)], check=True, cwd=ROOT)
    return home


if __name__ == "__main__":
    main()
