#!/usr/bin/env python3
"""Set-up time of the course, measured side by side in one run (run by hand; needs PyPI).

A cold install of the course environment (by default with the ``test`` extra,
what ``bootstrap.py test`` and CI install; ``--extra none`` for the base set
that ``bootstrap.py lab`` installs), each into an empty virtual environment
with its own empty caches:

1. plain pip: ``python -m venv`` and ``pip install -e .[test]`` with the pip
   the venv comes with;
2. the bootstrap's route: ``bootstrap.ensure_environment`` (venv, pip installs
   uv, uv installs the rest).

Target: the bootstrap's route at most a third of pip's time. Each variant gets
fresh ``PIP_CACHE_DIR``, ``UV_CACHE_DIR`` and ``COURSE_CACHE_DIR`` folders, and
pip configuration files and ``PIP_*``/``UV_*`` variables are ignored, so both
fetch everything from PyPI. For information, the bootstrap's route is timed
again after deleting the environment with its caches kept (what a student sees
after ``rm -r .venv``; it also works offline). The variants alternate within
each round; the median over the rounds is reported.

    python benchmarks/bench_setup.py [--rounds N] [--extra test|none]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import bootstrap  # noqa: E402


def clean_env(caches: Path) -> dict[str, str]:
    """This process's environment without pip/uv settings, with empty caches of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_CACHE_DIR=str(caches / "pip"),
        UV_CACHE_DIR=str(caches / "uv"),
        COURSE_CACHE_DIR=str(caches / "course"),
    )
    return env


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start


def plain_pip(folder: Path, extra: str) -> float:
    """``python -m venv`` and ``pip install -e .[extra]``, both timed."""
    env = clean_env(folder / "caches")
    target = f".[{extra}]" if extra else "."
    python = bootstrap.venv_python(folder / "venv")
    return timed([sys.executable, "-m", "venv", str(folder / "venv")], env) + timed(
        [str(python), "-m", "pip", "install", "--quiet", "-e", target], env
    )


def bootstrap_route(folder: Path, extra: str) -> float:
    """``bootstrap.ensure_environment`` into ``folder/venv``, venv creation included."""
    call = f"import bootstrap; from pathlib import Path; bootstrap.ensure_environment({extra!r}, venv_dir=Path({str(folder / 'venv')!r}))"
    return timed([sys.executable, "-c", call], clean_env(folder / "caches"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1, help="cold installs of each variant (default 1: one takes a minute)")
    parser.add_argument("--extra", default="test", help="the extra to install, or 'none' for the base set (default: test)")
    args = parser.parse_args()
    extra = "" if args.extra == "none" else args.extra
    label = f".[{extra}]" if extra else "."

    cold: dict[str, list[float]] = {"pip": [], "bootstrap": []}
    warm: list[float] = []
    for _ in range(args.rounds):
        for name, route in (("pip", plain_pip), ("bootstrap", bootstrap_route)):
            with tempfile.TemporaryDirectory(prefix=f"bench-setup-{name}-") as folder:
                cold[name].append(route(Path(folder), extra))
                if name == "bootstrap":
                    shutil.rmtree(Path(folder) / "venv")
                    warm.append(route(Path(folder), extra))
    pip, boot = (statistics.median(cold[name]) for name in ("pip", "bootstrap"))
    what = f"the course with the {extra} extra" if extra else "the course's base set (what bootstrap.py lab installs)"
    print(f"Cold install of {what} into an empty venv, each with its own empty caches, from PyPI (median of {args.rounds}):")
    print(f"  {'plain pip (python -m venv; pip install -e ' + label + ')':<62} {pip:7.1f} s")
    print(f"  {'bootstrap.py route (venv; pip installs uv; uv installs ' + label + ')':<62} {boot:7.1f} s")
    if args.rounds > 1:
        print(
            "  each round: pip "
            + ", ".join(f"{v:.1f}" for v in cold["pip"])
            + " s; bootstrap "
            + ", ".join(f"{v:.1f}" for v in cold["bootstrap"])
            + " s"
        )
    ratio = boot / pip
    print(f"  -> bootstrap / pip = {ratio:.2f}x (target <= 0.33x): {'OK' if ratio <= 1 / 3 else 'MISSED'}")
    print(f"For information: bootstrap.py route again after deleting the venv, caches kept: {statistics.median(warm):.1f} s")


if __name__ == "__main__":
    main()
