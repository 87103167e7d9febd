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
  syntax) is replaced by ``# YOUR CODE HERE`` and, for each name the region
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
from ..model.bank import bank_paths, strip_keys
from ..model.vocabulary import LANGUAGES, MODES
from ..paths import PROJECT_DIR
from .student_notebooks import BEGIN, END, ReleaseError, Stamp, practice_bank, student_notebook  # noqa: F401 - BEGIN, END: the markers, read here by tests

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
    out: Path, mode: str = "practice", langs: list[str] | None = None, lessons: list[str] | None = None, log=print, key: Path | None = None
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
    ``.git`` folder (a release published with git stays a repository).
    """
    if mode not in MODES:
        raise ReleaseError(Problem("release", f"unknown mode '{mode}'", "use --mode practice or --mode assessment"))
    langs = langs or list(LANGUAGES)
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
    release_id, earlier_orders = secrets.token_hex(6), None
    if earlier and earlier.get("mode") == mode:  # an update of the same release: keep its id, and in assessment its orders
        earlier_key = Path(key) if key else key_path(out, str(earlier["release"]))
        earlier_orders = _earlier_orders(earlier_key, str(earlier["release"])) if mode == "assessment" else {}
        if earlier_orders is not None:
            release_id = str(earlier["release"])
            log(f"updating release {release_id} in place: answers made before the update stay valid")
        else:
            log(
                f"the key file of the earlier release ({earlier_key}) could not be read: this is a new release; "
                "grade notebooks of the earlier one with its own key file"
            )
    key = Path(key) if key else key_path(out, release_id)
    if mode == "assessment" and (key.resolve() == out.resolve() or out.resolve() in key.resolve().parents):
        raise ReleaseError(Problem(str(key), "is inside the student release", "keep the key file outside the folder you hand out"))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as error:
        raise ReleaseError(
            Problem(str(out), f"cannot be written ({error.strerror or error})", "choose a folder you can write to")
        ) from None
    try:
        orders = _build(build, mode, langs, masters, release_id, log, earlier_orders or {})
        if mode == "assessment":
            lessons_released = sorted({p.name.split("-")[0] for p in masters})
            kept = {k: v for k, v in (earlier_orders or {}).items() if k not in orders}
            write_key(
                key, release_id, sorted(set(lessons_released) | set(earlier.get("lessons", []) if earlier_orders else [])), kept | orders
            )
            log(f"key file (keep it away from students; grading needs it): {key}")
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


def write_key(path: Path, release_id: str, lessons: list[str], orders: dict[str, dict[str, list[str]]]) -> None:
    """The lecturer's key file of an assessment release: what each on-screen position holds."""
    content = {
        "format": 1,
        "about": "Key of an assessment release of the good-governance course. Keep it away from students: it maps "
        "the letters and the order they saw back to the answers. python -m course grade --key needs it.",
        "release": release_id,
        "course_version": __version__,
        "lessons": lessons,
        "orders": orders,
    }
    write_text_atomic(path, json.dumps(content, indent=1, ensure_ascii=False) + "\n")


