"""Small helpers to drive JupyterLab 4 from Playwright like a user would.

Reading state (kernel status, execution counts) goes through the application
object the test server exposes; actions a student takes (clicking, typing)
go through the page itself.
"""

from __future__ import annotations

import time

NOTEBOOK = "window.jupyterapp.shell.currentWidget"
SETUP = "from course import concepts, show"  # the set-up cell's code in every lesson
RUN_LINE_ID = "Jalankan sel ini (Shift+Enter) untuk menjawab atau mengubah jawaban Anda."


def open_notebook(page, lab, relative: str) -> None:
    """Open a notebook and wait until its kernel is idle."""
    page.goto(lab.notebook_url(relative))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", state="visible")
    wait_for_kernel_idle(page)


def kernel_status(page) -> str:
    return page.evaluate(
        f"() => {{ const w = {NOTEBOOK}; const k = w && w.sessionContext && w.sessionContext.session"
        " && w.sessionContext.session.kernel; return k ? k.status : 'none'; }"
    )


def wait_for_kernel_idle(page, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while kernel_status(page) != "idle":
        if time.monotonic() > deadline:
            raise AssertionError(f"kernel not idle after {timeout}s (status: {kernel_status(page)})")
        page.wait_for_timeout(200)


def command(page, name: str, args: dict | None = None) -> None:
    page.evaluate("([name, args]) => window.jupyterapp.commands.execute(name, args || {})", [name, args])


def run_all_cells(page, timeout: float = 120) -> None:
    """Run every cell (Run > Run All Cells) and wait until all code cells have run."""
    command(page, "notebook:run-all-cells")
    deadline = time.monotonic() + timeout
    while (
        not page.evaluate(
            f"() => {{ const cells = {NOTEBOOK}.content.model.cells; let done = true;"
            " for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
            " if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount === null) done = false; }"
            " return done; }"
        )
        or kernel_status(page) != "idle"
    ):
        if time.monotonic() > deadline:
            raise AssertionError("cells did not finish running")
        page.wait_for_timeout(250)
    page.wait_for_timeout(300)


def restart_kernel(page) -> None:
    """Restart the kernel without the confirmation dialog and wait until it is idle."""
    page.evaluate(f"() => {NOTEBOOK}.sessionContext.session.kernel.restart()")
    page.wait_for_timeout(500)
    wait_for_kernel_idle(page)


def set_theme(page, theme: str) -> None:
    """Switch JupyterLab's theme ('JupyterLab Light' or 'JupyterLab Dark')."""
    command(page, "apputils:change-theme", {"theme": theme})
    page.wait_for_function("(t) => document.body.dataset.jpThemeName === t", arg=theme)
    page.wait_for_timeout(500)


def save(page) -> None:
    command(page, "docmanager:save")
    page.wait_for_timeout(500)


def error_outputs(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", "els => els.map(e => e.innerText)"
    )


def scroll_to_cell(page, text: str) -> int:
    """Scroll the first cell whose source contains ``text`` to the top; return its index."""
    index = page.evaluate(
        f"(text) => {{ const cells = {NOTEBOOK}.content.model.cells;"
        " for (let i = 0; i < cells.length; i++) { if (cells.get(i).sharedModel.getSource().includes(text)) return i; }"
        " return -1; }",
        text,
    )
    assert index >= 0, f"no cell contains {text!r}"
    page.evaluate(f"async (i) => {{ const nb = {NOTEBOOK}.content; nb.activeCellIndex = i; await nb.scrollToItem(i, 'start'); }}", index)
    page.wait_for_timeout(700)
    return index


def cell_locator(page, text: str):
    """The notebook cell whose source contains ``text`` (scrolled into view first)."""
    index = scroll_to_cell(page, text)
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(index)


def exercise(page, exercise_id: str):
    """The cell that shows the exercise ``exercise_id`` (scrolled into view)."""
    return cell_locator(page, f'show("{exercise_id}")')


def run_setup_then(page, exercise_id: str):
    """Run the set-up cell, then the exercise's cell, as the restart message says; return the exercise's cell."""
    scroll_to_cell(page, SETUP)
    command(page, "notebook:run-cell")
    wait_for_kernel_idle(page)
    block = exercise(page, exercise_id)
    command(page, "notebook:run-cell")
    wait_for_kernel_idle(page)
    block.locator("form.course-ex").wait_for()
    return block


def reopen_without_kernel(page, lab, relative: str) -> None:
    """Shut the notebook's kernel down and open the notebook again with a new kernel that knows no widgets."""
    page.evaluate(f"() => {NOTEBOOK}.sessionContext.shutdown()")
    page.wait_for_timeout(1000)
    open_notebook(page, lab, relative)
    page.wait_for_timeout(4000)  # the widget manager gives up on a missing model after two seconds


def text_copy_id(page, exercise_id: str) -> str:
    """The text an Indonesian exercise shows without its widget; fails on JupyterLab's widget error."""
    block = exercise(page, exercise_id)
    page.wait_for_timeout(500)
    shown = block.locator(".jp-OutputArea").inner_text()
    assert "Error displaying widget" not in shown and "model not found" not in shown, exercise_id
    copy = block.locator(".course-fallback")
    assert copy.is_visible(), f"{exercise_id}: the text copy is shown"
    text = copy.inner_text()
    assert RUN_LINE_ID in text and "Latihan" in text, f"{exercise_id}: {text}"
    return text
