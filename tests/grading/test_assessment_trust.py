"""Assessment a lecturer can trust: letters mean what the student saw, the key stays with the lecturer,
the notebook decides its mode, records bind to their release, short texts are checked honestly."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
import yaml
from submission_tools import KEYWORDS_ONLY_03, outputs_text, put, records, release_quiz, run_as_student

from course.__main__ import main
from course.authoring.release import release
from course.grading.run import grade
from course.model.bank import LETTERS, bank_paths, load_bank, strip_keys
from course.model.types import Categorise, MultipleChoice, Ordering, ShortText, SingleChoice, seeded_order

ROOT = Path(__file__).resolve().parents[2]
QUIZ = "notebooks/en/00-quiz.ipynb"


# --- 1. one meaning for a letter -------------------------------------------------------------


def test_no_bank_uses_single_letter_option_keys():
    for path in bank_paths():
        for exercise in load_bank(path).exercises:
            if isinstance(exercise, SingleChoice):
                assert all(len(o.key) > 1 for o in exercise.options), exercise.id


@pytest.mark.parametrize("given", ["c", "C", " c "])
def test_a_letter_in_either_case_is_the_option_on_screen(lesson, given):
    from course.kernel import session

    s = lesson("en", number="05")
    exercise = s.bank.get("05-umbulan-partnership")
    shown = [o.key for o in exercise.display_order()]
    session.answer("05-umbulan-partnership", given)
    assert s.answers["05-umbulan-partnership"] == shown[2]


def test_several_letters_in_every_spelling(lesson):
    from course.kernel import session

    s = lesson("en", number="03")
    shown = [o.key for o in s.bank.get("03-four-targets").display_order()]
    for given in ("A, B, E", "ABE", "a b e", ["A", "b", "E"]):
        session.answer("03-four-targets", given)
        assert s.answers["03-four-targets"] == sorted([shown[0], shown[1], shown[4]]), given


def test_no_master_answers_an_option_by_a_letter_it_does_not_show():
    import re

    for notebook in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            for exercise_id, value in re.findall(r'answer\("([0-9]{2}-[a-z0-9-]+)",\s*"([A-Za-z])"\)', source):
                exercise = next(load_bank(p) for p in bank_paths() if p.name.startswith(exercise_id[:2])).get(exercise_id)
                assert "ABCDEFGHIJ".index(value.upper()) < len(exercise.display_order()), (notebook.name, exercise_id, value)


# --- 2. the key is not in the student's hands -------------------------------------------------


def _attacks(stripped: dict, master_bank) -> dict[str, list[tuple[float, float]]]:
    """(success, chance) per exercise for each strategy a student with only the release could try."""
    results: dict[str, list[tuple[float, float]]] = {
        "invert the shipped shuffle": [],
        "pick the first option": [],
        "pick the longest option": [],
        "assume authored order": [],
    }
    for item in stripped["exercises"]:
        exercise = master_bank.get(item["id"])
        if isinstance(exercise, SingleChoice):
            shown = item["options"]
            right = {o.key for o in exercise.options if o.correct}
            by_text = {o.text["en"]: o.key for o in exercise.options}
            shown_keys = [by_text[o["text"]["en"]] for o in shown]
            chance = len(right) / len(shown_keys)
            # as if the shipped order were the seeded shuffle of the authored one: run it backwards
            perm = seeded_order(item["id"], [str(i) for i in range(len(shown_keys))])
            authored_first = shown_keys[perm.index("0")]
            longest = max(shown, key=lambda o: len(o["text"]["en"]))
            results["invert the shipped shuffle"].append((float(authored_first in right), chance))
            results["pick the first option"].append((float(shown_keys[0] in right), chance))
            results["pick the longest option"].append((float(by_text[longest["text"]["en"]] in right), chance))
        elif isinstance(exercise, Ordering):
            key = [i.key for i in exercise.items]
            shipped = [i["key"] for i in item["items"]]
            results["assume authored order"].append((sum(a == b for a, b in zip(shipped, key, strict=True)) / len(key), 1 / len(key)))
        elif isinstance(exercise, Categorise):
            categories = [c.key for c in exercise.categories]
            truth = {i.key: i.category for i in exercise.items}
            guess = {i["key"]: categories[n % len(categories)] for n, i in enumerate(item["items"])}
            results["assume authored order"].append((sum(guess[k] == truth[k] for k in truth) / len(truth), 1 / len(categories)))
    return results


def test_an_attacker_with_only_the_student_release_does_no_better_than_chance():
    """Every choice, ordering and categorise exercise of every lesson, as an assessment release would ship it,
    over 60 releases (each with its own secret): no strategy beats chance by more than 10 percentage points."""
    totals: dict[str, list[tuple[float, float]]] = {}
    for path in bank_paths():
        master = load_bank(path)
        for n in range(60):
            for strategy, pairs in _attacks(_every_item(path, f"secret-{n}"), master).items():
                totals.setdefault(strategy, []).extend(pairs)
    for strategy, pairs in totals.items():
        success, chance = statistics.mean(p[0] for p in pairs), statistics.mean(p[1] for p in pairs)
        assert success <= chance + 0.10, f"{strategy}: {success:.0%} right against {chance:.0%} by chance"


def _every_item(path: Path, secret: str) -> dict:
    """The whole bank stripped as an assessment release would strip it (practice and quiz items alike)."""
    stripped_practice, _ = strip_keys(path, secret, mode="practice")
    stripped_quiz, _ = strip_keys(path, secret, mode="assessment")
    return {"exercises": stripped_practice["exercises"] + stripped_quiz["exercises"]}


@pytest.fixture(scope="module")
def quiz_release(tmp_path_factory):
    base = tmp_path_factory.mktemp("quiz")
    out = base / "quiz-00"
    manifest, key = release_quiz(out, "00")
    return out, manifest, key


def test_the_key_file_is_beside_the_release_and_nothing_inside_maps_back(quiz_release):
    out, manifest, key = quiz_release
    assert key.exists() and key.parent == out.parent and out not in key.parents
    orders = json.loads(key.read_text())["orders"]
    shipped = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file()
        and p.suffix in (".yml", ".json", ".ipynb", ".md")
        and p != out / "course" / "words.yml"  # the catalogue of words: the same in every release
    )
    assert "secret" not in json.loads((out / "release.json").read_text())
    bank = yaml.safe_load((out / "data" / "exercises" / "00-getting-started.yml").read_text(encoding="utf-8"))
    assert {e["id"] for e in bank["exercises"]} == {e.id for e in load_bank(bank_paths()[0]).exercises if e.used_in("assessment")}
    for item in bank["exercises"]:
        assert "concepts" not in item and "use" not in item
        if "options" in item:
            assert [o["key"] for o in item["options"]] == list(LETTERS[: len(item["options"])])
            assert item["id"] in orders
    assert manifest["mode"] == "assessment" and all(n.endswith("-quiz.ipynb") for n in manifest["notebooks"])
    assert "correct:" not in shipped


def test_a_practice_release_never_shows_quiz_items(tmp_path):
    release(tmp_path / "practice", mode="practice", langs=["en"], lessons=["03"], log=lambda line: None)
    bank = yaml.safe_load((tmp_path / "practice" / "data" / "exercises" / "03-bureaucratic-reform.yml").read_text(encoding="utf-8"))
    assert bank["exercises"] and not [e for e in bank["exercises"] if "quiz" in e["id"]]
    assert not list((tmp_path / "practice" / "notebooks").rglob("*-quiz.ipynb"))
    assert not list(tmp_path.glob("practice.key-*.json")), "a practice release needs no key file"


def test_every_lesson_has_at_least_four_quiz_items_of_three_types():
    for path in bank_paths():
        quiz = [e for e in load_bank(path).exercises if e.used_in("assessment") and not e.used_in("practice")]
        assert len(quiz) >= 4 and len({e.kind for e in quiz}) >= 3, path.name


# --- 3 and 4. the notebook decides the mode; records bind to their release -------------------------


def _right_letters(key_file: Path) -> list[tuple]:
    """answer() and check() calls that answer every quiz item of lesson 00 right, with the letters the students saw."""
    orders = json.loads(key_file.read_text())["orders"]
    bank = load_bank(bank_paths()[0])
    calls = []
    for exercise in bank.exercises:
        if not exercise.used_in("assessment"):
            continue
        if isinstance(exercise, SingleChoice):
            letters = [LETTERS[orders[exercise.id]["options"].index(o.key)] for o in exercise.options if o.correct]
            calls.append(
                ("answer", exercise.id, ", ".join(sorted(letters)) if isinstance(exercise, MultipleChoice) else letters[0].lower())
            )
        elif isinstance(exercise, Categorise):
            calls.append(("answer", exercise.id, {i.key: i.category for i in exercise.items}))
        elif isinstance(exercise, Ordering):
            calls.append(("answer", exercise.id, [i.key for i in exercise.items]))
        elif isinstance(exercise, ShortText):
            calls.append(("answer", exercise.id, exercise.model_answer["en"]))
        elif exercise.kind == "truefalse":
            calls.append(("answer", exercise.id, "benar" if exercise.answer else "salah"))
        elif exercise.kind == "code":  # the quiz's code item (issue 20): the value, passed to check() as a student would
            calls.append(("check", exercise.id, exercise.expected()))
    return calls


@pytest.fixture(scope="module")
def answered_quiz(quiz_release, tmp_path_factory):
    """The quiz answered in a kernel that imports the MASTER repository's course package (as on a hub where it is installed)."""
    out, _manifest, key = quiz_release
    store = tmp_path_factory.mktemp("store")
    import os

    saved = os.environ.get("PYTHONPATH")
    nb = run_as_student(out, QUIZ, _right_letters(key), store)
    assert os.environ.get("PYTHONPATH") == saved
    return nb


