"""Command line: ``python -m course <command>`` (run ``python -m course --help``).

Every command prints messages for people and exits 0 on success, 1 when an
input has problems; a traceback is never the answer to a bad file.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import CourseError
from .messages import say
from .model.vocabulary import LANGUAGES, MODES

# What every command but ``wheelhouse`` (standard library only) needs; checked before a command starts.
NEEDED_PACKAGES = {"nbformat": "nbformat", "yaml": "pyyaml", "pandas": "pandas", "fastjsonschema": "fastjsonschema"}


def _check_abstracts(args: argparse.Namespace) -> int:
    from .library.corpus import check_abstracts

    problems = check_abstracts(args.path)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{args.path}: {len(problems)} problem{'s' if len(problems) > 1 else ''} found; nothing was loaded.")
        return 1
    from .library.corpus import load_abstracts

    print(f"{args.path}: OK, {len(load_abstracts(args.path))} abstracts.")
    return 0


def _check_exercises(args: argparse.Namespace) -> int:
    from .model.bank import check_bank, load_bank

    paths: list[Path] = []
    failed = 0
    for given in map(Path, args.paths):
        if given.is_dir():
            found = sorted(given.glob("*.yml"))
            for odd in (p for p in found if not p.is_file()):
                print(f"{odd}: is not a file (a folder named like a bank?). Fix: rename or remove it")
                failed += 1
            paths.extend(p for p in found if p.is_file())
            if not found:
                print(f"{given}: no .yml exercise banks found")
                failed += 1
        else:
            paths.append(given)
    if not paths:
        return 1
    owners: dict[str, str] = {}
    for path in paths:
        problems = check_bank(path)
        if not problems:
            bank = load_bank(path)
            for exercise in bank.exercises:
                if exercise.id in owners:
                    problems.append(
                        f"{path.name}: exercise '{exercise.id}' is also defined in {owners[exercise.id]}. Fix: give it another id"
                    )
                owners.setdefault(exercise.id, path.name)
        for problem in problems:
            print(problem)
        if problems:
            failed += 1
        else:
            print(f"{path}: OK, {len(bank.exercises)} exercises")
    return 1 if failed else 0


def _release(args: argparse.Namespace) -> int:
    from .authoring.release import release

    langs = [args.lang] if args.lang else None
    manifest = release(Path(args.out), mode=args.mode, langs=langs, lessons=args.lessons, key=args.key, colab_install=args.colab_install)
    print(f"student release written to {args.out} ({args.mode} mode); manifest: {manifest.name}")
    return 0


def _site(args: argparse.Namespace) -> int:
    from .authoring.site import build_site

    build_site(Path(args.out), repo=args.repo, branch=args.branch, hub=args.hub)
    return 0


def _links(args: argparse.Namespace) -> int:
    from .authoring.links import check_addresses, nbgitpuller_links

    problem = check_addresses(args.hub, args.repo)
    if problem:
        print(problem)
        return 1
    release = Path(args.release) if args.release else None
    links = nbgitpuller_links(args.hub, args.repo, args.branch, [args.lang] if args.lang else None, release)
    if not links:
        print(f"links: {args.release}/release.json lists no notebooks in that language. Fix: check --lang")
        return 1
    for notebook, link in links:
        print(f"{notebook}\t{link}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .grading.outputs import closing_line, language_of
    from .grading.run import LmsOptions, grade

    lms = LmsOptions(
        args.roster,
        args.moodle_worksheet,
        args.canvas_gradebook,
        args.canvas_assignment,
        args.points_possible,
        args.classroom,
        args.keep_lms_grades,
    )
    run = grade(
        Path(args.submissions),
        Path(args.out),
        lang=args.lang,
        lesson=args.lesson,
        keys=args.key,
        lms=lms,
        statistics=not args.no_statistics,
    )
    for line in run.report:
        print(line)
    print(closing_line(run, args.lang))
    if run.lms_files:
        print(say("grade_lms", language_of(run, args.lang), files=", ".join(run.lms_files)))
    return 0


def _regenerate(args: argparse.Namespace) -> int:
    from .authoring.regenerate import master_notebooks, regenerate

    paths = [Path(p) for p in args.notebooks] or master_notebooks()
    missing = [p for p in paths if not p.is_file()]
    if missing:
        for path in missing:
            print(f"{path}: no such notebook")
        return 1
    failures = regenerate(paths)
    done = len(paths) - failures
    print(f"regenerated {done} notebook{'s' if done != 1 else ''}" + (f", {failures} failed" if failures else ""))
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``python -m course``."""
    parser = argparse.ArgumentParser(prog="python -m course", description="Good-governance course tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check-abstracts", help="check an abstracts CSV and list every problem")
    check.add_argument("path", help="the CSV file to check")
    check.set_defaults(run=_check_abstracts)

    exercises = commands.add_parser("check-exercises", help="check exercise banks (YAML files or folders)")
    exercises.add_argument("paths", nargs="+", help="bank files or folders of banks")
    exercises.set_defaults(run=_check_exercises)

    rel = commands.add_parser("release", help="write student versions of the lessons (solutions removed)")
    rel.add_argument("--out", required=True, help="folder for the student release (created if needed)")
    rel.add_argument("--mode", choices=MODES, default="practice", help="practice (feedback) or assessment (no keys)")
    rel.add_argument("--lang", choices=LANGUAGES, help="only this language (default: both)")
    rel.add_argument("--lessons", nargs="+", metavar="NN", help="only these lessons, e.g. --lessons 00 03 (default: all)")
    rel.add_argument(
        "--key", type=Path, metavar="FILE", help="where to write the key file of an assessment release (default: beside --out)"
    )
    rel.add_argument(
        "--colab-install",
        metavar="SPEC",
        help=(
            "for Google Colab: a first cell in each notebook installs SPEC with %%pip where the course is missing "
            "(the URL of this release's wheel/course-*.whl once you published it, a path, or a requirement)"
        ),
    )
    rel.set_defaults(run=_release)

    site = commands.add_parser("site", help="build the course website (static pages, offline) for any static host")
    site.add_argument("--out", required=True, help="folder for the website (new, empty, or a site built before)")
    site.add_argument("--repo", help="the release repository on GitHub (https://github.com/YOU/gg-release): Colab and Binder links")
    site.add_argument("--branch", default="main", help="its branch (default: main)")
    site.add_argument("--hub", help="your JupyterHub (with --repo): nbgitpuller links, e.g. https://hub.example.ac.id")
    site.set_defaults(run=_site)

    links = commands.add_parser("links", help="print one nbgitpuller link per notebook of a release pushed to git")
    links.add_argument("--hub", required=True, help="your JupyterHub, e.g. https://hub.example.ac.id")
    links.add_argument("--repo", required=True, help="the git repository holding the release")
    links.add_argument("--branch", default="main", help="its branch (default: main)")
    links.add_argument("--lang", choices=LANGUAGES, help="only this language")
    links.add_argument(
        "--release",
        metavar="DIR",
        help=(
            "the release folder you pushed: links for its own notebooks (lessons, or quizzes of an assessment release); "
            "default: every lesson"
        ),
    )
    links.set_defaults(run=_links)

    gr = commands.add_parser("grade", help="grade submitted notebooks without running them")
    gr.add_argument("submissions", help="the LMS's download: its ZIP file, or the folder it unzipped to (or hub home folders)")
    gr.add_argument("--out", required=True, help="folder for the gradebook, feedback pages and summary")
    gr.add_argument("--lang", choices=LANGUAGES, help="language of the feedback (default: each notebook's own)")
    gr.add_argument(
        "--lesson", metavar="NN", help="the lesson being graded (default: the key files' lesson, else the one lesson all notebooks are of)"
    )
    gr.add_argument(
        "--key",
        action="append",
        type=Path,
        metavar="FILE",
        help="key file of an assessment release (written by release beside the release folder); repeat for several releases",
    )
    gr.add_argument(
        "--roster",
        type=Path,
        metavar="FILE",
        help="class list CSV (id, name, email; as the LMS exports it): checks names and adds students who handed in nothing",
    )
    gr.add_argument(
        "--moodle-worksheet",
        type=Path,
        metavar="FILE",
        help="Moodle's grading worksheet for this assignment: a filled copy is written for 'Upload grading worksheet'",
    )
    gr.add_argument(
        "--canvas-gradebook",
        type=Path,
        metavar="FILE",
        help="Canvas's gradebook export: a copy with this assignment's column filled is written for Canvas's import",
    )
    gr.add_argument(
        "--canvas-assignment",
        metavar="TITLE",
        help='the Canvas assignment column, e.g. "Lesson 03 (4711)" (default: the one that names the lesson)',
    )
    gr.add_argument(
        "--points-possible",
        type=float,
        metavar="N",
        help="the LMS assignment's maximum; grades are scaled to it (default: the LMS file's own maximum, else the lesson's points)",
    )
    gr.add_argument(
        "--classroom", action="store_true", help="also write the Google Classroom grade list and feedback pages named by student"
    )
    gr.add_argument(
        "--no-statistics",
        action="store_true",
        help="leave the item statistics, option counts, test figures and charts out of the summary (it keeps its plain table)",
    )
    gr.add_argument(
        "--keep-lms-grades",
        action="store_true",
        help="keep every grade and comment already in the Moodle worksheet or Canvas export (the report lists each one)",
    )
    gr.set_defaults(run=_grade)

    regen = commands.add_parser("regenerate", help="re-execute the master notebooks and store their outputs")
    regen.add_argument("notebooks", nargs="*", help="notebooks to execute (default: all masters)")
    regen.set_defaults(run=_regenerate)

    from .authoring.wheelhouse import (
        add_command as add_wheelhouse,  # standard library only: cheap to import
    )

    add_wheelhouse(commands)
    return parser


