#!/usr/bin/env python3
"""Capacity of one JupyterHub node for the course, measured (run by hand).

Starts a real JupyterHub (``deploy/jupyterhub_config.py`` in trial mode, as
``tests/browser/test_hub.py`` does) and, through the hub's REST API, N users of
each kind at once, interleaved so that the load hits all alike:

* a **course** user has a practice release of lesson 01 in their home (where
  an nbgitpuller link puts it); a kernel is opened on the lesson notebook and
  runs its set-up cell and its exercise cells (``show``, ``check``,
  ``answer``): the issue's measurement, and the target's;
* a **lesson** user does the same with every code cell of the student copy,
  worked examples and the chart included (for information, and for the
  students-per-node table: a student who runs the whole lesson);
* a **floor** user has a bare JupyterLab whose kernel only imports pandas and
  ipywidgets.

Per user it prints the resident memory (RSS) of the single-user server plus its
kernel once the cells have run, for information the proportional share (PSS,
which counts shared library pages once), and the time from the spawn request to
the first executed cell. Then the medians, the course-over-floor ratio (target:
at most 1.15), the whole-lesson ratio, and a "students per node" table for 8,
16 and 32 GB nodes from the larger of the two.

    python benchmarks/bench_hub.py [--users N]

Needs ``configurable-http-proxy`` (npm) and the ``hub`` extra (``pip install -e .[hub]``).
Everything runs on 127.0.0.1 and stops at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
import yaml
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from browser.hubserver import Hub, running_hub  # noqa: E402

from course.authoring.release import release  # noqa: E402

LESSON = "notebooks/en/01-good-governance-and-public-policy.ipynb"
FOLDER = "gg-practice"
FLOOR_CELLS = ["import pandas, ipywidgets"]
NODES_GB = (8, 16, 32)
SYSTEM_RESERVE_MB = 1024  # operating system, hub, proxy, monitoring on each node
MB = 1024 * 1024


@dataclass
class UserRun:
    name: str
    kind: str  # "floor", "course" (set-up and exercise cells) or "lesson" (every cell, charts included)
    cells: list[str]
    first_cell_s: float = 0.0
    all_cells_s: float = 0.0
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    cpu_s: float = 0.0
    errors: list[str] = field(default_factory=list)


def lesson_cells(bundle: Path) -> list[str]:
    """The code cells of the student copy of lesson 01, in order."""
    nb = nbformat.read(bundle / LESSON, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]


EXERCISE_CELL = re.compile(r"(?<![\w.])(show|check|answer)\(|course\.start_lesson\(")


def exercise_cells(cells: list[str]) -> list[str]:
    """The set-up cell and the exercise cells (``show``, ``check``, ``answer``): what the issue's measurement runs."""
    return [code for code in cells if EXERCISE_CELL.search(code)]


def tree_usage(pid: int) -> tuple[float, float, float]:
    """RSS and PSS (MB) and CPU seconds used so far, of a process and all its descendants (the server and its kernel)."""
    rss = pss = cpu = 0.0
    root = psutil.Process(pid)
    for process in [root, *root.children(recursive=True)]:
        try:
            info, times = process.memory_full_info(), process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
        cpu += times.user + times.system
    return rss / MB, pss / MB, cpu


async def call(hub: Hub, method: str, path: str, body: dict | None = None) -> dict:
    response = await AsyncHTTPClient().fetch(
        HTTPRequest(
            f"{hub.url}{path}",
            method=method,
            body=None if body is None else json.dumps(body),
            headers={"Authorization": f"token {hub.token}", "Content-Type": "application/json"},
            connect_timeout=600,
            request_timeout=600,
            allow_nonstandard_methods=True,
        )
    )
    return json.loads(response.body) if response.body else {}


