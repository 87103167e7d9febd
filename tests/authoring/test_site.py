"""The course website (``python -m course site``): built without network, every asset local, every internal link whole,
the pages a student copy shows (no solutions, no answers), both languages, download and launch links.

The 360 px / desktop screenshots are in tests/browser/test_site_widths.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

from course.authoring.student_notebooks import BEGIN, END
from course.paths import PROJECT_DIR

MASTERS = sorted((PROJECT_DIR / "notebooks").glob("[a-z][a-z]/*.ipynb"))


class Page(HTMLParser):
    """The links, assets and ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        for name in ("src", "data-src", "poster"):
            if found.get(name):
                self.assets.append(found[name] or "")
        if tag == "link" and found.get("href"):
            self.assets.append(found["href"] or "")


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_the_site_builds_without_network_and_reports_time_and_size(built_site):
    size = sum(p.stat().st_size for p in built_site.out.rglob("*") if p.is_file())
    print(f"site built in {built_site.seconds:.0f} s, {size / 1e6:.1f} MB, offline={built_site.offline}")
    assert built_site.offline or not Path("/usr/bin/unshare").exists(), "where unshare works, the build runs with no network at all"
    assert (built_site.out / "index.html").is_file()
    assert size < 40e6


def test_every_asset_is_local(built_site):
    for path in html_pages(built_site.out):
        for asset in parsed(path).assets:
            assert not urlparse(asset).scheme and not asset.startswith("//"), f"{path.name}: {asset} is fetched from elsewhere"
    for css in built_site.out.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{css.name} loads something from elsewhere"
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text)


def test_every_internal_link_leads_to_a_page_and_place_that_exist(built_site):
    out, checked = built_site.out, 0
    pages = {path.resolve(): parsed(path) for path in html_pages(out)}
    for path, page in pages.items():
        for href in page.links:
            target = urlparse(href)
            if target.scheme or href.startswith(("//", "mailto:")):
                continue
            file = (path.parent / unquote(target.path)).resolve() if target.path else path
            assert file.is_file() or (file / "index.html").is_file(), f"{path.relative_to(out.resolve())}: {href} leads nowhere"
            if target.fragment and file.suffix == ".html":
                assert unquote(target.fragment) in pages[file].ids, (
                    f"{path.relative_to(out.resolve())}: no #{target.fragment} in {file.name}"
                )
            checked += 1
    assert checked > 200


@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_language_has_its_home_syllabus_lessons_quizzes_glossary_concepts_and_notes(built_site, lang):
    folder = built_site.out / lang
    for name in ("index", "glossary", "concepts", "teaching-notes", "semester-plan"):
        assert (folder / f"{name}.html").is_file(), name
    for master in (m for m in MASTERS if m.parent.name == lang):
        assert (folder / f"{master.stem}.html").is_file(), master.name
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert {"en": "How to start as a student", "id": "Cara memulai sebagai mahasiswa"}[lang] in home
    assert f"https://colab.research.google.com/github/example/gg-release/blob/main/notebooks/{lang}/03-bureaucratic-reform.ipynb" in home
    assert f"https://mybinder.org/v2/gh/example/gg-release/main?labpath=notebooks/{lang}/03-bureaucratic-reform.ipynb" in home
    assert "https://hub.example.ac.id/hub/user-redirect/git-pull?repo=" in home
    lesson = (folder / "01-good-governance-and-public-policy.html").read_text(encoding="utf-8")
    charts = re.findall(r'<img[^>]+src="(\.\./_images/[^"]+\.png)"', lesson)
    assert charts and all((folder / chart).is_file() for chart in charts), "the lesson's charts are on its page, as local images"
    downloads = re.findall(r'href="(\.\./_downloads/[^"]+\.ipynb)"', home)
    assert len(downloads) == 7
    for href in downloads:
        student = nbformat.read(folder / href, as_version=4)
        assert not any(BEGIN in c.source for c in student.cells) and all(
            not c.get("outputs") for c in student.cells if c.cell_type == "code"
        )
    assert "Good governance in Jupyter" in (built_site.out / "index.html").read_text(encoding="utf-8")
    assert "Tata kelola pemerintahan yang baik di Jupyter" in (built_site.out / "index.html").read_text(encoding="utf-8")


def solution_lines(master: Path) -> list[str]:
    """The distinctive lines inside the master's solution regions."""
    lines = []
    for cell in nbformat.read(master, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if line.strip() in (BEGIN, END):
                inside = line.strip() == BEGIN
            elif inside and len(line.strip()) > 25:
                lines.append(line.strip())
    return lines


@pytest.mark.parametrize("master", MASTERS, ids=lambda m: f"{m.parent.name}/{m.stem}")
def test_a_page_publishes_what_a_student_copy_shows(built_site, master):
    import html

    page = html.unescape((built_site.out / master.parent.name / f"{master.stem}.html").read_text(encoding="utf-8"))
    # the how-to lines' example calls (every letter, both True and False, "<item name>" placeholders), up to the closing tag
    text = re.sub(r"(for example|misalnya): (?:[^<]|<(?!/))*", "", page)
    assert BEGIN not in text and "application/vnd.course.answer+json" not in text
    for line in solution_lines(master):
        assert line not in text, f"a solution line is published: {line}"
    assert "course-feedback" not in text, "no feedback box: feedback comes from answers"
    assert "course-fallback-open" in text, "each exercise is shown as text"
    assert 'answer("' in page or 'check("' in page, "and says how to answer it"
    assert {"en": "This page runs no code", "id": "Halaman ini tidak menjalankan kode"}[master.parent.name] in page