def missing_package(command: str) -> str | None:
    """The first package ``command`` needs that this Python lacks, or None."""
    if command == "wheelhouse":
        return None
    if command == "site":  # the extra "site" of pyproject.toml
        needed = {**NEEDED_PACKAGES, "sphinx": "sphinx", "myst_nb": "myst-nb", "sphinx_book_theme": "sphinx-book-theme"}
        return next((package for module, package in needed.items() if importlib.util.find_spec(module) is None), None)
    return next((package for module, package in NEEDED_PACKAGES.items() if importlib.util.find_spec(module) is None), None)


def bootstrap_line(argv: Sequence[str], missing: str) -> str:
    """One line for a Python without the course's packages: the same command through the bootstrap, for every system."""
    from .paths import PROJECT_DIR

    script = PROJECT_DIR / "bootstrap.py"
    here = Path.cwd().resolve() == PROJECT_DIR.resolve()
    where = "bootstrap.py" if here or not script.is_file() else str(script)
    posix = f"python3 {shlex.join([where, *argv])}"
    windows = f"py {subprocess.list2cmdline([where, *argv])}"
    return (
        f"python -m course: this Python ({sys.executable}) does not have the course's packages ({missing} is missing). "
        f"Run it through the bootstrap, which sets them up: {posix} (Windows: {windows}) | "
        f"Python ini belum memiliki paket-paket kursus ({missing} tidak ada): jalankan perintah yang sama lewat bootstrap, "
        f"yang akan memasangnya: {posix} (Windows: {windows})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. Every failure is one line, never a traceback."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    missing = missing_package(args.command)
    if missing:
        print(bootstrap_line(argv, missing))
        return 1
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted")
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except CourseError as error:
        for problem in error.problems:
            print(problem)
        return 1
    except ModuleNotFoundError as error:  # a package of the course missing from this Python: not a bug, a set-up
        if (error.name or "course").split(".")[0] == "course":
            raise
        print(bootstrap_line(argv, error.name.split(".")[0]))
        return 1
    except OSError as error:
        where = error.filename or "a file"
        print(f"{where}: {error.strerror or error}. Fix: check that the folder exists, is writable and the disk is not full")
        return 1
    except Exception as error:
        print(
            f"python -m course {args.command}: unexpected {type(error).__name__}: {error}. "
            "This is a bug in the course tools; please report it with the command you ran"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
