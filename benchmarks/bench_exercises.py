#!/usr/bin/env python3
"""Exercise speed, measured side by side in one run (run by hand).

1. Check -> feedback in a real JupyterLab (headless Chromium): the time from
   pressing Check on an exercise of lesson 00 to its feedback appearing,
   median over many clicks. Side by side, clicks alternating, the same
   measurement for the smallest possible widget round trip (a bare ipywidgets
   Button whose callback writes into an HTML widget). Target: the course's
   round trip at most 1.0x the bare one (and under 50 ms). The course sends
   the feedback before the answer store's write reaches the disk.
2. show() in a running kernel: the kernel-side cost of showing one exercise,
   against displaying a bare ipywidgets RadioButtons with the same options.

    python benchmarks/bench_exercises.py [--clicks N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser.jlab import cell_locator, open_notebook, run_all_cells  # noqa: E402
from browser.labserver import chromium, running_lab  # noqa: E402

MEASURE_CLICK = """
async ([button, target]) => new Promise((resolve) => {
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
  observer.observe(target, { childList: true, subtree: true, characterData: true });
  const start = performance.now();
  button.click();
})
"""

BASELINE_CELL = """
import ipywidgets as w
_ping_button, _ping_out = w.Button(description="Ping"), w.HTML("0")
def _ping(_):
    _ping_out.value = str(int(_ping_out.value) + 1)
_ping_button.on_click(_ping)
w.VBox([_ping_button, _ping_out], _dom_classes=["bench-baseline"])
"""


def click_latencies(page, button, target, clicks: int, before=None) -> list[float]:
    times = []
    for n in range(clicks):
        if before:
            before(n)
        times.append(page.evaluate(MEASURE_CLICK, [button.element_handle(), target.element_handle()]))
        page.wait_for_timeout(30)
    return times


def add_and_run_cell(page, code: str) -> None:
    page.evaluate(
        """async (code) => {
          const app = window.jupyterapp, panel = app.shell.currentWidget, nb = panel.content;
          nb.activeCellIndex = nb.widgets.length - 1;
          await app.commands.execute('notebook:insert-cell-below');
          nb.activeCell.model.sharedModel.setSource(code);
          await app.commands.execute('notebook:run-cell');
        }""",
        code,
    )


def browser_round_trips(clicks: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder, running_lab(Path(folder)) as lab, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        open_notebook(page, lab, "notebooks/en/00-getting-started.ipynb")
        run_all_cells(page)
        block = cell_locator(page, 'show("00-unknown-title")')
        radios = block.locator("input[type=radio]")
        add_and_run_cell(page, BASELINE_CELL)
        baseline_box = page.locator(".bench-baseline").first
        baseline_box.wait_for()
        course_button, course_target = block.locator("button.course-ex-button"), block.locator(".course-ex-feedback")
        bare_button, bare_target = baseline_box.locator("button"), baseline_box.locator(".widget-html-content")
        course, bare = [], []
        for n in range(clicks + 3):  # alternate, so both see the same conditions; the first 3 pairs warm up
            radios.nth(n % 2).check()
            course_ms = click_latencies(page, course_button, course_target, 1)[0]
            bare_ms = click_latencies(page, bare_button, bare_target, 1)[0]
            if n >= 3:
                course.append(course_ms)
                bare.append(bare_ms)
    return {"course exercise: Check -> feedback": course, "bare ipywidgets button -> HTML": bare}


def kernel_show_costs(rounds: int) -> dict[str, list[float]]:
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks" / "en"))
    try:
        setup = (
            "import time, os, tempfile, ipywidgets as w\n"
            "os.environ['COURSE_ANSWER_DIR'] = tempfile.mkdtemp()\n"
            "from course import start_lesson, show\nstart_lesson('00')\n"
            "from course.kernel.session import current_session\n"
            "_opts = [o.text['en'] for o in current_session().bank.get('00-unknown-title').display_order()]\n"
        )
        client.execute_interactive(setup, timeout=120, output_hook=lambda msg: None)
        code = (
            "_t = time.perf_counter(); show('00-unknown-title'); _a = time.perf_counter() - _t\n"
            "_t = time.perf_counter(); display(w.RadioButtons(options=_opts)); _b = time.perf_counter() - _t\n"
            "print(_a * 1000, _b * 1000)"
        )
        results: dict[str, list[float]] = {"show('00-unknown-title')": [], "display(RadioButtons) (bare)": []}
        for _ in range(rounds):
            printed: list[str] = []
            client.execute_interactive(
                code,
                timeout=60,
                output_hook=lambda msg, printed=printed: (
                    printed.append(msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None
                ),
            )
            course_ms, bare_ms = map(float, "".join(printed).split())
            results["show('00-unknown-title')"].append(course_ms)
            results["display(RadioButtons) (bare)"].append(bare_ms)
        return results
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def report(title: str, samples: dict[str, list[float]], target: float | None = None, ratio_target: float | None = None) -> None:
    print(title)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    names = list(medians)
    for name in names:
        values = sorted(samples[name])
        print(f"  {name:<40} median {medians[name]:7.1f} ms   (min {values[0]:.1f}, max {values[-1]:.1f}, n={len(values)})")
    ratio = medians[names[0]] / medians[names[1]]
    print(
        f"  -> ratio {names[0]} / {names[1]} = {ratio:.2f}x"
        + (f" (target: at most {ratio_target:.1f}x: {'OK' if ratio <= ratio_target else 'MISSED'})" if ratio_target else "")
    )
    if target is not None:
        verdict = "OK" if medians[names[0]] < target else "MISSED"
        print(f"  -> target: under {target:.0f} ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=30, help="clicks per variant (at least 20)")
    args = parser.parse_args()
    report("Check -> feedback in JupyterLab (headless Chromium):", browser_round_trips(max(20, args.clicks)), target=50, ratio_target=1.0)
    print()
    report("show() in a running kernel (kernel-side time):", kernel_show_costs(max(20, args.clicks)))


if __name__ == "__main__":
    main()
