"""``release --out`` never destroys a lecturer's files.

It writes into a new or empty folder, or replaces an unchanged earlier release whole.
"""

from __future__ import annotations

import json

import pytest

from course.__main__ import main
from course.authoring.release import release
from course.errors import CourseError


def quiet(out, **kw):
    return release(out, log=lambda line: None, langs=["en"], **kw)


def test_a_folder_with_the_lecturers_own_files_is_refused_and_left_alone(tmp_path, capsys):
    out = tmp_path / "week3"
    out.mkdir()
    (out / "grades-2025.xlsx").write_bytes(b"precious")
    (out / "notes").mkdir()
    (out / "notes" / "ideas.md").write_text("mine")
    assert main(["release", "--out", str(out), "--lessons", "00"]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "holds files that are not a release of this course" in printed[0] and "nothing was changed" in printed[0]
    assert sorted(p.name for p in out.iterdir()) == ["grades-2025.xlsx", "notes"]
    assert (out / "grades-2025.xlsx").read_bytes() == b"precious" and (out / "notes" / "ideas.md").read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".week3")], "no build folder is left behind"


def test_an_earlier_release_is_replaced_whole_and_its_git_folder_kept(tmp_path):
    out = tmp_path / "release"
    quiet(out, lessons=["00", "03"])
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    quiet(out, lessons=["03"], mode="assessment")
    manifest = json.loads((out / "release.json").read_text())
    assert manifest["lessons"] == ["03"] and manifest["mode"] == "assessment"
    assert not (out / "notebooks" / "en" / "00-getting-started.ipynb").exists(), "nothing of the old release lingers"
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n", "a release published with git stays a repository"
    assert set(manifest["files"]) == {
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".git" not in p.parts and p.name != "release.json"
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".release")]


@pytest.mark.parametrize("change", ["edit a notebook", "add student answers", "delete a bank"])
def test_an_earlier_release_with_student_work_in_it_is_refused(tmp_path, change):
    out = tmp_path / "student"
    quiet(out, lessons=["00"])
    notebook = out / "notebooks" / "en" / "00-getting-started.ipynb"
    if change == "edit a notebook":
        notebook.write_text(notebook.read_text().replace("None", "127", 1))
    elif change == "add student answers":
        (out / ".course-answers").mkdir()
        (out / ".course-answers" / "lesson-00-en.json").write_text("{}")
    else:
        next((out / "data" / "exercises").glob("*.yml")).unlink()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(CourseError, match="student work"):
        quiet(out, lessons=["00"])
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_file_or_a_link_as_target_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(CourseError, match="is not a folder"):
        quiet(target, lessons=["00"])
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(CourseError, match="is not a folder"):
        quiet(link, lessons=["00"])
    assert target.read_text() == "x"


def test_a_full_disk_while_building_changes_nothing(tmp_path, monkeypatch):
    import errno

    import course.authoring.release as rel

    out = tmp_path / "release"
    quiet(out, lessons=["00"])
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rel, "student_notebook", full)
    with pytest.raises(CourseError, match="No space left on device"):
        quiet(out, lessons=["00"])
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".release")]


def _stamps(folder):
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))["metadata"]["course"]["release"] for p in (folder / "notebooks").rglob("*.ipynb")
    }


def test_updating_a_practice_release_keeps_its_id_so_earlier_answers_stay_valid(tmp_path):
    out = tmp_path / "gg-release"
    release(out, mode="practice", langs=["en"], lessons=["00"], log=lambda line: None)
    first = json.loads((out / "release.json").read_text(encoding="utf-8"))["release"]
    lines = []
    release(out, mode="practice", langs=["en"], lessons=["00", "01"], log=lines.append)
    assert json.loads((out / "release.json").read_text(encoding="utf-8"))["release"] == first
    assert set(_stamps(out).values()) == {first}, "a notebook merged by nbgitpuller keeps a stamp its records agree with"
    assert any(f"updating release {first} in place" in line for line in lines)


def test_updating_an_assessment_release_keeps_what_every_letter_means(tmp_path):
    out = tmp_path / "quiz"
    release(out, mode="assessment", langs=["en"], lessons=["03"], log=lambda line: None)
    first = json.loads((out / "release.json").read_text(encoding="utf-8"))["release"]
    key = out.parent / f"quiz.key-{first}.json"
    before = json.loads(key.read_text(encoding="utf-8"))["orders"]
    release(out, mode="assessment", langs=["en"], lessons=["03", "04"], log=lambda line: None)
    after = json.loads(key.read_text(encoding="utf-8"))
    assert after["release"] == first and set(after["lessons"]) == {"03", "04"}
    assert {k: v for k, v in after["orders"].items() if k.startswith("03-")} == before, "the same letters mean the same options"
    assert any(k.startswith("04-") for k in after["orders"])


def test_an_assessment_update_without_its_key_file_becomes_a_new_release(tmp_path):
    out = tmp_path / "quiz"
    release(out, mode="assessment", langs=["en"], lessons=["03"], log=lambda line: None)
    first = json.loads((out / "release.json").read_text(encoding="utf-8"))["release"]
    (out.parent / f"quiz.key-{first}.json").unlink()
    lines = []
    release(out, mode="assessment", langs=["en"], lessons=["03"], log=lines.append)
    assert json.loads((out / "release.json").read_text(encoding="utf-8"))["release"] != first
    assert any("could not be read: this is a new release" in line for line in lines)
