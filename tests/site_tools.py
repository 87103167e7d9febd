"""The course website built once per test run, with the network cut off where the system allows it (``unshare -rn``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO, HUB = "https://github.com/example/gg-release", "https://hub.example.ac.id"


@dataclass(frozen=True)
class BuiltSite:
    out: Path
    seconds: float
    offline: bool  # built inside a network namespace with no network at all
    log: str


def offline_prefix() -> list[str]:
    """``unshare -rn`` (a user and network namespace: no network) where it works here, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def build(out: Path) -> BuiltSite:
    prefix = offline_prefix()
    started = time.monotonic()
    command = [*prefix, sys.executable, "-m", "course", "site", "--out", str(out), "--repo", REPO, "--hub", HUB]
    done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltSite(out, seconds, bool(prefix), done.stdout + done.stderr)
