"""Make the guides' screenshots (docs/images/*.png) from the real interface.

    .venv/bin/python tests/browser/doc_screenshots.py            # writes docs/images/
    .venv/bin/python tests/browser/doc_screenshots.py --out DIR  # somewhere else

What it does, in a temporary folder, as a lecturer and two students would: releases
lesson 00 for practice with ``python -m course release``; starts a real JupyterLab
(the browser tests' server: own config folders, news pop-up off) and drives headless
Debian Chromium with Playwright; opens the released lesson in Indonesian and in
English, runs it, answers exercises with the mouse and presses Check; saves the two
notebooks, hands them in as two students' folders and grades them with
``python -m course grade`` (once with ``--lang id``, once with ``--lang en``); opens a
feedback page and the summary page that ``grade`` wrote in Chromium; then opens the
grading notebook (``notebooks/lecturer/<lang>/grade-class.ipynb``), uploads the two
students' ZIP through its upload button, presses Grade and shows the files to take away. Each picture is
cropped to what the guide shows and stored as a PNG of at most 256 colours, so
each stays small (under about 150 KB; tests/content/test_guides_for_lecturers.py checks).
Nothing here is drawn by hand: rerun it after the interface changes.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the browser helpers

from browser.jlab import cell_locator, open_notebook, run_all_cells, save
from browser.labserver import ROOT, chromium, running_lab

IMAGES = ROOT / "docs" / "images"
LESSON = "notebooks/{lang}/00-getting-started.ipynb"
CHECK = {"en": "Check", "id": "Periksa"}
# The option a student picks first (a wrong one, to show the explanation) and then the right one.
WRONG = {"en": "A plausible title drafted from the abstract", "id": "Judul masuk akal yang disusun dari isi abstrak"}
RIGHT = {"en": "Nothing: leave it empty and report it as unknown", "id": "Tidak ada: kosongkan dan catat sebagai tidak diketahui"}
# Then (exercise, what to click): an option's text, or the index of a true/false button (0 true, 1 false).
# The Indonesian student gets them right, the English one partly wrong.
ANSWERS = {
    "id": [
        ("00-run-a-cell", ["Shift + Enter"]),
        ("00-kind-of-source", ["dibangun dalam lingkungan yang transparan", "membuat layanan lebih demokratis"]),
        ("00-fewer-words", [1]),
    ],
    "en": [
        ("00-run-a-cell", ["Control + S"]),
        ("00-kind-of-source", ["make services more democratic"]),
        ("00-fewer-words", [0]),
    ],
}
STUDENTS = {"id": "2201001", "en": "2201002"}
ROSTER = [("2201001", "Ani Lestari"), ("2201002", "Budi Santoso"), ("2201003", "Citra Dewi")]


def course(*args: str) -> None:
    """Run a lecturer's command as the guides give it (python -m course ...)."""
    subprocess.run([sys.executable, "-m", "course", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def save_png(png: bytes, path: Path) -> None:
    """Store a screenshot with at most 256 colours: interface pictures lose nothing visible."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KB")


def clean_lab(page) -> None:
    """Hide the side panels so the picture shows the notebook."""
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    page.wait_for_timeout(500)


def lesson_pictures(page, lab, lang: str, out: Path) -> None:
    """The lesson as it opens, then one exercise after Check, then the notebook saved."""
    open_notebook(page, lab, f"release/{LESSON.format(lang=lang)}")
    clean_lab(page)
    panel = page.locator(".jp-NotebookPanel:visible").first
    box = panel.bounding_box()
    save_png(
        page.screenshot(clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], 620)}),
        out / f"lesson-{lang}.png",
    )

    run_all_cells(page)
    block = cell_locator(page, 'show("00-unknown-title")')
    block.locator("label", has_text=WRONG[lang]).click()
    block.get_by_role("button", name=CHECK[lang]).click()
    block.locator(".course-feedback.course-incorrect").wait_for()
    page.wait_for_timeout(300)
    save_png(block.screenshot(), out / f"exercise-feedback-{lang}.png")

    block.locator("label", has_text=RIGHT[lang]).click()  # then the right answer
    block.get_by_role("button", name=CHECK[lang]).click()
    block.locator(".course-feedback.course-correct").wait_for()
    for exercise, choose in ANSWERS[lang]:  # a few more, so the graded class has something to show
        block = cell_locator(page, f'show("{exercise}")')
        for option in choose:
            if isinstance(option, int):
                block.locator("input[type=radio]").nth(option).check()
            else:
                block.locator("label", has_text=option).first.click()
        block.get_by_role("button", name=CHECK[lang]).click()
        block.locator(".course-feedback").first.wait_for()
    save(page)


def grade(submissions: Path, roster: Path, lang: str, out: Path) -> Path:
    course("grade", str(submissions), "--out", str(out), "--lang", lang, "--roster", str(roster))
    return out


def page_pictures(browser, graded: Path, lang: str, out: Path) -> None:
    """A student's feedback page and the class summary, as grade wrote them, opened in Chromium."""
    context = browser.new_context(viewport={"width": 1000, "height": 680})
    page = context.new_page()
    for name, path in (
        (f"feedback-page-{lang}", graded / "feedback" / "00" / f"{STUDENTS[lang]}.html"),
        (f"summary-page-{lang}", graded / "summary-00.html"),
    ):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        save_png(page.screenshot(), out / f"{name}.png")
    context.close()


GRADE_BUTTON = {"en": "Grade", "id": "Nilai"}
GRADED = {"en": "notebooks graded", "id": "notebook dinilai"}


def grading_notebook_pictures(page, lab, archive: Path, lang: str, out: Path) -> None:
    """The grading notebook: the class's ZIP uploaded through its widget, Grade pressed, then the files to take away."""
    open_notebook(page, lab, f"notebooks/lecturer/{lang}/grade-class.ipynb")
    clean_lab(page)
    run_all_cells(page)
    upload = cell_locator(page, "panel.upload_step()")
    with page.expect_file_chooser() as chooser:
        upload.locator("button.widget-upload").first.click()
    chooser.value.set_files(str(archive))
    upload.get_by_text(archive.name).wait_for()
    grading = cell_locator(page, "panel.grade_step()")
    grading.get_by_role("button", name=GRADE_BUTTON[lang]).click()
    grading.get_by_text(GRADED[lang]).first.wait_for(timeout=120_000)
    downloads = cell_locator(page, "panel.downloads_step()")
    downloads.locator("a[download]").first.wait_for()
    page.wait_for_timeout(300)
    save_png(downloads.screenshot(), out / f"grading-notebook-{lang}.png")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="doc-screenshots-") as tmp:
        base = Path(tmp)
        course("release", "--mode", "practice", "--lessons", "00", "--out", str(base / "release"))
        roster = base / "kelas-A.csv"
        with roster.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([("NIM", "Nama"), *ROSTER])
        (base / "lab").mkdir()
        with running_lab(base / "lab") as lab, chromium() as browser:
            shutil.copytree(base / "release", lab.root / "release")
            context = browser.new_context(viewport={"width": 1100, "height": 760})
            page = context.new_page()
            page.set_default_timeout(60_000)
            for lang in ("id", "en"):
                lesson_pictures(page, lab, lang, out)
            submissions = base / "kumpulan-00"
            for lang, student in STUDENTS.items():
                (submissions / student).mkdir(parents=True)
                shutil.copy(lab.root / "release" / LESSON.format(lang=lang), submissions / student / "00-getting-started.ipynb")
            for lang in ("id", "en"):
                page_pictures(browser, grade(submissions, roster, lang, base / f"nilai-00-{lang}"), lang, out)
            archive = Path(shutil.make_archive(str(base / "kumpulan-00"), "zip", submissions))
            for lang in ("id", "en"):
                grading_notebook_pictures(page, lab, archive, lang, out)
            context.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder for the PNG files (default: docs/images)")
    main(parser.parse_args().out)
