"""Issue 20, point 7: releasing again into the same folder adds to its one key file and never drops what students saw."""

from __future__ import annotations

import itertools
import json

import pytest
import yaml
from key_tools import bank_copy, bank_file, change_item, key_json, known_secrets, quiz_item, release_id

from course.authoring.release import key_path, release
from course.authoring.student_notebooks import ReleaseError
from course.errors import CourseError
from course.grading.keys import read_keys
from course.model import values
from course.model.bank import load_bank


def quiet(out, lessons=("03",), lines=None, **kw):
    return release(out, mode="assessment", langs=["en"], lessons=list(lessons), log=(lines.append if lines is not None else print), **kw)


def _stamps(out):
    return {json.loads(p.read_text(encoding="utf-8"))["metadata"]["course"]["release"] for p in (out / "notebooks").rglob("*.ipynb")}


def test_every_release_into_a_folder_is_appended_and_nothing_earlier_changes(tmp_path, monkeypatch):
    banks = bank_copy(tmp_path, monkeypatch)
    known_secrets(monkeypatch)
    single, sort = quiz_item(banks, "03", "single"), quiz_item(banks, "03", "categorise")
    out = tmp_path / "quiz"
    lines: list[str] = []
    quiet(out, lines=lines)
    first = release_id(out)
    key = key_path(out, first)
    history = [key_json(key)]

    quiet(out, lines=lines)  # nothing changed: the same release, the same file
    assert release_id(out) == first and any(f"updating release {first} in place" in line for line in lines)
    history.append(key_json(key))
    assert history[1]["releases"] == history[0]["releases"]

    quiet(out, lessons=("03", "04"), lines=lines)  # a lesson added: it joins the release students already have
    assert release_id(out) == first
    history.append(key_json(key))

    change_item(banks, "03", single["id"], lambda i: i["options"].append({"key": "added", "text": {"en": "Added", "id": "Ditambah"}}))
    quiet(out, lessons=("03", "04"), lines=lines)
    second = release_id(out)
    assert second != first and any(f"release {first} updated as {second}" in line and single["id"] in line for line in lines)
    history.append(key_json(key))

    def move_an_item(item):
        moved = item["items"][0]
        moved["category"] = next(c["key"] for c in item["categories"] if c["key"] != moved["category"])

    change_item(banks, "03", sort["id"], move_an_item)
    quiet(out, lessons=("03", "04"), lines=lines)  # the file is found through release.json's first_release
    third = release_id(out)
    history.append(key_json(key))

    manifest = json.loads((out / "release.json").read_text(encoding="utf-8"))
    assert manifest["first_release"] == first and manifest["release"] == third and _stamps(out) == {third}
    assert sorted(p.name for p in tmp_path.glob("quiz.key-*.json")) == [key.name], "one key file for the folder"
    assert [r["release"] for r in history[-1]["releases"]] == [first, second, third]
    for before, after in itertools.pairwise(history):
        for old, new in zip(before["releases"], after["releases"], strict=False):
            assert old["release"] == new["release"]
            for field in ("orders", "versions"):
                assert {k: new[field][k] for k in old[field]} == old[field], "nothing a release showed is changed or dropped"
        assert before["items"].items() <= after["items"].items()
    r1, r2, r3 = history[-1]["releases"]
    assert any(k.startswith("04-") for k in r1["orders"]), "lesson 04 joined the first release"
    assert r2["versions"][single["id"]] != r1["versions"][single["id"]] and r2["versions"][sort["id"]] == r1["versions"][sort["id"]]
    assert r3["versions"][sort["id"]] != r2["versions"][sort["id"]] and r3["orders"][sort["id"]] == r2["orders"][sort["id"]]
    assert "orders" not in manifest and "items" not in manifest and not list(out.rglob("*.key-*.json"))
    assert '"correct"' not in (out / "release.json").read_text(encoding="utf-8")


def test_a_key_file_of_another_folder_is_added_to_never_written_over(tmp_path, monkeypatch):
    bank_copy(tmp_path, monkeypatch)
    known_secrets(monkeypatch)
    shared = tmp_path / "keys" / "course.key.json"
    quiet(tmp_path / "class-a", lines=[], key=shared)
    quiet(tmp_path / "class-b", lines=[], key=shared)
    ids = [release_id(tmp_path / "class-a"), release_id(tmp_path / "class-b")]
    assert ids[0] != ids[1] and [r["release"] for r in key_json(shared)["releases"]] == ids


@pytest.mark.parametrize("content", [b"my grades, not a key file", b'{"format": 7}', b""])
def test_a_file_in_the_key_files_place_that_is_not_one_is_refused_and_left_alone(tmp_path, monkeypatch, content):
    bank_copy(tmp_path, monkeypatch)
    mine = tmp_path / "grades.json"
    mine.write_bytes(content)
    with pytest.raises(ReleaseError) as error:
        quiet(tmp_path / "quiz", lines=[], key=mine)
    assert "is not a key file" in str(error.value) and "nothing was written" in str(error.value)
    assert mine.read_bytes() == content and not (tmp_path / "quiz").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".quiz")], "no build folder is left behind"


def test_a_code_item_is_kept_in_the_key_file_as_its_value_never_as_code(tmp_path, monkeypatch):
    banks = bank_copy(tmp_path, monkeypatch)
    code = next(i for i in yaml.safe_load(bank_file(banks, "01").read_text(encoding="utf-8"))["exercises"] if "solution" in i)
    change_item(banks, "01", code["id"], lambda i: i.update(use="both"))
    out = tmp_path / "quiz"
    quiet(out, lessons=("01",), lines=[])
    data = key_json(key_path(out, release_id(out)))
    kept = data["items"][data["releases"][0]["versions"][code["id"]]]
    assert "solution" not in kept and kept["answer"] == values.to_json(load_bank(bank_file(banks, "01")).get(code["id"]).expected())
    assert not [i for i in data["items"].values() if "solution" in i]

    kept["solution"] = "__import__('os').getcwd()"  # a key file doctored to run code when grading
    key_path(out, release_id(out)).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CourseError) as error:
        read_keys([key_path(out, release_id(out))])
    assert "holds code" in str(error.value) and "\n" not in str(error.value)
