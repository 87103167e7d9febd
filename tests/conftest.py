"""Fixtures the grading tests share: a released lesson answered in a real kernel, once per test run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from submission_tools import SORT_MEASURES_RIGHT, run_as_student

from course.authoring.release import release
from course.kernel import session

# CI replays the same examples every run (a red CI must be reproducible); a developer's runs explore new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

LESSON03 = "notebooks/en/03-bureaucratic-reform.ipynb"
RIGHT03 = [
    ("answer", "03-harmonization", "same-copy"),
    ("answer", "03-four-targets", ["budget"]),
    ("answer", "03-sort-measures", SORT_MEASURES_RIGHT),
    ("answer", "03-mapping-in-law", "regulations"),
    (
        "answer",
        "03-accountability-where",
        "Accountability is about process: agencies plan, measure and report performance, "
        "and about values, because officials must take responsibility with integrity. "
        "Both targets matter, since reports from dishonest officials mean little to citizens.",
    ),
    ("answer", "03-reform-cascade", ["grand-design", "national-road-map", "agency-road-map", "self-assessment", "evaluation"]),
]
ATTACKS03 = [  # shapes the grader cannot take: the kernel must refuse them (nothing recorded)
    ("answer", "03-reform-cascade", [["grand-design"]]),
    ("answer", "03-sort-measures", {"integrity-pact": ["value"]}),
    ("check", "03-cpi-change", {"__kind__": "series"}),
    ("answer", "03-cpi-sources", "no idea"),
]
PARTIAL03 = [
    ("answer", "03-harmonization", "uniform"),
    ("answer", "03-four-targets", ["budget", "drop-structure"]),
    ("answer", "03-cpi-sources", True),
]


@dataclass
class AnsweredClass:
    """A practice release of lesson 03 and notebooks saved by students who answered it in a kernel."""

    bundle: Path
    right: dict
    partial: dict
    attacked: dict


@pytest.fixture(scope="session")
def lesson03(tmp_path_factory) -> AnsweredClass:
    base = tmp_path_factory.mktemp("lesson03")
    bundle = base / "release"
    release(bundle, mode="practice", langs=["en"], lessons=["03"], log=lambda line: None)
    right = run_as_student(bundle, LESSON03, RIGHT03, base / "s1", code={"change": "-3", "grades": '["A", "D"]'})
    partial = run_as_student(bundle, LESSON03, PARTIAL03, base / "s2", code={"change": "-7.5"})
    attacked = run_as_student(bundle, LESSON03, RIGHT03[:2] + ATTACKS03, base / "s3")
    return AnsweredClass(bundle, right, partial, attacked)


@pytest.fixture
def lesson(tmp_path, monkeypatch):
    """A lesson (00 unless told) in a fresh 'kernel' with its own answer store; captures displays."""
    monkeypatch.setenv("COURSE_ANSWER_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    shown: list[dict] = []
    updates: list[tuple[dict, str]] = []
    monkeypatch.setattr(session, "display", lambda obj, raw=False, display_id=None: shown.append({"obj": obj, "id": display_id}))
    monkeypatch.setattr(session, "update_display", lambda obj, raw=False, display_id=None: updates.append((obj, display_id)))
    monkeypatch.setattr(session, "_session", None)

    def start(lang="en", mode=None, number="00"):
        session.start_lesson(number, lang=lang, mode=mode)
        return session._session

    start.shown, start.updates, start.store_dir = shown, updates, tmp_path / "answers"
    return start


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course website, built once (tests/site_tools.py): tests/authoring/test_site.py, tests/browser/test_site_widths.py."""
    from site_tools import build

    return build(tmp_path_factory.mktemp("site") / "public")
