"""Student versions of the lessons: ``python -m course release --out DIR``.

The release is a self-contained folder a lecturer can hand out as it is (a zip
in the LMS, a git repository behind nbgitpuller links, a Binder repository):

```
DIR/
  README.md           how to open the lessons and hand them in
  course/             the package the notebooks import
  data/               corpus, concepts, glossary, reference tables, exercise banks
  notebooks/en|id/    the student notebooks
  pyproject.toml, environment.yml, bootstrap.py
  release.json        what was released: version, mode, lessons, languages
```

What changes in a student notebook:

* every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region (nbgrader's
  syntax) is replaced by ``# YOUR CODE HERE`` (``# TULIS KODE ANDA DI SINI`` in an
  Indonesian notebook) and, for each name the region
  assigned, ``name = None``; a cell left with nothing to run is dropped;
* text (markdown), set-up and exercise cells are locked against editing and deletion;
* outputs, execution counts and stored widget state are cleared;
* the notebook is stamped (lesson, language, version, mode, release id).

In assessment mode the exercise banks lose their answer keys
(:func:`course.model.bank.strip_keys`). In both modes a code exercise's
``solution`` expression is replaced by the value it computes, so no solution
code reaches the students.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import nbformat
import yaml

from .. import __version__
from ..errors import Problem
from ..fileio import write_text_atomic
from ..grading.keyfile import KeyFile, KeyFileError, Orders, holding, read_key_file
from ..model import values
from ..model.bank import bank_paths, load_bank, strip_keys
from ..model.vocabulary import LANGUAGES, MODES
from ..paths import PROJECT_DIR
from .colab import build_wheel, check_spec, with_install_cell
from .student_notebooks import BEGIN, END, ReleaseError, Stamp, practice_bank, student_notebook  # noqa: F401 - BEGIN, END: the markers, read here by tests
from .student_readme import student_readme

BUNDLE_FILES = ("pyproject.toml", "environment.yml", "bootstrap.py")
DATA_ITEMS = ("abstracts.csv", "concepts.yml", "glossary.csv", "reference", "sources")


def is_quiz(notebook: Path) -> bool:
    """Quiz notebooks (``NN-quiz.ipynb``) hold the assessment-only items of a lesson."""
    return notebook.stem.endswith("-quiz")


def master_lessons(langs: list[str], lessons: list[str] | None, mode: str = "practice") -> list[Path]:
    """The master notebooks a release in ``mode`` carries: the lessons for practice, the quizzes for assessment."""
    chosen = []
    for lang in langs:
        for path in sorted((PROJECT_DIR / "notebooks" / lang).glob("*.ipynb")):
            if (lessons is None or path.name.split("-")[0] in lessons) and is_quiz(path) == (mode == "assessment"):
                chosen.append(path)
    return chosen


def key_path(out: Path, release_id: str) -> Path:
    """Where the lecturer's key file of a release goes by default: beside the release folder, never inside it."""
    return out.parent / f"{out.name}.key-{release_id}.json"


