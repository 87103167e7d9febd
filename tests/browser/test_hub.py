"""A whole class on a real JupyterHub: nbgitpuller links, two students in Chromium, an update, grading from the homes.

The hub is ``deploy/jupyterhub_config.py`` in its trial mode (shared password,
``SimpleLocalProcessSpawner``, homes under a temporary folder), with
``configurable-http-proxy`` from npm; the course engine is the test's own
environment. Two releases of lesson 00 are served side by side from local git
repositories (``file://``): a practice release and an assessment release.
Nothing here reaches the internet. Screenshots go to ``test-artifacts/screenshots/hub-*``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser.conftest import screenshot
from browser.hubserver import running_hub
from browser.jlab import NOTEBOOK, cell_locator, error_outputs, restart_kernel, run_all_cells, save, wait_for_kernel_idle
from browser.labserver import CHROMIUM
from course.model.bank import bank_paths, load_bank
from course.model.record import MIME

pytestmark = pytest.mark.browser
LESSON = "notebooks/en/00-getting-started.ipynb"
QUIZ = "notebooks/en/00-quiz.ipynb"


def _option(exercise_id: str, key: str) -> str:
    """An option's English wording as the bank has it, so rewording an option does not break the test."""
    bank = load_bank(next(p for p in bank_paths() if p.name.startswith(exercise_id[:3])))
    return next(o.text["en"] for o in bank.get(exercise_id).options if o.key == key)


STUDENTS = {  # user name -> (option picked in practice, option picked in the quiz)
    "ani": (_option("00-unknown-title", "leave-empty"), _option("00-quiz-unknown-date", "leave-empty")),
    "budi": (_option("00-unknown-title", "invent-title"), _option("00-quiz-unknown-date", "usual-year")),
}
GIT = ["git", "-c", "user.name=Dosen", "-c", "user.email=dosen@example.ac.id", "-c", "init.defaultBranch=main"]


def course(*args: str) -> str:
    """Run ``python -m course ...`` as the lecturer does; return what it printed."""
    result = subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def publish(folder: Path, message: str) -> None:
    """Commit the release folder (a git repository the students pull from)."""
    if not (folder / ".git").exists():
        subprocess.run([*GIT, "init", "-q", str(folder)], check=True)
    subprocess.run([*GIT, "-C", str(folder), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(folder), "commit", "-q", "-m", message], check=True)


def link_for(hub_url: str, folder: Path, notebook: str) -> str:
    """The link ``python -m course links --release`` prints for ``notebook``."""
    out = course("links", "--hub", hub_url, "--repo", folder.as_uri(), "--release", str(folder), "--lang", "en")
    links = dict(line.split("\t") for line in out.splitlines())
    return links[notebook]


