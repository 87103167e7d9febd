"""Fixtures for the browser tests: a JupyterLab server, headless Chromium, screenshots.

Screenshots go to ``test-artifacts/screenshots`` (look at them after a run).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.labserver import ROOT, chromium, running_lab

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the visible page as a test artifact and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
