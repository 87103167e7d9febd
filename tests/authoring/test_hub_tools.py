"""Tools for a class on JupyterHub: nbgitpuller links for a release's own notebooks, and which release grading takes from a home."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

from course.authoring.links import check_addresses, nbgitpuller_links, repo_folder
from course.authoring.release import release
from course.grading.choosing import _choose_mode


def _query(link: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(link).query)


def test_links_name_the_folder_nbgitpuller_pulls_into():
    assert repo_folder("https://github.com/dosen/gg-release.git") == "gg-release"
    assert repo_folder("file:///srv/course/gg-quiz/") == "gg-quiz"
    (notebook, link), *_ = nbgitpuller_links("https://hub.example.ac.id", "https://github.com/dosen/gg-release.git", langs=["id"])
    query = _query(link)
    assert query["targetpath"] == ["gg-release"], "without it nbgitpuller would clone into 'gg-release.git'"
    assert query["urlpath"] == [f"lab/tree/gg-release/{notebook}"]


def test_links_follow_the_release_manifest(tmp_path):
    practice, quiz = tmp_path / "gg-practice", tmp_path / "gg-quiz"
    release(practice, mode="practice", langs=["en", "id"], lessons=["01"], log=lambda line: None)
    release(quiz, mode="assessment", langs=["en"], lessons=["01"], log=lambda line: None)
    run = [sys.executable, "-m", "course", "links", "--hub", "http://127.0.0.1:8000", "--repo"]
    out = subprocess.run([*run, "file:///srv/gg-practice", "--release", str(practice), "--lang", "id"], capture_output=True, text=True)
    assert out.returncode == 0 and not out.stderr
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert [r[0] for r in rows] == ["notebooks/id/01-good-governance-and-public-policy.ipynb"]
    assert _query(rows[0][1])["repo"] == ["file:///srv/gg-practice"]
    out = subprocess.run([*run, "https://git.example.ac.id/dosen/gg-quiz.git", "--release", str(quiz)], capture_output=True, text=True)
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert [r[0] for r in rows] == ["notebooks/en/01-quiz.ipynb"]
    assert _query(rows[0][1])["urlpath"] == ["lab/tree/gg-quiz/notebooks/en/01-quiz.ipynb"]
    assert json.loads((quiz / "release.json").read_text())["notebooks"] == ["notebooks/en/01-quiz.ipynb"]


def test_links_errors_are_one_line(tmp_path):
    run = [sys.executable, "-m", "course", "links", "--hub", "https://hub.example.ac.id", "--repo", "https://example.ac.id/r"]
    out = subprocess.run([*run, "--release", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 1 and "release.json: cannot be read. Fix:" in out.stdout and not out.stderr
    (tmp_path / "release.json").write_text("{}")
    out = subprocess.run([*run, "--release", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 1 and "is not a release manifest" in out.stdout
    assert check_addresses("https://hub.example.ac.id", "ssh://git@example.ac.id/r") is not None
    assert check_addresses("https://hub.example.ac.id", "https://") is not None
    assert check_addresses("http://127.0.0.1:8000", "file:///srv/gg-release") is None


def test_a_key_file_means_the_quiz_is_graded_beside_the_practice_lesson():
    """A hub home holds both releases of lesson 00: as many practice notebooks as quiz notebooks."""

    def sub(mode, release):
        return SimpleNamespace(readable=True, lesson="00", mode=mode, release=release)

    homes = [sub("practice", "p1"), sub("assessment", "q1"), sub("practice", "p1"), sub("assessment", "q1")]
    assert _choose_mode(homes, "00") == "practice"
    assert _choose_mode(homes, "00", {"q1": object()}) == "assessment"
    assert _choose_mode(homes, "00", {"other": object()}) == "practice", "a key of another release changes nothing"
