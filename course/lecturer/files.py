"""What the grading notebook reads and offers: its folders, the LMS file it was given, the files a run wrote.

Pure file logic, no widgets (:mod:`course.lecturer.panel` draws them), so it is
tested without a kernel. The notebook calls the same functions as the command
line (:func:`course.authoring.release.release`, :func:`course.grading.run.grade`);
nothing here grades or releases on its own.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError
from ..grading.assignments import output_names
from ..grading.run import LmsOptions
from ..lms import canvas as lms_canvas
from ..paths import PROJECT_DIR
from ..words import word

PROTECTED = ("course", "data", "notebooks", "tests")  # release refuses to write inside these


def work_folder(lang: str, cwd: Path | None = None) -> Path:
    """Where the notebook keeps uploads, releases and results when it is not told.

    The folder it runs in, unless that is inside the course's own folders
    (the master notebook under ``notebooks/lecturer/``), where a release may
    not be written: then ``lecturer-files`` (``berkas-dosen``) in the course folder.
    """
    here = (cwd or Path.cwd()).resolve()
    root = PROJECT_DIR.resolve()
    inside = here == root or any(here == root / name or root / name in here.parents for name in PROTECTED)
    return root / word("lecturer.work_folder", lang) if inside else here


def release_name(mode: str, lessons: list[str], lang: str) -> str:
    """The release folder's name: ``practice-03`` / ``latihan-03``, ``quiz-03-04`` / ``kuis-03-04``; every lesson: ``...-all``."""
    kind = word(f"lecturer.release_{mode}", lang)
    return f"{kind}-{'-'.join(sorted(lessons)) if lessons else word('lecturer.all_lessons', lang)}"


def zip_release(folder: Path) -> Path:
    """A ZIP of the release folder beside it (``<folder>.zip``), its top folder named like the release; written whole or not at all."""
    target = folder.with_name(f"{folder.name}.zip")
    partial = Path(shutil.make_archive(str(folder.with_name(f".{folder.name}.partial")), "zip", folder.parent, folder.name))
    partial.replace(target)
    return target


def key_files(folder: Path) -> list[Path]:
    """The key files the notebook's releases wrote in ``folder`` (``<release>.key-<id>.json``), newest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.key-*.json"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def lms_options(worksheet: Path | None, roster: Path | None) -> LmsOptions:
    """The command line's LMS options for a file downloaded from the LMS: a Canvas gradebook export, else Moodle's worksheet.

    A Canvas export starts with the columns ``Student`` and ``ID``; any other
    file is read as Moodle's grading worksheet, whose reader names what is
    missing when it is neither.
    """
    if worksheet is None:
        return LmsOptions(roster=roster)
    try:
        lms_canvas.read_canvas_gradebook(Path(worksheet))
    except CourseError:
        return LmsOptions(roster=roster, moodle_worksheet=Path(worksheet))
    return LmsOptions(roster=roster, canvas_gradebook=Path(worksheet))


SAFE_NAME = re.compile(r"[^\w.() -]+")


def upload_path(folder: Path, name: str) -> Path:
    """Where an uploaded file is kept: its own name, stripped of folders and odd characters, in ``folder``."""
    base = SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or "upload"
    return folder / base


@dataclass(frozen=True)
class Offered:
    """A file the notebook offers for download, and the one sentence saying where it goes."""

    path: Path
    name: str  # as shown: relative to the results folder
    where: str


# Each file grade writes, by its output_names() key (or its own name), and the words.yml sentence for where it goes.
WHERE = {
    "moodle_worksheet": "lecturer.where_moodle_worksheet",
    "moodle_zip": "lecturer.where_moodle_zip",
    "canvas_gradebook": "lecturer.where_canvas_gradebook",
    "canvas_comments": "lecturer.where_canvas_comments",
    "classroom_grades": "lecturer.where_classroom_grades",
    "classroom_feedback": "lecturer.where_classroom_feedback",
    "gradebook.xlsx": "lecturer.where_gradebook_xlsx",
    "gradebook.csv": "lecturer.where_gradebook_csv",
    "gradebook-canvas.csv": "lecturer.where_gradebook_canvas",
    "summary_html": "lecturer.where_summary_html",
    "report": "lecturer.where_report",
    "review_csv": "lecturer.where_review_csv",
}


def offered_files(out: Path, label: str, lang: str) -> list[Offered]:
    """Every file the run for ``label`` left in ``out`` that the lecturer may take away, LMS files first.

    Files the run writes that this list does not know by name (a new table
    such as ``options-NN.csv``) are offered too, as the lecturer's own
    files; folders of pages (the Classroom feedback pages) are offered as one ZIP.
    """
    names = output_names(label)
    order = [*(k for k in WHERE if k in names), "gradebook.xlsx", "gradebook.csv", "gradebook-canvas.csv"]
    offered: list[Offered] = []
    seen: set[Path] = set()
    for key in order:
        relative = names.get(key, key)
        path = out / relative.rstrip("/")
        if relative.endswith("/") and path.is_dir() and any(path.iterdir()):
            path = _zipped(path)
        if path.is_file():
            offered.append(Offered(path, _shown(path, out), word(WHERE[key], lang)))
            seen.add(path)
    for path in sorted(out.glob(f"*{label}*")):
        if path.is_file() and path not in seen and not path.name.startswith(".") and _of_label(path.name, label):
            offered.append(Offered(path, _shown(path, out), word("lecturer.where_other", lang)))
    return offered


def _of_label(name: str, label: str) -> bool:
    """True for ``summary-03.csv`` with label ``03``, never for ``summary-03-quiz.csv`` (the quiz's own)."""
    return re.search(rf"-{re.escape(label)}\.[A-Za-z0-9]+$", name) is not None


def _zipped(folder: Path) -> Path:
    """A ZIP of a folder of pages, beside it, made again from what the folder holds now."""
    target = folder.with_name(f"{folder.name}.zip")
    partial = Path(shutil.make_archive(str(folder.with_name(f".{folder.name}.partial")), "zip", folder))
    partial.replace(target)
    return target


def _shown(path: Path, out: Path) -> str:
    try:
        return path.relative_to(out).as_posix()
    except ValueError:
        return path.name


def chart_files(out: Path, label: str) -> list[Path]:
    """Pictures the run wrote for ``label`` (SVG or PNG), beside the summary or in a ``summary-<label>/`` folder."""
    found = [p for p in sorted(out.glob(f"*-{label}*.*")) if p.suffix.lower() in (".svg", ".png") and _of_label(p.name, label)]
    folder = out / f"summary-{label}"
    if folder.is_dir():
        found += [p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".svg", ".png")]
    return found
