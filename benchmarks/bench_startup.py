#!/usr/bin/env python3
"""Start-up costs of the course, measured side by side in one run (run by hand).

1. ``import course`` against ``import pandas, ipywidgets`` (target: at most 1.1x),
   each in a fresh interpreter, timing only the import statement. For
   information, also the import of everything a lesson's set-up cell uses.
2. Executing lesson 00 against executing an empty notebook, each in a fresh
   kernel, start-up included (target: at most 1.5x). For information, also a
   "floor" notebook with as many code cells as lesson 00 that only imports
   pandas and ipywidgets: lesson 00 against the floor is what the course's
   own code adds, beyond the libraries and the kernel's cost per cell.

The variants alternate within each round so that background load hits both
alike; the median over the rounds is reported.

    python benchmarks/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course.authoring.regenerate import KERNELSPEC, _NbvalFaithfulClient, isolated_environment  # noqa: E402
from course.authoring.release import release  # noqa: E402

IMPORTS = {
    "import pandas, ipywidgets": "import pandas, ipywidgets",
    "import course": "import course",
    "lesson set-up (course + pandas + concepts)": "import pandas, course; from course import concepts; course.load_abstracts()",
}


def time_import(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(output.stdout.strip().splitlines()[-1])


def time_notebook(path: Path) -> float:
    """Seconds from starting a fresh kernel to the end of the last cell (and shutdown)."""
    nb = nbformat.read(path, as_version=4)
    client = _NbvalFaithfulClient(
        nb,
        kernel_name=KERNELSPEC["name"],
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with isolated_environment():
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15, help="rounds for the import timings (notebooks: a third)")
    args = parser.parse_args()

    samples: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(args.rounds):
        for name, statement in IMPORTS.items():
            samples[name].append(time_import(statement))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    base = medians["import pandas, ipywidgets"]
    print(f"Imports, median of {args.rounds} fresh interpreters:")
    for name, value in medians.items():
        print(f"  {name:<45} {value * 1000:8.1f} ms   ratio {value / base:5.2f}x")
    ratio = medians["import course"] / base
    print(f"  -> import course / import pandas, ipywidgets = {ratio:.2f}x (target <= 1.10x): {'OK' if ratio <= 1.1 else 'MISSED'}")

    with tempfile.TemporaryDirectory() as folder:
        lesson = next((ROOT / "notebooks" / "en").glob("00-*.ipynb"))
        cells = sum(c.cell_type == "code" for c in nbformat.read(lesson, as_version=4).cells)
        empty = Path(folder) / "en" / "empty.ipynb"
        floor = Path(folder) / "en" / "floor.ipynb"
        empty.parent.mkdir()
        nbformat.write(new_notebook(cells=[new_code_cell("")], metadata={"kernelspec": KERNELSPEC}), empty)
        floor_cells = [new_code_cell("import pandas, ipywidgets")] + [new_code_cell("pass") for _ in range(cells - 1)]
        nbformat.write(new_notebook(cells=floor_cells, metadata={"kernelspec": KERNELSPEC}), floor)
        bundle = Path(folder) / "student"
        release(bundle, mode="practice", langs=["en"], lessons=["00"], log=lambda line: None)
        student = bundle / "notebooks" / "en" / lesson.name
        rounds = max(5, args.rounds // 2)
        floor_name = f"floor ({cells} cells, pandas + ipywidgets)"
        student_name = "lesson 00, student copy (no solution cells)"
        runs: dict[str, list[float]] = {"empty notebook": [], floor_name: [], lesson.name: [], student_name: []}
        for _ in range(rounds):
            runs["empty notebook"].append(time_notebook(empty))
            runs[floor_name].append(time_notebook(floor))
            runs[lesson.name].append(time_notebook(lesson))
            runs[student_name].append(time_notebook(student))
    medians = {name: statistics.median(values) for name, values in runs.items()}
    print(f"\nNotebook execution in a fresh kernel, median of {rounds} runs:")
    for name, value in medians.items():
        print(f"  {name:<45} {value:8.2f} s")
    ratio = medians[lesson.name] / medians["empty notebook"]
    print(f"  -> lesson 00 / empty notebook = {ratio:.2f}x (target <= 1.50x): {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"  -> floor / empty notebook = {medians[floor_name] / medians['empty notebook']:.2f}x (libraries and cells alone)")
    print(f"  -> lesson 00 / floor = {medians[lesson.name] / medians[floor_name]:.2f}x (what the course itself adds)")
    print(f"  -> student copy of lesson 00 / empty notebook = {medians[student_name] / medians['empty notebook']:.2f}x")


if __name__ == "__main__":
    main()
