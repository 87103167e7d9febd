"""Every lesson opens in JupyterLab without a kernel dialog and runs top to bottom."""

from __future__ import annotations

import pytest
from notebook_tools import lesson_names

from browser.conftest import screenshot
from browser.jlab import error_outputs, open_notebook, run_all_cells, scroll_to_cell

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name", lesson_names())
def test_lesson_opens_and_runs_in_jupyterlab(page, lab, lang, name):
    open_notebook(page, lab, f"notebooks/{lang}/{name}")
    assert page.locator(".jp-Dialog").count() == 0, "a dialog (e.g. kernel choice) appeared on opening"
    title = page.locator(".jp-MarkdownCell h1").first.inner_text()
    assert title.startswith("Lesson" if lang == "en" else "Topik")
    first = "Exercise 1 ·" if lang == "en" else "Latihan 1 ·"
    assert page.locator(".jp-OutputArea-output", has_text=first).count() >= 1, (
        "before any cell runs, exercises show their text, not a blank"
    )
    run_all_cells(page)
    assert error_outputs(page) == []
    stem = name.removesuffix(".ipynb")
    scroll_to_cell(page, "# ")
    screenshot(page, f"{stem}-{lang}-top")
    scroll_to_cell(page, "load_abstracts()")
    screenshot(page, f"{stem}-{lang}-middle")
    if (
        page.evaluate("() => window.jupyterapp.shell.currentWidget.content.model.cells.length")
        and page.locator(".jp-RenderedImage img").count()
    ):
        scroll_to_cell(page, "plt.show()")
        screenshot(page, f"{stem}-{lang}-chart")
