"""Two kernels saving into one answer store at the same moment lose nothing, on any operating system.

The processes are started with ``spawn``, the only start method Windows has,
so this test runs there exactly as on Linux and macOS.
"""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from course.kernel.store import AnswerStore

ANSWERS_EACH = 100


def save_answers(path: str, prefix: str, count: int, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel: open the store, wait until the other kernel has too, then save ``count`` answers one by one."""
    store = AnswerStore.open(Path(path))
    start.wait(120)
    for number in range(count):
        store.save(f"03-{prefix}-{number}", number, 1)


def test_two_processes_saving_at_once_lose_no_answer(tmp_path):
    path = tmp_path / ".course-answers" / "lesson-03-en.json"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [context.Process(target=save_answers, args=(str(path), name, ANSWERS_EACH, start)) for name in ("left", "right")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    saved = json.loads(path.read_text(encoding="utf-8"))["answers"]
    wanted = {f"03-{name}-{number}": number for name in ("left", "right") for number in range(ANSWERS_EACH)}
    assert {key: entry["answer"] for key, entry in saved.items()} == wanted, "every answer of both kernels is on disk"
    assert AnswerStore.open(path).warning == "", "the store was never left half written"
