"""Exercises in a real JupyterLab: mouse, keyboard only, restart, saved file, themes, languages."""

from __future__ import annotations

import json
import re

import pytest

from browser.conftest import screenshot
from browser.jlab import cell_locator, error_outputs, open_notebook, restart_kernel, run_all_cells, save, set_theme
from course.model.bank import bank_paths, load_bank
from course.model.record import MIME

pytestmark = pytest.mark.browser
LESSON = "scratch/{lang}/00-getting-started.ipynb"


def exercise(page, exercise_id: str):
    """The output area of the cell that shows ``exercise_id``."""
    return cell_locator(page, f'show("{exercise_id}")')


def feedback(block) -> str:
    return block.locator(".course-feedback").first.inner_text()


def test_answer_with_mouse_and_keyboard_then_restart_restores(page, lab):
    open_notebook(page, lab, LESSON.format(lang="en"))
    run_all_cells(page)
    assert error_outputs(page) == []

    # With the mouse: pick an option, press Check, read the explanation.
    block = exercise(page, "00-unknown-title")
    unknown_title = _bank00().get("00-unknown-title")
    option = {o.key: o.text["en"] for o in unknown_title.options}  # the bank's wording, so rewording an option keeps the test
    block.locator("form.course-ex").get_by_text(option["invent-title"]).click()
    block.get_by_role("button", name="Check").click()
    block.locator(".course-feedback.course-incorrect").wait_for()
    assert "Not quite." in feedback(block) and "made-up title" in feedback(block)
    block.locator("form.course-ex").get_by_text(option["leave-empty"]).click()
    block.get_by_role("button", name="Check").click()
    block.locator(".course-feedback.course-correct").wait_for()
    assert "Correct." in feedback(block)

    # Keyboard only: focus arrives on the first radio button (as after Tab), then arrows, Tab, Enter.
    block = exercise(page, "00-fewer-words")
    block.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")  # True -> False
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    block.locator(".course-feedback.course-correct").wait_for()
    assert "The statement is false." in feedback(block)

    # A short text typed with the keyboard.
    block = exercise(page, "00-judge-a-coding")
    block.locator("textarea").fill(
        "I would change it. The abstract says that public policies must be formally fulfilling society's public rights, "
        "and rights to services are fulfilled through the services officials deliver, so the sentence is about public service."
    )
    block.get_by_role("button", name="Check").click()
    block.locator(".course-feedback.course-correct").wait_for()
    screenshot(page, "exercise-answered-en")

    # The answer record in the notebook was refreshed, and it is saved with the file.
    save(page)
    saved = json.loads((lab.root / LESSON.format(lang="en")).read_text(encoding="utf-8"))
    records = [o["data"][MIME] for c in saved["cells"] for o in c.get("outputs", []) if MIME in o.get("data", {})]
    by_id = {}
    for r in records:
        by_id.setdefault(r["exercise"], []).append(r)
    assert any(r["answer"] == "leave-empty" for r in by_id["00-unknown-title"]), "the record in the saved .ipynb holds the answer"
    assert any(r["answer"] is False for r in by_id["00-fewer-words"])

    # Restart the kernel, run everything again: the answers come back.
    restart_kernel(page)
    run_all_cells(page)
    block = exercise(page, "00-fewer-words")
    assert block.locator("input[type=radio]").nth(1).is_checked()
    assert "The statement is false." in feedback(block)
    block = exercise(page, "00-judge-a-coding")
    assert "formally fulfilling" in block.locator("textarea").input_value()
    record_line = block.locator(".course-answer-record").first.inner_text()
    assert re.search(r"answer saved in this notebook \(attempt \d\)", record_line)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_exercises_are_readable_in_both_themes_and_languages(page, lab, lang, theme):
    open_notebook(page, lab, LESSON.format(lang=lang))
    set_theme(page, theme)
    run_all_cells(page)
    block = exercise(page, "00-kind-of-source")
    kind_of_source = _bank00().get("00-kind-of-source")
    option = next(o for o in kind_of_source.options if o.text["en"] == "That partnerships are expected to make services more democratic")
    label = re.escape(option.text[lang])  # the bank's own wording, so a rewording of the option does not break the test
    before = block.locator(".course-ex-feedback").inner_text()  # the master's demo answers already gave feedback
    block.get_by_text(re.compile(rf"^[A-F]\. {label}$")).click()  # ticks or unticks one of the two right answers: partly right either way
    block.get_by_role("button", name="Check" if lang == "en" else "Periksa").click()
    block.locator(".course-ex-feedback").filter(has_not_text=before.strip().splitlines()[0] if before.strip() else "\u0000").wait_for()
    text = feedback(block)
    assert ("Partly correct." if lang == "en" else "Sebagian tepat.") in text
    colours = block.locator(".course-feedback").evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert _contrast(*colours) >= 4.5, f"feedback text contrast too low in {theme}: {colours}"
    exercise(page, "00-kind-of-source")
    slug = theme.split()[-1].lower()
    screenshot(page, f"exercise-{lang}-{slug}")
    exercise(page, "00-concepts-by-article")
    screenshot(page, f"exercise-categorise-{lang}-{slug}")
    set_theme(page, "JupyterLab Light")


def _bank00():
    return load_bank(next(p for p in bank_paths() if p.name.startswith("00-")))


def _contrast(foreground: str, background: str) -> float:
    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
        channel = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