def release(
    out: Path,
    mode: str = "practice",
    langs: list[str] | None = None,
    lessons: list[str] | None = None,
    log=print,
    key: Path | None = None,
    colab_install: str | None = None,
) -> Path:
    """Write the student bundle to ``out`` and return the path of its manifest.

    A practice release carries the lesson notebooks; an assessment release
    carries the quiz notebooks (``NN-quiz.ipynb``) and their assessment-only
    exercises, in an order drawn from a secret made for this release. The
    secret's result, which maps the letters students see back to the options,
    is written only to the lecturer's key file (``key``, by default
    :func:`key_path` beside ``out``), never into ``out``.

    ``out`` must be missing, empty, or an earlier release of this course that
    nobody changed since (its ``release.json`` lists every file with a hash);
    anything else is refused before a file is touched. The new release is
    built in a folder beside ``out`` and then swapped in whole, keeping only a
    ``.git`` folder (a release published with git stays a repository). The
    release's own student wheel goes into ``wheel/``; ``colab_install`` (a wheel
    URL, path or requirement) becomes each notebook's install cell (:mod:`.colab`).
    """
    if mode not in MODES:
        raise ReleaseError(Problem("release", f"unknown mode '{mode}'", "use --mode practice or --mode assessment"))
    langs, colab_install = langs or list(LANGUAGES), check_spec(colab_install) if colab_install is not None else None
    masters = master_lessons(langs, lessons, mode)
    if not masters:
        what = "no quiz notebooks (notebooks/<lang>/NN-quiz.ipynb) match" if mode == "assessment" else "no lessons match"
        raise ReleaseError(Problem("release", what, "check --lang and --lessons"))
    out = Path(out)
    if _inside_the_course(out):
        raise ReleaseError(
            Problem(
                str(out), "would overwrite the course itself", "choose an empty folder outside the course, e.g. --out ../student-release"
            )
        )
    earlier = _check_target(out)
    fresh_id, keyfile, key, update = secrets.token_hex(6), None, Path(key) if key else None, False
    if earlier and earlier.get("mode") == mode:  # an update of the same release: keep its id, and in assessment its key file
        if mode == "assessment":
            earlier_key = key or key_path(out, str(earlier.get("first_release") or earlier["release"]))
            keyfile = holding(earlier_key, str(earlier["release"]))
            key, update = (earlier_key, True) if keyfile else (key, False)
            if keyfile is None:
                log(f"the key file of the earlier release ({earlier_key}) could not be read: this is a new release, with its own key file")
        else:
            fresh_id = str(earlier["release"])
            log(f"updating release {fresh_id} in place: answers made before the update stay valid")
    key = key or key_path(out, fresh_id)
    if mode == "assessment" and (key.resolve() == out.resolve() or out.resolve() in key.resolve().parents):
        raise ReleaseError(Problem(str(key), "is inside the student release", "keep the key file outside the folder you hand out"))
    if mode == "assessment" and keyfile is None and (key.exists() or key.is_symlink()):  # another folder's: added to, never written over
        try:
            keyfile = read_key_file(key)
        except KeyFileError:
            raise ReleaseError(
                Problem(str(key), "exists and is not a key file of this course", "nothing was written; give --key a new file")
            ) from None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as error:
        raise ReleaseError(
            Problem(str(out), f"cannot be written ({error.strerror or error})", "choose a folder you can write to")
        ) from None
    try:
        released = sorted({p.name.split("-")[0] for p in masters})
        orders, items = _write_banks(build, mode, released, keyfile.latest_orders() if update and keyfile else {})
        release_id, first = fresh_id, None
        if mode == "assessment":
            if keyfile is None:
                keyfile = KeyFile.first(fresh_id, __version__, released, orders, items)
            else:
                release_id, changed = keyfile.add(fresh_id, __version__, released, orders, items, reuse=update)
                if update:
                    _log_update(log, str(earlier["release"]), release_id, changed)
            first = keyfile.release
        _write_notebooks(build, mode, langs, masters, release_id, log, first, colab_install)
        if keyfile is not None:
            write_text_atomic(key, keyfile.text())
            log(f"key file (keep it away from students, and keep this one file: grading needs it): {key}")
        if hasattr(os, "sync"):
            os.sync()
        _swap_in(build, out)
    except OSError as error:
        shutil.rmtree(build, ignore_errors=True)
        raise ReleaseError(
            Problem(
                str(out),
                f"the release could not be written ({error.strerror or error})",
                "nothing was changed there; free some space or choose another folder",
            )
        ) from None
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return out / "release.json"


def _log_update(log, before: str, release_id: str, changed: list[str]) -> None:
    if release_id == before:
        log(f"updating release {release_id} in place: answers made before the update stay valid")
    else:
        log(f"release {before} updated as {release_id} ({', '.join(changed)} changed): answers made in {before} keep the items it showed")


def _write_banks(build: Path, mode: str, released: list[str], earlier_orders: Orders) -> tuple[Orders, dict[str, dict]]:
    """The package, the data and the banks of a release; returns, in assessment, the on-screen orders and the items shown.

    ``earlier_orders`` (an update of an assessment release) keeps the order
    students already saw for every exercise that still has the same options.
    The items are the master bank's, answer keys included, by exercise id: they
    go only into the key file, which grades each answer by the item its student saw.
    """
    secret = secrets.token_hex(32)
    orders: Orders = {}
    items: dict[str, dict] = {}
    _copy_package_and_data(build)
    for path in bank_paths():
        if path.name.split("-")[0] in released:
            if mode == "assessment":
                bank, bank_orders = strip_keys(path, secret, earlier_orders=earlier_orders)
                orders.update(bank_orders)
                shown = {item["id"] for item in bank["exercises"]}
                master = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                for item in (item for item in master["exercises"] if item["id"] in shown):
                    if "solution" in item:  # the key file keeps values, never code that grading would run
                        item["answer"] = values.to_json(load_bank(path).get(item["id"]).expected())
                        del item["solution"]
                    items[item["id"]] = item
            else:
                bank = practice_bank(path)
            target = build / "data" / "exercises" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return orders, items