def test_one_installed_engine_serves_both_modes_side_by_side_each_as_its_release_says(quiz_release, tmp_path):
    """The kernel imports the MASTER repository's course (as on a hub where it is installed); each notebook still follows its release."""
    import os
    import subprocess
    import sys

    out, manifest, _key = quiz_release
    practice = tmp_path / "practice-03"
    release(practice, mode="practice", langs=["en"], lessons=["03"], log=lambda line: None)
    practice_id = json.loads((practice / "release.json").read_text())["release"]
    code = (
        "import course\n"
        "from course.kernel.session import current_session\n"
        "course.start_lesson('{lesson}')\n"
        "s = current_session()\n"
        "print(course.__file__, s.mode, s.release, s.bank.has_keys, len(s.bank.exercises))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), COURSE_ANSWER_DIR=str(tmp_path))
    seen = {}
    for name, folder, lesson in (("assessment", out, "00"), ("practice", practice, "03")):
        result = subprocess.run(
            [sys.executable, "-c", code.format(lesson=lesson)],
            capture_output=True,
            text=True,
            env=env,
            cwd=str(folder / "notebooks" / "en"),
            timeout=120,
        )
        seen[name] = result.stdout.strip().splitlines()[-1].split()
        assert seen[name][0].startswith(str(ROOT / "course")), "the kernel imports the master package"
    quiz_items = len([e for e in load_bank(bank_paths()[0]).exercises if e.used_in("assessment")])
    practice_items = len([e for e in load_bank(bank_paths()[3]).exercises if e.used_in("practice")])
    assert seen["assessment"][1:] == ["assessment", manifest["release"], "False", str(quiz_items)]
    assert seen["practice"][1:] == ["practice", practice_id, "True", str(practice_items)]


def test_answered_quiz_records_bind_to_the_release_and_show_no_verdict(answered_quiz, quiz_release):
    _out, manifest, _key = quiz_release
    texts = "\n".join(outputs_text(answered_quiz))
    for verdict in ("Correct.", "Not quite", "Partly correct", "✔", "✘"):
        assert verdict not in texts, verdict
    assert "Your answer is recorded" in texts
    all_records = [
        o["data"]["application/vnd.course.answer+json"]
        for c in answered_quiz["cells"]
        for o in c.get("outputs", [])
        if "application/vnd.course.answer+json" in o.get("data", {})
    ]
    assert all_records and all(r["mode"] == "assessment" and r["release"] == manifest["release"] and r["format"] == 2 for r in all_records)


def test_grading_an_assessment_release_needs_its_key_and_then_scores_what_the_students_saw(answered_quiz, quiz_release, tmp_path, capsys):
    _out, manifest, key = quiz_release
    subs = tmp_path / "subs"
    put(subs, "3001_00-quiz.ipynb", answered_quiz)
    assert main(["grade", str(subs), "--out", str(tmp_path / "no-key")]) == 1
    said = capsys.readouterr().out.strip().splitlines()
    assert len(said) == 1 and "--key" in said[0] and manifest["release"] in said[0]
    assert not (tmp_path / "no-key").exists(), "nothing was written"
    run = grade(subs, tmp_path / "grades", keys=[key], show_progress=False)
    row = run.graded[0]
    quiz = [e for e in load_bank(bank_paths()[0]).exercises if e.used_in("assessment")]
    assert [e.id for e, _, _, _ in row.rows] == [e.id for e in quiz], "an assessment run grades the quiz items"
    assert row.points == sum(e.points for e in quiz), [(e.id, r.status) for e, _, r, _ in row.rows]


def test_records_from_another_release_or_mode_and_identical_answers_are_reported(answered_quiz, quiz_release, tmp_path):
    import copy

    from course.model.record import sign

    _out, _manifest, key = quiz_release
    subs = tmp_path / "subs"
    put(subs, "3001_00-quiz.ipynb", answered_quiz)
    put(subs, "3002_00-quiz.ipynb", answered_quiz)  # the same answers handed in twice
    other = copy.deepcopy(answered_quiz)
    for cell in other["cells"]:
        for output in cell.get("outputs", []):
            rec = output.get("data", {}).get("application/vnd.course.answer+json")
            if rec:
                rec.update(release="abcdef123456", mode="practice")
                sign(rec)
    put(subs, "3003_00-quiz.ipynb", other)
    run = grade(subs, tmp_path / "grades", keys=[key], show_progress=False)
    assert [line for line in run.report if line.startswith("3003_") and "made in practice mode" in line]
    assert [line for line in run.report if line.startswith("3003_") and "another release (abcdef123456)" in line]
    assert [line for line in run.report if line.startswith("note: 3 students handed in identical answers") and "(3001, 3002, 3003)" in line]


# --- 5. short text is checked honestly ---------------------------------------------------------


def test_a_pasted_glossary_or_a_keyword_list_needs_review_not_full_marks():
    glossary = (ROOT / "data" / "glossary.csv").read_text(encoding="utf-8")
    words = " ".join(glossary.split()[:3000])
    checked = 0
    for path in bank_paths():
        for exercise in load_bank(path).exercises:
            if isinstance(exercise, ShortText):
                result = exercise.check(words)
                assert result.status == "review" and result.score == 0, exercise.id
                phrases = [p.rstrip("*") for c in exercise.rubric for p in c.any[:2]]
                stuffed = exercise.check(" ".join(phrases * 2))
                assert stuffed.status == "review" and stuffed.score == 0, (exercise.id, phrases)
                checked += 1
    assert checked >= 7


def test_text_feedback_says_the_check_is_about_coverage_not_quality():
    exercise = next(e for e in load_bank(bank_paths()[3]).exercises if isinstance(e, ShortText))
    result = exercise.check(exercise.model_answer["en"])
    assert result.status == "correct"
    assert any("coverage of the points, not for the quality" in line["en"] for line in result.feedback)


def test_the_policy_brief_rubric_does_not_reward_what_lesson_04_calls_tokenism():
    brief = load_bank(bank_paths()[6]).get("06-policy-brief")
    accepted = " ".join(p for c in brief.rubric for p in c.any).lower()
    for word in ("hearing", "dengar pendapat", "sosialisasi"):
        assert word not in accepted, word


def test_review_lands_in_the_gradebook(lesson03, tmp_path):
    import copy
    import csv
    import io

    from course.model.record import sign

    nb = copy.deepcopy(lesson03.right)
    for rec in records(nb, "03-accountability-where"):
        rec["answer"] = KEYWORDS_ONLY_03
        sign(rec)
    put(tmp_path / "subs", "2001_03.ipynb", nb)
    run = grade(tmp_path / "subs", tmp_path / "out", show_progress=False)
    row = next(csv.DictReader(io.StringIO((tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert row["needs_review"] == "03-accountability-where" and row["03-accountability-where"] == "0"
    assert [line for line in run.report if "03-accountability-where: the short text needs your review" in line]