def log_in(browser, hub, user: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/(hub/spawn-pending|user)/"))
    return page


def follow(page, link: str, notebook: str) -> None:
    """Follow an nbgitpuller link and wait until the notebook is open with an idle kernel."""
    page.goto(link)
    page.wait_for_url(re.compile(r"/lab/tree/"), timeout=180_000)
    page.wait_for_function(
        f"(name) => {{ const w = window.jupyterapp && {NOTEBOOK}; return !!(w && w.context && w.context.path.endsWith(name)); }}",
        arg=notebook,
        timeout=120_000,
    )
    page.wait_for_selector(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell", state="visible")
    wait_for_kernel_idle(page, timeout=120)


def answer(page, exercise_id: str, option: str, button: str) -> str:
    """Pick ``option`` in the exercise, press ``button``; return the feedback shown."""
    block = cell_locator(page, f'show("{exercise_id}")')
    block.get_by_text(re.compile(rf"^([A-F]\. )?{re.escape(option)}$")).click()
    block.get_by_role("button", name=button).click()
    block.locator(".course-feedback:not(.course-unanswered)").first.wait_for()
    page.wait_for_timeout(300)
    return block.locator(".course-feedback").first.inner_text()


def records(path: Path, exercise_id: str) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = [o["data"][MIME] for c in nb["cells"] for o in c.get("outputs", []) if MIME in o.get("data", {})]
    return [r for r in found if r.get("exercise") == exercise_id]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed: apt-get install -y chromium")
    if shutil.which("configurable-http-proxy") is None and not os.environ.get("CI"):  # .ci/run installs it
        pytest.skip("JupyterHub's proxy is needed: npm install -g configurable-http-proxy")
    base = tmp_path_factory.mktemp("hub")
    practice, quiz = base / "lecturer" / "gg-practice", base / "lecturer" / "gg-quiz"
    course("release", "--mode", "practice", "--out", str(practice), "--lang", "en", "--lessons", "00")
    course("release", "--mode", "assessment", "--out", str(quiz), "--lang", "en", "--lessons", "00")
    publish(practice, "Lesson 00")
    publish(quiz, "Quiz 00")
    with running_hub(base) as hub:
        yield base, hub, practice, quiz


def test_a_class_on_jupyterhub(classroom, browser):
    base, hub, practice, quiz = classroom
    started = time.monotonic()
    lesson_link, quiz_link = link_for(hub.url, practice, LESSON), link_for(hub.url, quiz, QUIZ)
    # The session's Chromium (tests/browser/conftest.py): a second Playwright in one process is refused.
    pages = {}
    for user, (practice_pick, quiz_pick) in STUDENTS.items():
        page = pages[user] = log_in(browser, hub, user)
        # Practice: the lesson opens from the link, runs, answers get feedback at once, and are saved.
        follow(page, lesson_link, LESSON)
        run_all_cells(page, timeout=180)
        assert error_outputs(page) == []
        feedback = answer(page, "00-unknown-title", practice_pick, "Check")
        assert ("Correct." in feedback) == (user == "ani") and ("Not quite." in feedback) == (user == "budi")
        save(page)
        screenshot(page, f"hub-practice-{user}")
        # Assessment, same hub: the quiz records the answer without saying whether it is right.
        follow(page, quiz_link, QUIZ)
        run_all_cells(page, timeout=180)
        assert error_outputs(page) == []
        feedback = answer(page, "00-quiz-unknown-date", quiz_pick, "Save answer")
        assert "Your answer is recorded" in feedback
        assert not re.search(r"Correct|Not quite|Partly", feedback)
        save(page)
        screenshot(page, f"hub-quiz-{user}")

    for user in STUDENTS:
        home = hub.homes / user
        assert records(home / "gg-practice" / LESSON, "00-unknown-title"), f"{user}'s practice answer is in the saved notebook"
        assert records(home / "gg-quiz" / QUIZ, "00-quiz-unknown-date"), f"{user}'s quiz answer is in the saved notebook"

    # The lecturer adds lesson 01 to the practice release: an update of the same release, same id.
    old_release = json.loads((practice / "release.json").read_text())["release"]
    course("release", "--mode", "practice", "--out", str(practice), "--lang", "en", "--lessons", "00", "01")
    publish(practice, "Lessons 00 and 01")
    new_release = json.loads((practice / "release.json").read_text())["release"]
    assert new_release == old_release, "answers made before the update stay bound to the release they were made in"

    # The students follow the same link again: nbgitpuller merges, their answers are still there.
    for user, (practice_pick, _) in STUDENTS.items():
        page = pages[user]
        follow(page, lesson_link, LESSON)
        home = hub.homes / user / "gg-practice"
        assert (home / "notebooks/en/01-good-governance-and-public-policy.ipynb").is_file(), "the new lesson arrived"
        assert json.loads((home / "release.json").read_text())["release"] == new_release
        assert records(home / LESSON, "00-unknown-title"), "the saved answer survived the merge"
        restart_kernel(page)  # what comes back below comes from the merged files, not from the kernel's memory
        run_all_cells(page, timeout=180)
        block = cell_locator(page, 'show("00-unknown-title")')
        assert block.get_by_label(re.compile(rf"^([A-F]\. )?{re.escape(practice_pick)}$")).is_checked(), "the answer is back"
        screenshot(page, f"hub-after-update-{user}")
        page.context.close()
    print(f"\nhub test: two students, practice + quiz + update in {time.monotonic() - started:.0f} s")

    # The lecturer grades straight from the hub's home folders: students are their user names.
    out = base / "grades"
    report = course("grade", str(hub.homes), "--out", str(out / "practice"), "--lesson", "00")
    rows = _gradebook(out / "practice")
    assert set(rows) == {"ani", "budi"}, report
    assert "another release" not in report, "an update raises no copying note"
    assert float(rows["ani"]["points"]) > float(rows["budi"]["points"])
    keys = sorted(quiz.parent.glob("gg-quiz.key-*.json"))
    report = course("grade", str(hub.homes), "--out", str(out / "quiz"), "--lesson", "00", "--key", str(keys[-1]))
    rows = _gradebook(out / "quiz")
    assert set(rows) == {"ani", "budi"}, report
    assert {row["file"] for row in rows.values()} == {f"{user}/gg-quiz/{QUIZ}" for user in STUDENTS}, "the key file says: grade the quiz"
    assert rows["ani"]["00-quiz-unknown-date"] == "1" and rows["budi"]["00-quiz-unknown-date"] == "0"


def _gradebook(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8-sig") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}