def _write_notebooks(
    build: Path, mode: str, langs: list[str], masters: list[Path], release_id: str, log, first: str | None, colab: str | None
) -> None:
    """The student notebooks stamped with ``release_id``, the wheel, the README, the manifest (``first``: names the key file)."""
    for master in masters:
        stamp = Stamp(master.name.split("-")[0], master.parent.name, __version__, mode, release_id)
        target = build / "notebooks" / master.parent.name / master.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = student_notebook(master, stamp)
        target.write_text(nbformat.writes(with_install_cell(nb, colab) if colab else nb) + "\n", encoding="utf-8")
        log(f"released {target.relative_to(build)}")
    log(f"student wheel (for Colab: publish it, then release --colab-install ITS-URL): {build_wheel(build, mode, release_id).name}")
    (build / "README.md").write_text(student_readme(mode, langs, masters), encoding="utf-8")
    manifest = {
        "course_version": __version__,
        "mode": mode,
        "release": release_id,
        "lessons": sorted({p.name.split("-")[0] for p in masters}),
        "languages": langs,
        "notebooks": [f"notebooks/{m.parent.name}/{m.name}" for m in masters],
        "files": _hashes(build),
    }
    if first:
        manifest["first_release"] = first  # its key file, <folder>.key-<first_release>.json, holds every release of the folder
    (build / "release.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts[:1]
    }


KEPT = {".git"}


def _check_target(out: Path) -> dict | None:
    """Refuse a target that is a file, or a folder holding anything but an unchanged earlier release (returned)."""
    if not out.exists() and not out.is_symlink():
        return None
    if not out.is_dir() or out.is_symlink():
        raise ReleaseError(Problem(str(out), "is not a folder", "give --out a new or empty folder"))
    entries = {p.name for p in out.iterdir()} - KEPT
    if not entries:
        return None
    fix = "nothing was changed; choose a new or empty folder (or move those files away)"
    try:
        manifest = json.loads((out / "release.json").read_text(encoding="utf-8"))
        files = manifest["files"]
        assert isinstance(files, dict) and manifest.get("release")
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        example = sorted(entries)[0]
        raise ReleaseError(Problem(str(out), f"holds files that are not a release of this course (e.g. '{example}')", fix)) from None
    actual = _hashes(out)
    extra = sorted(set(actual) - set(files) - {"release.json"})
    changed = sorted(name for name, digest in files.items() if actual.get(name) != digest)
    if extra:
        raise ReleaseError(
            Problem(str(out), f"is an earlier release, but holds files it did not write (e.g. '{extra[0]}'; student work?)", fix)
        )
    if changed:
        raise ReleaseError(
            Problem(str(out), f"is an earlier release, but '{changed[0]}' was changed or removed since (student work?)", fix)
        )
    return manifest


def _swap_in(build: Path, out: Path) -> None:
    """Put the finished release at ``out``; an earlier release there is replaced whole (its .git is kept)."""
    if not out.exists():
        os.replace(build, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.replace(out, old)
    try:
        for name in KEPT:
            if (old / name).exists():
                os.replace(old / name, build / name)
        os.replace(build, out)
    except OSError:
        for name in KEPT:
            if (build / name).exists() and not (old / name).exists():
                os.replace(build / name, old / name)
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _inside_the_course(out: Path) -> bool:
    """True if writing to ``out`` would overwrite the course's own files."""
    resolved = out.resolve()
    protected = [PROJECT_DIR.resolve() / name for name in ("course", "data", "notebooks", "tests")]
    return resolved == PROJECT_DIR.resolve() or any(resolved == p or p in resolved.parents for p in protected)


def _copy_package_and_data(out: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".course-answers")
    shutil.copytree(PROJECT_DIR / "course", out / "course", ignore=ignore)
    (out / "data").mkdir(parents=True, exist_ok=True)
    for item in DATA_ITEMS:
        source, target = PROJECT_DIR / "data" / item, out / "data" / item
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target)
    for name in BUNDLE_FILES:
        shutil.copy2(PROJECT_DIR / name, out / name)
