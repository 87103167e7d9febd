"""A release's own student wheel, and the first cell that installs it where the course is missing (Google Colab).

Every release writes ``wheel/course-<version>-py3-none-any.whl``: the package
with the release's data inside it (``course/_release/data/``: the corpus, the
reference tables and the release's banks, without keys in an assessment
release) and ``course/_release/release.json`` (mode and release id). A lesson
copied alone into Colab finds no folder around it, so the package finds its
data and its release there (:func:`course.paths.data_dir`,
:func:`course.kernel.home.use_release`).

The wheel is a zip file written here by the rules of the wheel format
(PEP 427: ``METADATA``, ``WHEEL``, ``RECORD`` with sha256 hashes): a release
needs no build tool and no network, and the same release gives the same bytes.

Its requirements are what the kernel side imports, with lower bounds that
Colab's pre-installed libraries meet (tests/authoring/colab-pins.txt lists
Colab's versions and their source), so ``%pip install`` there adds nothing
that needs a restart.

``release --colab-install SPEC`` puts :func:`install_cell` first in each
notebook: it installs SPEC (the wheel's URL, a path, or a requirement) with
``%pip install`` only when ``import course`` fails, then hands the package the
notebook's stamp (its lesson, language, mode and release), since a notebook
opened alone has no ``release.json`` above it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import nbformat

from .. import __version__
from ..errors import CourseError, Problem

WHEEL_FOLDER = "wheel"
EMBEDDED = "_release"  # course/_release/: the release's data and manifest inside the wheel
STUDENT_REQUIRES = (
    "pandas>=2.2",
    "ipywidgets>=7.7",
    "anywidget>=0.9",
    "matplotlib>=3.8",
    "pyyaml>=6.0",
    "fastjsonschema>=2.18",
    "filelock>=3.12",
    "jinja2>=3.1",  # the exercises' text copies (course/kernel/templates/)
)
STAMP_FIELDS = ("lesson", "language", "version", "mode", "release")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same release gives the same bytes
SKIPPED = {"__pycache__", ".course-answers"}


def wheel_name(version: str = __version__) -> str:
    return f"course-{version}-py3-none-any.whl"


def _files(build: Path) -> list[tuple[str, bytes]]:
    """(name in the wheel, bytes): the package, then the release's data and manifest under ``course/_release/``."""
    chosen: list[tuple[str, bytes]] = []
    for folder, prefix in (("course", "course"), ("data", f"course/{EMBEDDED}/data")):
        for path in sorted((build / folder).rglob("*")):
            parts = path.relative_to(build / folder).parts
            if path.is_file() and not SKIPPED & set(parts) and path.suffix != ".pyc" and EMBEDDED not in parts[:1]:
                chosen.append((f"{prefix}/{'/'.join(parts)}", path.read_bytes()))
    return chosen


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def build_wheel(build: Path, mode: str, release_id: str) -> Path:
    """Write the release's student wheel into ``build/wheel/`` (``build`` holds the release's ``course/`` and ``data/``)."""
    dist = f"course-{__version__}.dist-info"
    manifest = {"course_version": __version__, "mode": mode, "release": release_id}
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            "Name: course",
            f"Version: {__version__}",
            f"Summary: Good governance in Jupyter: student copy of release {release_id} ({mode})",
            "License: CC-BY-4.0 AND MIT",
            "Requires-Python: >=3.11",
            *(f"Requires-Dist: {requirement}" for requirement in STUDENT_REQUIRES),
        ]
    )
    wheel = "Wheel-Version: 1.0\nGenerator: course release\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = [
        *_files(build),
        (f"course/{EMBEDDED}/release.json", (json.dumps(manifest, indent=1) + "\n").encode()),
        (f"{dist}/METADATA", (metadata + "\n").encode()),
        (f"{dist}/WHEEL", wheel.encode()),
    ]
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in files) + f"{dist}/RECORD,,\n"
    target = build / WHEEL_FOLDER / wheel_name()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*files, (f"{dist}/RECORD", record.encode())]:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return target


def check_spec(spec: str) -> str:
    """SPEC as ``%pip install`` gets it, or a one-line error: one line, no quotes or shell characters."""
    if not spec.strip() or any(c in spec for c in "\n\r\"'`$;|&<>") or spec.strip().startswith("-"):
        raise CourseError(
            Problem(
                "release --colab-install",
                f"'{spec}' cannot be written into a notebook's install cell",
                "give one wheel URL (https://.../course-X-py3-none-any.whl), a path, or a requirement such as course==0.1.0",
            )
        )
    return spec.strip()


def install_cell(spec: str, stamp: dict[str, str]) -> nbformat.NotebookNode:
    """The first cell of a released notebook: install the course where it is missing, then tell it which release this notebook is."""
    shown = json.dumps({field: stamp[field] for field in STAMP_FIELDS}, ensure_ascii=False)
    source = "\n".join(
        [
            "# Google Colab (or any Jupyter without the course): run this cell first; it installs the course only where it is missing.",
            "# Google Colab (atau Jupyter tanpa kursus ini): jalankan sel ini lebih dulu; kursus hanya dipasang jika belum ada.",
            "try:",
            "    import course",
            "except ImportError:",
            f'    %pip install --quiet "{check_spec(spec)}"',
            "    import course",
            f"course.use_release({shown})",
        ]
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"editable": False, "deletable": False, "tags": ["colab-install"]})
    cell.pop("id", None)
    return cell


def with_install_cell(nb: nbformat.NotebookNode, spec: str) -> nbformat.NotebookNode:
    """``nb`` (a stamped student notebook) with the install cell first."""
    cell = install_cell(spec, nb.metadata["course"])
    if nb.nbformat_minor >= 5:
        cell["id"] = "colab-install"
    nb.cells.insert(0, cell)
    return nb
