"""The course website: ``python -m course site --out DIR [--repo URL] [--hub URL]``.

A static site built offline with Sphinx, MyST-NB and the Sphinx Book Theme
(their themes ship every script, style and font they use; the build fetches
nothing and runs no notebook). What it holds:

* a home page in both languages, and per language the syllabus with each
  lesson's page, its quiz's page, a download of its student notebook and its
  launch links (Colab and Binder with ``--repo``, the campus hub through
  nbgitpuller with ``--hub`` as well), the glossary, the concepts, the teaching
  notes and the semester plan;
* every lesson and quiz page from the master notebooks with their outputs, as a
  student copy shows them: solution regions stubbed and their outputs dropped
  (:func:`.student_notebooks.strip_solutions`, the release's own stripper),
  each exercise as its open text copy without an answer
  (:func:`course.kernel.fallback.visible_fallback_html`), no answer records,
  no feedback, no progress table.

The pages come from Jinja2 templates in ``site_templates/`` (MyST Markdown,
which Sphinx turns into HTML and escapes); ``deploy/site/README.md`` says how to publish ``DIR``.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import nbformat
import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import __version__
from ..errors import CourseError, Problem
from ..kernel.fallback import visible_fallback_html, visible_fallback_text
from ..kernel.render import build_spec
from ..model import record
from ..model.bank import Bank, find_bank
from ..model.vocabulary import LANGUAGES
from ..paths import PROJECT_DIR, data_file
from ..words import catalogue, word
from .links import link as hub_link
from .release import is_quiz
from .student_notebooks import Stamp, strip_solutions, student_notebook

TEMPLATES = Path(__file__).resolve().parent / "site_templates"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTES = {"en": ("teaching-notes-en.md", "syllabus-en.md"), "id": ("catatan-mengajar-id.md", "silabus-id.md")}
SITE_RELEASE = hashlib.sha256(f"site-{__version__}".encode()).hexdigest()[:12]  # the stamp of the downloadable copies


class SiteError(CourseError):
    """The website cannot be built as asked."""


def site_words(lang: str) -> dict[str, str]:
    """Every ``site.*`` entry of the catalogue in ``lang``."""
    return {key.split(".", 1)[1]: word(key, lang) for key in catalogue() if key.startswith("site.")}


def _markdown_cell(text: str) -> str:
    """A table cell's text: no line breaks, no column separators."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["cell"] = _markdown_cell
    return env


def _bank_for(master: Path) -> Bank:
    bank = find_bank(master.name.split("-")[0])
    return bank.for_mode("assessment" if is_quiz(master) else "practice") if bank.has_keys else bank


def _exercise_output(output: dict[str, Any], bank: Bank, lang: str, number: dict[str, int]) -> list[dict[str, Any]]:
    """What replaces one output of an exercise cell: the open text copy for an answer record of a widget exercise, else nothing."""
    data = output.get("data", {})
    answer = data.get(record.MIME)
    if not isinstance(answer, dict) or answer.get("exercise") not in number:
        return []
    exercise = bank.get(answer["exercise"])
    if exercise.answered_with_check:
        return []
    spec = build_spec(exercise, lang, "assessment" if is_quiz_bank(bank) else "practice", number[exercise.id])
    bundle = {
        "text/html": visible_fallback_html(spec, None, lang, static=True),
        "text/plain": visible_fallback_text(spec, None, lang, True),
    }
    return [nbformat.v4.new_output("display_data", data=bundle)]


def is_quiz_bank(bank: Bank) -> bool:
    return bool(bank.exercises) and all(e.used_in("assessment") and not e.used_in("practice") for e in bank.exercises)


def _kept_output(output: dict[str, Any]) -> bool:
    """An output a student copy may show: not a widget, a feedback box or an answer record."""
    data = output.get("data", {})
    markup = "".join(data.get("text/html", "")) if isinstance(data.get("text/html"), (str, list)) else ""
    return WIDGET_MIME not in data and record.MIME not in data and 'class="course-feedback' not in markup


def public_notebook(master: Path) -> nbformat.NotebookNode:
    """The page of one master: its outputs, less solutions, answers, feedback and widgets (see the module's docstring)."""
    nb = nbformat.read(master, as_version=4)
    lang, bank = master.parent.name, _bank_for(master)
    number = {e.id: n for n, e in enumerate(bank.exercises, start=1)}
    cells = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            source = strip_solutions(cell.source, f"{master.parent.name}/{master.name}, cell {index}", lang)
            if source is None:
                continue
            if source != cell.source or "progress()" in source:
                cell.outputs = []  # a solution's outputs are its answers; the progress table shows them too
            outputs = []
            for output in cell.outputs:
                outputs += _exercise_output(output, bank, lang, number) if record.MIME in output.get("data", {}) else []
                outputs += [output] if _kept_output(output) else []
            cell.source, cell.outputs = source, outputs
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def github_parts(repo: str) -> tuple[str, str] | None:
    """(owner, name) of a GitHub repository address, else None (Colab and Binder open notebooks from GitHub)."""
    parsed = urlparse(repo)
    parts = parsed.path.strip("/").removesuffix(".git").split("/")
    return (parts[0], parts[1]) if parsed.netloc == "github.com" and len(parts) == 2 and all(parts) else None


