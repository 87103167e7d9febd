"""The lecturers' guides open with a quick start for a dosen who does not program; campus IT has its own guide.

The quick start shows a round (release, hand out, download, grade, upload back) with a
comment on every command, in the guide's language, and a picture of each screen. The
pictures are small PNGs made by ``tests/browser/doc_screenshots.py`` from the real
interface, never by hand. JupyterHub, lab machines, schemas and hashes belong to the
campus IT guide. The Indonesian guides call the program "program penilai": a "penilai"
alone is a person.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
IMAGES = DOCS / "images"
SCRIPT = ROOT / "tests" / "browser" / "doc_screenshots.py"
LECTURER_GUIDES = {"panduan-dosen.md": ("id", "## Mulai cepat"), "instructor-guide.md": ("en", "## Quick start")}
IT_GUIDES = {"panduan-it-kampus.md": "id", "campus-it-guide.md": "en"}
SCREENS = ("grading-notebook", "lesson", "exercise-feedback", "feedback-page", "summary-page")
IT_ONLY = ("JSON Schema", "glibc", "OpenID Connect", "Kubernetes", "hash", "DockerSpawner", "LDAP")
ENGLISH_WORDS = {"the", "and", "of", "with", "for", "on", "in", "to", "a", "only", "all", "from", "beside", "same", "see", "below"}
MAX_BYTES = 150 * 1024


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def quick_start(name: str) -> str:
    """The quick start: from its heading to the guide's next section."""
    body = text(name)
    _, heading = LECTURER_GUIDES[name]
    start = body.index(heading)
    end = body.find("\n## ", start + len(heading))
    return body[start:end]


def code_blocks(markdown: str) -> list[list[str]]:
    """The lines of each ``` block, unindented."""
    return [[line.strip() for line in block.splitlines()] for block in re.findall(r"```[a-z]*\n(.*?)```", markdown, flags=re.S)]


def comments(markdown: str) -> list[str]:
    return [line.partition("#")[2] for block in code_blocks(markdown) for line in block if "#" in line]


@pytest.mark.parametrize("name", sorted(LECTURER_GUIDES))
def test_the_guide_opens_with_a_quick_start_of_about_two_pages(name):
    _, heading = LECTURER_GUIDES[name]
    first_section = next(line for line in text(name).splitlines() if line.startswith("## "))
    assert first_section == heading, f"{name}: the first section is {first_section!r}"
    lines = quick_start(name).splitlines()
    assert len(lines) <= 140, f"{name}: the quick start has {len(lines)} lines; two pages are about 120"
    for step in ("lab --grading", "grade-class.ipynb", "release", "grade", "--out", "--key", ".zip"):
        assert step in quick_start(name), f"{name}: the quick start does not show {step}"


@pytest.mark.parametrize("name", sorted(LECTURER_GUIDES))
def test_every_command_of_the_quick_start_has_a_comment(name):
    for block in code_blocks(quick_start(name)):
        for i, line in enumerate(block):
            if line.startswith("python3 bootstrap.py"):
                commented = "#" in line or (i > 0 and block[i - 1].startswith("#"))
                assert commented, f"{name}: no comment for {line!r}"


@pytest.mark.parametrize("name", ["panduan-dosen.md", "panduan-it-kampus.md"])
def test_the_indonesian_guides_comment_their_commands_in_indonesian(name):
    english = [c for c in comments(text(name)) if ENGLISH_WORDS & set(re.findall(r"[a-z]+", c.lower()))]
    assert not english, f"{name}: comments in English: {english}"


def test_a_comment_in_english_is_found():
    assert comments("```bash\npython3 bootstrap.py x   # the practice set\n```") == [" the practice set"]
    assert ENGLISH_WORDS & set(re.findall(r"[a-z]+", "on a machine with internet"))
    assert not ENGLISH_WORDS & set(re.findall(r"[a-z]+", "salinan latihan Pelajaran 03, bahasa Indonesia saja"))


@pytest.mark.parametrize("name", sorted(LECTURER_GUIDES))
def test_the_quick_start_shows_each_screen_in_the_guide_language(name):
    lang, _ = LECTURER_GUIDES[name]
    shown = re.findall(r"!\[([^\]]+)\]\((images/[^)]+)\)", quick_start(name))
    assert [path for _, path in shown] == [f"images/{screen}-{lang}.png" for screen in SCREENS]
    assert all(len(alt) > 15 for alt, _ in shown), "each picture says what it shows"


def test_every_picture_is_a_small_png_the_script_makes():
    pictures = sorted(IMAGES.glob("*"))
    assert {p.name for p in pictures} >= {f"{s}-{lang}.png" for s in SCREENS for lang in ("en", "id")}
    script = SCRIPT.read_text(encoding="utf-8")
    for picture in pictures:
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{picture.name} is not a PNG"
        assert picture.stat().st_size <= MAX_BYTES, f"{picture.name}: {picture.stat().st_size // 1024} KB"
        made_as = re.sub(r"-(en|id)\.png$", "-{lang}", picture.name)
        assert made_as in script, f"{picture.name} is not made by {SCRIPT.name}"
    for name in DOCS.glob("*.md"):
        for path in re.findall(r"\]\((images/[^)]+)\)", name.read_text(encoding="utf-8")):
            assert (DOCS / path).is_file(), f"{name.name} shows {path}, which does not exist"


@pytest.mark.parametrize("name", ["panduan-dosen.md", "panduan-it-kampus.md"])
def test_the_program_is_program_penilai(name):
    body = re.sub(r"\([^)]*\.md#[^)]*\)", "", text(name))  # links' anchors
    bare = [m.group(0) for m in re.finditer(r"(?i)(\w+\s+)?penilai\b", body) if not m.group(0).lower().startswith("program")]
    assert not bare, f"{name}: 'penilai' without 'program': {bare}"


@pytest.mark.parametrize("name", sorted(LECTURER_GUIDES))
def test_campus_it_matters_live_in_the_it_guide(name):
    found = [word for word in IT_ONLY if re.search(rf"(?i)\b{re.escape(word)}\b", text(name))]
    assert not found, f"{name} still explains {found}: they belong in the campus IT guide"
    it_guide = "panduan-it-kampus.md" if LECTURER_GUIDES[name][0] == "id" else "campus-it-guide.md"
    assert f"]({it_guide}" in text(name), f"{name} does not link the campus IT guide"


@pytest.mark.parametrize("name", sorted(IT_GUIDES))
def test_the_it_guide_holds_what_moved(name):
    body = text(name)
    for word in ("JSON Schema", "glibc", "OpenID Connect", "Kubernetes", "hash", "wheelhouse", "nbgitpuller"):
        assert word in body, f"{name}: {word} missing"
    lecturer = "panduan-dosen.md" if IT_GUIDES[name] == "id" else "instructor-guide.md"
    assert f"]({lecturer}" in body


def test_the_readme_links_every_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in [*LECTURER_GUIDES, *IT_GUIDES, "silabus-id.md", "syllabus-en.md"]:
        assert f"](docs/{name}" in readme, f"README does not link docs/{name}"