def _build(
    build: Path,
    mode: str,
    langs: list[str],
    masters: list[Path],
    release_id: str,
    log,
    earlier_orders: dict[str, dict[str, list[str]]] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Write a whole release into the empty folder ``build``; returns the on-screen orders (assessment).

    ``earlier_orders`` (an update of an assessment release) keeps the order
    students already saw for every exercise that still has the same options.
    """
    released = sorted({p.name.split("-")[0] for p in masters})
    secret = secrets.token_hex(32)
    orders: dict[str, dict[str, list[str]]] = {}
    _copy_package_and_data(build)
    for path in bank_paths():
        if path.name.split("-")[0] in released:
            if mode == "assessment":
                bank, bank_orders = strip_keys(path, secret, earlier_orders=earlier_orders)
                orders.update(bank_orders)
            else:
                bank = practice_bank(path)
            target = build / "data" / "exercises" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    for master in masters:
        stamp = Stamp(master.name.split("-")[0], master.parent.name, __version__, mode, release_id)
        target = build / "notebooks" / master.parent.name / master.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(nbformat.writes(student_notebook(master, stamp)) + "\n", encoding="utf-8")
        log(f"released {target.relative_to(build)}")
    (build / "README.md").write_text(_student_readme(mode, langs, masters), encoding="utf-8")
    manifest = {
        "course_version": __version__,
        "mode": mode,
        "release": release_id,
        "lessons": released,
        "languages": langs,
        "notebooks": [f"notebooks/{m.parent.name}/{m.name}" for m in masters],
        "files": _hashes(build),
    }
    (build / "release.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return orders


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


def _earlier_orders(key: Path, release_id: str) -> dict[str, dict[str, list[str]]] | None:
    """The on-screen orders in the key file of the earlier release ``release_id``, or None when it cannot be read."""
    from ..model import schema

    try:
        data = schema.loads(key.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if schema.problem("release-key", data, "the key file", bounded=False) or data.get("release") != release_id:
        return None
    return data["orders"]


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


def _student_readme(mode: str, langs: list[str], masters: list[Path]) -> str:
    """The release's README: how to open it on each system and how to hand work in, in English and Indonesian."""
    first = min(masters, key=lambda m: (m.parent.name != ("id" if langs == ["id"] else "en"), m.name))
    lessons = "\n".join(f"- `notebooks/{m.parent.name}/{m.name}`" for m in masters)
    lang = " --lang id" if langs == ["id"] else ""
    if mode == "assessment":
        mode_en = (
            "This release is for **assessment**: your answers are recorded and graded by your lecturer; "
            "the notebooks do not say whether an answer is right."
        )
        mode_id = (
            "Rilis ini untuk **penilaian**: jawaban Anda direkam dan dinilai oleh dosen; "
            "notebook tidak memberi tahu apakah jawaban sudah tepat."
        )
    else:
        mode_en = "This release is for **practice**: every exercise tells you at once why an answer is right or wrong."
        mode_id = "Rilis ini untuk **latihan**: setiap latihan langsung menjelaskan mengapa jawaban Anda tepat atau belum."
    # A release with both languages opens the English lessons by default; the Indonesian paragraph gives its own command.
    both_en = "" if lang else " For the Indonesian notebooks add `--lang id`."
    both_id = (
        ""
        if lang
        else (" Untuk notebook berbahasa Indonesia, ketik `python3 bootstrap.py lab --lang id` (Windows: `py bootstrap.py lab --lang id`).")
    )
    return f"""# Good governance in Jupyter · student copy · salinan mahasiswa

{mode_en}

{mode_id}

## Open the course · Membuka kursus

You need Python 3.11 or newer. Open a terminal in this folder, type the command for your system and press Enter.
The first time it sets everything up (a few minutes, with internet), then JupyterLab opens in your browser.{both_en}

Anda memerlukan Python 3.11 atau yang lebih baru. Buka terminal di folder ini, ketik perintah untuk sistem Anda,
lalu tekan Enter. Pada kali pertama semuanya dipasang (beberapa menit, perlu internet), lalu JupyterLab terbuka di peramban.{both_id}

Linux, macOS:

```bash
python3 bootstrap.py lab{lang}
```

Windows:

```bat
py bootstrap.py lab{lang}
```

How to open a terminal in this folder · Cara membuka terminal di folder ini:

- Windows: in File Explorer open this folder, click its address bar, type `cmd`, press Enter ·
  buka folder ini di File Explorer, klik bilah alamatnya, ketik `cmd`, tekan Enter.
- macOS: open Terminal, type `cd ` (with a space), drag this folder into the window, press Enter ·
  buka Terminal, ketik `cd ` (dengan spasi), seret folder ini ke jendela Terminal, tekan Enter.
- Linux: right-click in the folder and choose *Open in Terminal* · klik kanan di dalam folder, pilih *Open in Terminal*.

Or, with conda · Atau, dengan conda: `conda env create -f environment.yml`,
`conda activate good-governance-course`, then · lalu `jupyter lab notebooks/{first.parent.name}/{first.name}`.

## Hand in · Mengumpulkan

Run the cells from top to bottom with Shift+Enter. Your answers are saved inside each notebook. When you are done,
save the notebook (Ctrl+S) and upload the `.ipynb` file where your lecturer asks for it (in JupyterLab:
*File > Download*).

Jalankan sel dari atas ke bawah dengan Shift+Enter. Jawaban Anda tersimpan di dalam setiap notebook. Setelah selesai,
simpan notebook (Ctrl+S) lalu unggah berkas `.ipynb` tersebut ke tempat yang ditentukan dosen Anda (di JupyterLab:
*File > Download*).

Notebooks in this copy · Notebook dalam salinan ini:

{lessons}
"""