def launch_links(notebook: str, lang: str, repo: str | None, branch: str, hub: str | None) -> list[tuple[str, str]]:
    """(label, address) to open ``notebook`` (a path inside the release repository) in Colab, on Binder and on the hub."""
    links: list[tuple[str, str]] = []
    found = github_parts(repo) if repo else None
    if found:
        owner, name = found
        links.append((word("site.colab", lang), f"https://colab.research.google.com/github/{owner}/{name}/blob/{branch}/{notebook}"))
        links.append((word("site.binder", lang), f"https://mybinder.org/v2/gh/{owner}/{name}/{branch}?labpath={notebook}"))
    if hub and repo:
        links.append((word("site.hub", lang), hub_link(hub, repo, branch, notebook)))
    return links


def _lessons(lang: str, repo: str | None, branch: str, hub: str | None) -> list[dict[str, Any]]:
    masters = sorted((PROJECT_DIR / "notebooks" / lang).glob("*.ipynb"))
    quizzes = {m.name.split("-")[0]: m for m in masters if is_quiz(m)}
    rows = []
    for master in (m for m in masters if not is_quiz(m)):
        number = master.name.split("-")[0]
        quiz = quizzes.get(number)
        rows.append(
            {
                "number": number,
                "title": find_bank(number).title.get(lang, number),
                "page": master.name,
                "page_doc": master.stem,
                "quiz": quiz.name if quiz else "",
                "quiz_doc": quiz.stem if quiz else "",
                "download": f"student/{master.name}",
                "launch": launch_links(f"notebooks/{lang}/{master.name}", lang, repo, branch, hub),
            }
        )
    return rows


LINK = re.compile(r"\[([^\]]+)\]\((?!https?://|#)([^)\s]+)\)")


def _plain_links(text: str, kept: set[str]) -> str:
    """A guide copied onto the site: links to files the site does not hold become their text."""
    return LINK.sub(lambda m: m.group(0) if m.group(2).split("#")[0] in kept else m.group(1), text)


def write_sources(src: Path, repo: str | None = None, branch: str = "main", hub: str | None = None) -> None:
    """The Sphinx project of the site in ``src``: configuration, pages, lesson notebooks, student copies."""
    env = _templates()
    (src / "_static").mkdir(parents=True)
    shutil.copy2(TEMPLATES / "course-site.css", src / "_static" / "course-site.css")
    (src / "conf.py").write_text(env.get_template("conf.py.j2").render(title=word("site.title", "en")), encoding="utf-8")
    words = {key: {lang: word(f"site.{key}", lang) for lang in LANGUAGES} for key in site_words("en")}
    (src / "index.md").write_text(env.get_template("index.md").render(w=words), encoding="utf-8")
    glossary = list(csv.DictReader(data_file("glossary.csv").open(encoding="utf-8")))
    concepts = yaml.safe_load(data_file("concepts.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        folder, w = src / lang, site_words(lang)
        (folder / "student").mkdir(parents=True)
        for master in sorted((PROJECT_DIR / "notebooks" / lang).glob("*.ipynb")):
            nbformat.write(public_notebook(master), folder / master.name)
            if not is_quiz(master):
                stamp = Stamp(master.name.split("-")[0], lang, __version__, "practice", SITE_RELEASE)
                nbformat.write(student_notebook(master, stamp), folder / "student" / master.name)
        other = next(x for x in LANGUAGES if x != lang)
        lessons = _lessons(lang, repo, branch, hub)
        (folder / "index.md").write_text(env.get_template("language.md").render(w=w, other=other, lessons=lessons), encoding="utf-8")
        first, second = ("term_en", "term_id") if lang == "en" else ("term_id", "term_en")
        rows = [(row[first], row[second], row["source"]) for row in glossary]
        (folder / "glossary.md").write_text(env.get_template("glossary.md").render(w=w, lang=lang, rows=rows), encoding="utf-8")
        shown = [
            {
                "name": c["name"][lang],
                "definition": " ".join(c["definition"][lang].split()),
                "evidence": [e[lang] for e in c.get("evidence", [])],
            }
            for c in concepts
        ]
        (folder / "concepts.md").write_text(env.get_template("concepts.md").render(w=w, concepts=shown), encoding="utf-8")
        for name, target in zip(NOTES[lang], ("teaching-notes.md", "semester-plan.md"), strict=True):
            text = (PROJECT_DIR / "docs" / name).read_text(encoding="utf-8")
            (folder / target).write_text(_plain_links(text, set()), encoding="utf-8")


def build_site(out: Path, repo: str | None = None, branch: str = "main", hub: str | None = None, log=print) -> Path:
    """Build the website into ``out`` (its ``index.html`` is the home page); returns ``out``."""
    out = Path(out)
    if hub and not repo:
        raise SiteError(Problem("site --hub", "needs the release repository too", "add --repo https://github.com/YOU/gg-release"))
    if out.exists() and any(out.iterdir()) and not (out / ".buildinfo").exists():
        raise SiteError(Problem(str(out), "holds files that are not a site built by this command", "choose a new or empty folder"))
    with tempfile.TemporaryDirectory(prefix="course-site-") as work:
        src = Path(work) / "src"
        src.mkdir()
        write_sources(src, repo, branch, hub)
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-d", str(Path(work) / "doctrees"), str(src), str(out)]
        done = subprocess.run(command, capture_output=True, text=True)
    warnings = [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode != 0:
        raise SiteError(Problem(str(out), f"Sphinx failed: {warnings[-1] if warnings else done.returncode}", "see the lines above"))
    for line in warnings:
        log(line)
    log(f"website written to {out} (open {out / 'index.html'})")
    return out