async def execute(socket, session: str, code: str) -> str | None:
    """Run one cell through the kernel's websocket; return the error name, if any."""
    msg_id = uuid.uuid4().hex
    await socket.write_message(
        json.dumps(
            {
                "header": {"msg_id": msg_id, "username": "bench", "session": session, "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    while True:
        raw = await socket.read_message()
        if raw is None:
            return "websocket closed"
        if isinstance(raw, bytes):
            continue
        message = json.loads(raw)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "execute_reply":
            content = message["content"]
            return None if content.get("status") == "ok" else f"{content.get('ename')}: {content.get('evalue')}"


async def run_user(hub: Hub, user: UserRun, notebook: str) -> None:
    """Spawn the user's server, open a kernel on ``notebook``, run the cells, measure."""
    await call(hub, "POST", f"/hub/api/users/{user.name}")
    start = time.perf_counter()
    await call(hub, "POST", f"/hub/api/users/{user.name}/server")
    while True:
        model = await call(hub, "GET", f"/hub/api/users/{user.name}")
        server = model["servers"].get("", {})
        if server.get("ready"):
            break
        await asyncio.sleep(1)
    session = await call(
        hub,
        "POST",
        f"/user/{user.name}/api/sessions",
        {"path": notebook, "name": Path(notebook).name, "type": "notebook", "kernel": {"name": "python3"}},
    )
    kernel = session["kernel"]["id"]
    url = f"{hub.url.replace('http', 'ws', 1)}/user/{user.name}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
    socket = await websocket_connect(
        HTTPRequest(url, headers={"Authorization": f"token {hub.token}"}, connect_timeout=600, request_timeout=600),
        max_message_size=64 * MB,
    )
    client_session = uuid.uuid4().hex
    for index, code in enumerate(user.cells):
        error = await execute(socket, client_session, code)
        if error:
            user.errors.append(error)
        if index == 0:
            user.first_cell_s = time.perf_counter() - start
    user.all_cells_s = time.perf_counter() - start
    socket.close()
    await asyncio.sleep(2)  # let the kernel settle
    user.rss_mb, user.pss_mb, user.cpu_s = tree_usage(server["state"]["pid"])


async def run_class(hub: Hub, users: list[UserRun]) -> None:
    AsyncHTTPClient.configure(None, max_clients=4 * len(users))  # no request waits in the client's own queue
    notebooks = {"course": f"{FOLDER}/{LESSON}", "lesson": f"{FOLDER}/{LESSON}", "floor": "floor.ipynb"}

    async def one(user: UserRun) -> None:
        try:
            await run_user(hub, user, notebooks[user.kind])
        except Exception as error:
            user.errors.append(f"{type(error).__name__}: {error}")

    await asyncio.gather(*(one(u) for u in users))


def prepare_homes(hub: Hub, users: list[UserRun], bundle: Path) -> None:
    """A course user's home holds the release where nbgitpuller puts it; a floor user's, one empty notebook."""
    for user in users:
        home = hub.homes / user.name
        home.mkdir(parents=True, exist_ok=True)
        if user.kind != "floor":
            shutil.copytree(bundle, home / FOLDER)
        else:
            nbformat.write(nbformat.v4.new_notebook(), home / "floor.ipynb")


def guarantee_mb() -> float:
    """The memory guarantee per student in deploy/config.yaml (what the Kubernetes scheduler reserves)."""
    text = yaml.safe_load((ROOT / "deploy" / "config.yaml").read_text(encoding="utf-8"))["singleuser"]["memory"]["guarantee"]
    number, unit = float(text[:-1]), text[-1].upper()
    return number * {"M": 1, "G": 1024}[unit]


def students_per_node(per_user_mb: float, node_gb: int) -> int:
    return int((node_gb * 1024 - SYSTEM_RESERVE_MB) // per_user_mb)


def report(users: list[UserRun], wall: float) -> None:
    print(f"{'user':<10} {'kind':<7} {'RSS MB':>7} {'PSS MB':>7} {'CPU s':>6} {'spawn->1st cell s':>18} {'all cells s':>12}  errors")
    for u in users:
        print(
            f"{u.name:<10} {u.kind:<7} {u.rss_mb:>7.0f} {u.pss_mb:>7.0f} {u.cpu_s:>6.1f} {u.first_cell_s:>18.1f} {u.all_cells_s:>12.1f}  "
            f"{'; '.join(u.errors) or '-'}"
        )
    med = {}
    for kind in ("floor", "course", "lesson"):
        group = [u for u in users if u.kind == kind and u.rss_mb]
        med[kind] = {k: statistics.median(getattr(u, k) for u in group) for k in ("rss_mb", "pss_mb", "cpu_s", "first_cell_s")}
        peak = max(u.rss_mb for u in group)
        print(
            f"median {kind:<6}: RSS {med[kind]['rss_mb']:.0f} MB (max {peak:.0f}), PSS {med[kind]['pss_mb']:.0f} MB, "
            f"CPU {med[kind]['cpu_s']:.1f} s, spawn to first cell {med[kind]['first_cell_s']:.1f} s"
        )
    ratio = med["course"]["rss_mb"] / med["floor"]["rss_mb"]
    print(f"course / floor, RSS per user: {ratio:.2f}x (target: at most 1.15x) -> {'OK' if ratio <= 1.15 else 'OVER'}")
    print(
        f"course / floor, PSS per user: {med['course']['pss_mb'] / med['floor']['pss_mb']:.2f}x; "
        f"CPU: {med['course']['cpu_s'] / med['floor']['cpu_s']:.2f}x (for information)"
    )
    print(
        f"whole lesson / floor, RSS per user: {med['lesson']['rss_mb'] / med['floor']['rss_mb']:.2f}x "
        "(for information: the worked examples and the chart, whose matplotlib the floor does not load)"
    )
    print(f"{len(users)} servers started at once on {psutil.cpu_count()} cores; the last one ready and run after {wall:.0f} s")
    measured = max(u.rss_mb for u in users if u.kind in ("course", "lesson") and u.rss_mb)  # a student who runs everything
    reserved = guarantee_mb()
    all_in = wall * psutil.cpu_count() / len(users)  # CPU seconds per user start, hub and proxy included
    print(
        f"\nstudents per node ({SYSTEM_RESERVE_MB} MB kept for the system; a course user measured {measured:.0f} MB at most, "
        f"deploy/config.yaml guarantees {reserved:.0f} MB; one user's start and lesson took {med['course']['cpu_s']:.1f} CPU s "
        f"in its own processes, {all_in:.1f} CPU s with the hub's share in this run):"
    )
    print("| node | students by measured use | students by the guarantee | that many signing in at once: wait on 2 / 4 / 8 cores |")
    print("| --- | --- | --- | --- |")
    for gb in NODES_GB:
        by_guarantee = students_per_node(reserved, gb)
        waits = " / ".join(f"{by_guarantee * all_in / cores:.0f} s" for cores in (2, 4, 8))
        print(f"| {gb} GB | {students_per_node(measured, gb)} | {by_guarantee} | {waits} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10, help="course users, and as many floor users (default: 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        base = Path(tmp)
        bundle = base / "release"
        release(bundle, mode="practice", langs=["en"], lessons=["01"], log=lambda line: None)
        cells = lesson_cells(bundle)
        exercises = exercise_cells(cells)
        users = []
        for i in range(1, args.users + 1):
            users += [
                UserRun(f"floor-{i:02d}", "floor", FLOOR_CELLS),
                UserRun(f"course-{i:02d}", "course", exercises),
                UserRun(f"lesson-{i:02d}", "lesson", cells),
            ]
        with running_hub(base) as hub:
            prepare_homes(hub, users, bundle)
            started = time.perf_counter()
            asyncio.run(run_class(hub, users))
            wall = time.perf_counter() - started
        print(
            f"lesson 01: {len(exercises)} set-up and exercise cells per course user, all {len(cells)} code cells per lesson user; "
            f"floor: {FLOOR_CELLS[0]!r}; machine: "
            f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 1024**3:.0f} GB\n"
        )
        report(users, wall)


if __name__ == "__main__":
    main()
