"""People grade prose (issue 20, points 2 and 8): a quiz's short texts go to the lecturer's review sheet,
whose points count on the next run; copying is reported, never penalised.

The attack replayed: one generic 80-word paragraph, the same for every question, got full marks
on all four quiz text items, and an answer arguing the opposite of the model answer got 2 of 2.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lms_tools import moodle_path, moodle_worksheet, moodle_worksheet_import
from submission_tools import forge, put, run_as_student

from course.authoring.release import key_path, release
from course.grading.run import LmsOptions, grade
from course.model.bank import bank_paths, load_bank

GENERIC = (
    "In my view the process here is not yet real good governance, merely a first step. "
    "Officials should follow clear guidelines and procedures so that every citizen gets the same fair treatment and their rights. "
    "Values such as integrity, the structure of institutions and staff training all matter. "
    "Residents and the office should decide together on goals and budget, binding both sides, "
    "and people deserve feedback explaining each decision. That is how I would judge any public program here today."
)
OPPOSITE = (
    "This forum is already real co-steering, not tokenism. The office rightly decides alone on the goals, priorities and budget, "
    "and decision power should never be shared or binding, because residents lack the expertise "
    "and their votes would slow every project down."
)
TEXT_ITEMS = {"01": "01-quiz-free-care", "02": "02-quiz-drainage-design", "03": "03-quiz-app-only-reform", "04": "04-quiz-judge-forum"}
FORUM = TEXT_ITEMS["04"]


@pytest.fixture(scope="module")
def quizzes(tmp_path_factory) -> tuple[dict[str, dict], Path]:
    """An assessment release of lessons 01 to 04, each quiz run in a kernel and saved unanswered (the records a student's file holds)."""
    base = tmp_path_factory.mktemp("quizzes")
    out = base / "quiz"
    release(out, mode="assessment", langs=["en"], lessons=list(TEXT_ITEMS), log=lambda line: None)
    manifest = json.loads((out / "release.json").read_text())
    saved = {lesson: run_as_student(out, f"notebooks/en/{lesson}-quiz.ipynb", [], base / f"store-{lesson}") for lesson in TEXT_ITEMS}
    return saved, key_path(out, manifest["release"])


def answered(nb: dict, answers: dict[str, object]) -> dict:
    """The saved quiz with these answers recorded (as a student's kernel records them: signed, one attempt)."""
    for exercise, answer in answers.items():
        nb = forge(nb, exercise, answer=answer, attempts=1)
    return nb


def table(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding=encoding), newline=""), delimiter=delimiter))


def test_the_generic_paragraph_and_the_opposite_claim_earn_no_automatic_points_and_wait_in_the_review_sheet(quizzes, tmp_path):
    saved, key = quizzes
    for lesson, item in TEXT_ITEMS.items():
        exercise = load_bank(bank_paths()[int(lesson)]).get(item)
        # The attack once earned full marks from the keywords alone; since the round-4 keyword rule (no key from the
        # question, no bare generic word) some rubrics give it less, and the review sheet must hold it whatever it scores.
        assert len(GENERIC.split()) == 80
        subs, out = tmp_path / f"subs-{lesson}", tmp_path / f"out-{lesson}"
        put(subs, f"3001_{lesson}-quiz.ipynb", answered(saved[lesson], {item: GENERIC}))
        if lesson == "04":
            # Since the keyword check ignores a phrase right after a negation ("never be shared or binding"), the
            # opposite claim no longer earns every keyword point; the review sheet holds it either way.
            assert exercise.check(OPPOSITE).score < 1.0
            put(subs, "3002_04-quiz.ipynb", answered(saved[lesson], {item: OPPOSITE}))
        run = grade(subs, out, keys=[key], show_progress=False)
        for g in run.graded:
            row = next(r for r in g.rows if r[0].id == item)
            assert (row[2].status, row[3]) == ("review", 0), (lesson, g.submission.student)
            assert g.points == 0
        book = {r["student"]: r for r in table(out / "gradebook.csv")}
        assert all(r["needs_review"] == item and r[item] == "0" and r["points"] == "0" for r in book.values()), lesson
        sheet = table(out / f"review-{lesson}-quiz.csv")
        assert [(r["student"], r["exercise"], r["points"], r["max_points"]) for r in sheet] == [
            (student, item, "", f"{exercise.points:g}") for student in sorted(book)
        ]
        assert sheet[0]["answer"] == GENERIC and sheet[0]["words"] == "80" and sheet[0]["model_answer"] == exercise.model_answer["en"]
        assert sheet[0]["answer_digest"].startswith("sha256:")
        assert (out / f"review-{lesson}-quiz" / f"{item}.html").exists() and (out / f"review-{lesson}-quiz" / "index.html").exists()
        assert [line for line in run.report if "wait for your points in " + f"review-{lesson}-quiz.csv" in line]


CLASS = [  # full name, participant, what the student wrote for the forum item
    ("Ani Lestari", 1234567, GENERIC),
    ("Budi Santoso", 1234568, OPPOSITE),
    ("Ni Luh Putu Ayu", 1234569, '=HYPERLINK("http://x") ' + GENERIC),
    ("Dewi Sartika", 1234570, OPPOSITE.replace("residents", "warga’s residents")),
]
GIVEN = {"ani@univ.ac.id": "1,5", "budi@univ.ac.id": "", "ayu@univ.ac.id": "5", "dewi@univ.ac.id": "2"}


def lecturer_fills(path: Path, points: dict[str, str]) -> None:
    """The lecturer opens the sheet in an Indonesian Excel, types the points and saves it: ';', decimal commas, Windows-1252."""
    rows = table(path)
    for row in rows:
        row["points"] = points.get(row["student"], row["points"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252", errors="replace"))


@pytest.fixture
def moodle_class(quizzes, tmp_path):
    saved, key = quizzes
    subs = tmp_path / "subs"
    for name, participant, text in CLASS:
        put(subs, moodle_path(name, participant, "04-quiz.ipynb"), answered(saved["04"], {FORUM: text, "04-quiz-night-watch": False}))
    worksheet = moodle_worksheet(tmp_path / "worksheet.csv")
    return subs, tmp_path / "out", key, worksheet


def test_points_typed_in_an_indonesian_excel_count_in_the_gradebook_the_feedback_page_and_the_moodle_worksheet(moodle_class):
    subs, out, key, worksheet = moodle_class
    lms = LmsOptions(moodle_worksheet=worksheet)
    first = grade(subs, out, keys=[key], show_progress=False, lms=lms)
    base = {g.submission.student: g.points for g in first.graded}
    sheet = out / "review-04-quiz.csv"
    written = table(sheet)
    ayu = next(r for r in written if r["student"] == "ayu@univ.ac.id")
    assert ayu["answer"].startswith("'=HYPERLINK"), "a formula in an answer is written as text"
    lecturer_fills(sheet, GIVEN)

    run = grade(subs, out, keys=[key], show_progress=False, lms=lms)
    maximum = sum(e.points for e in load_bank(bank_paths()[4]).for_mode("assessment").exercises)
    book = {r["student"]: r for r in table(out / "gradebook.csv")}
    assert book["ani@univ.ac.id"][FORUM] == "1.5" and float(book["ani@univ.ac.id"]["points"]) == base["ani@univ.ac.id"] + 1.5
    assert book["ani@univ.ac.id"]["needs_review"] == "" and book["dewi@univ.ac.id"][FORUM] == "2"
    assert book["budi@univ.ac.id"]["needs_review"] == FORUM and book["budi@univ.ac.id"][FORUM] == "0", "an empty row keeps waiting"
    assert book["ayu@univ.ac.id"]["needs_review"] == FORUM and book["ayu@univ.ac.id"][FORUM] == "0", "5 of 2 is not used"
    budi = next(g for g in run.graded if g.submission.student == "budi@univ.ac.id")
    assert next(r[2].status for r in budi.rows if r[0].id == FORUM) == "review"
    refused = [line for line in run.report if "review-04-quiz.csv row" in line and "'5' is not a number of points from 0 to 2" in line]
    assert len(refused) == 1 and "ayu@univ.ac.id" in refused[0]
    assert [line for line in run.report if "the points you gave in review-04-quiz.csv were counted for 2 answers" in line]

    page = next((out / "feedback" / "04-quiz").glob("ani*.html")).read_text(encoding="utf-8")
    assert "Points your lecturer gave after reading your answer: 1.5 of 2." in page
    assert f"{base['ani@univ.ac.id'] + 1.5:g} / {maximum:g}" in page

    data = (out / "moodle" / "grading-worksheet-04-quiz.csv").read_bytes()
    taken = moodle_worksheet_import(data, "utf-8", "comma", {"1234567", "1234568"}, 100)
    assert taken["1234567"][0] == pytest.approx(round(100 * (base["ani@univ.ac.id"] + 1.5) / maximum, 2), abs=0.01)
    assert taken["1234568"][0] == pytest.approx(round(100 * base["budi@univ.ac.id"] / maximum, 2), abs=0.01)

    again = table(sheet, "utf-8-sig", ";")
    assert {r["student"]: r["points"] for r in again} == {**GIVEN, "ani@univ.ac.id": "1,5", "budi@univ.ac.id": ""}
    assert next(r for r in again if r["student"] == "ayu@univ.ac.id")["answer"].startswith("'=HYPERLINK"), "guarded again"


def test_a_changed_answer_does_not_inherit_the_points_given_to_the_old_one(moodle_class, quizzes):
    subs, out, key, worksheet = moodle_class
    lms = LmsOptions(moodle_worksheet=worksheet)
    grade(subs, out, keys=[key], show_progress=False, lms=lms)
    lecturer_fills(out / "review-04-quiz.csv", GIVEN)
    late = answered(quizzes[0]["04"], {FORUM: GENERIC + " I changed my mind after the deadline."})
    put(subs, moodle_path("Dewi Sartika", 1234570, "04-quiz.ipynb"), late)
    run = grade(subs, out, keys=[key], show_progress=False, lms=lms)
    book = {r["student"]: r for r in table(out / "gradebook.csv")}
    assert book["dewi@univ.ac.id"][FORUM] == "0" and book["dewi@univ.ac.id"]["needs_review"] == FORUM
    changed = [line for line in run.report if "dewi@univ.ac.id" in line and "the answer changed since the sheet was written" in line]
    assert len(changed) == 1 and "your 2 points were not used" in changed[0]
    row = next(r for r in table(out / "review-04-quiz.csv", "utf-8-sig", ";") if r["student"] == "dewi@univ.ac.id")
    assert row["points"] == "" and row["answer"].endswith("after the deadline.")
    page = (out / "review-04-quiz" / f"{FORUM}.html").read_text(encoding="utf-8")
    assert "The answer changed since you gave points" in page


def test_a_sheet_with_its_digests_wiped_gives_no_points_and_says_why(moodle_class):
    subs, out, key, _ = moodle_class
    grade(subs, out, keys=[key], show_progress=False)
    rows = table(out / "review-04-quiz.csv")
    for row in rows:
        row["points"], row["answer_digest"] = "1", ""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=list(rows[0])).writeheader()
    csv.DictWriter(buffer, fieldnames=list(rows[0])).writerows(rows)
    (out / "review-04-quiz.csv").write_text(buffer.getvalue(), encoding="utf-8")
    run = grade(subs, out, keys=[key], show_progress=False)
    assert all(g.points == 0 for g in run.graded)
    assert len([line for line in run.report if "the answer_digest cell is empty" in line]) == len(CLASS)


def test_an_unreadable_sheet_stops_the_run_before_anything_is_written(moodle_class):
    from course.errors import CourseError

    subs, out, key, _ = moodle_class
    grade(subs, out, keys=[key], show_progress=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "review-04-quiz.csv").write_text("name;mark\nAni;2\n", encoding="utf-8")
    before[out / "review-04-quiz.csv"] = (out / "review-04-quiz.csv").read_bytes()
    with pytest.raises(CourseError) as error:
        grade(subs, out, keys=[key], show_progress=False)
    assert "review-04-quiz.csv" in str(error.value) and "no column" in str(error.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_identical_long_texts_and_a_partly_identical_answer_set_are_reported_without_penalty(quizzes, tmp_path):
    saved, key = quizzes
    bank = load_bank(bank_paths()[4])
    sort_cases = bank.get("04-quiz-sort-cases")
    lumped = {item.key: sort_cases.categories[0].key for item in sort_cases.items}  # every case in one category: partly wrong
    wrong_tf = not bank.get("04-quiz-night-watch").answer
    subs = tmp_path / "subs"
    put(subs, "3101_04-quiz.ipynb", answered(saved["04"], {FORUM: OPPOSITE}))
    put(subs, "3102_04-quiz.ipynb", answered(saved["04"], {FORUM: "  " + OPPOSITE.upper().replace(" ", "\n  ")}))
    put(
        subs,
        "3103_04-quiz.ipynb",
        answered(
            saved["04"], {FORUM: "No idea.", "04-quiz-sort-cases": lumped, "04-quiz-night-watch": wrong_tf, "04-quiz-market-forum": "A"}
        ),
    )
    put(
        subs,
        "3104_04-quiz.ipynb",
        answered(
            saved["04"], {FORUM: "no idea", "04-quiz-sort-cases": lumped, "04-quiz-night-watch": wrong_tf, "04-quiz-market-forum": "B"}
        ),
    )
    put(subs, "3105_04-quiz.ipynb", answered(saved["04"], {FORUM: GENERIC}))
    run = grade(subs, tmp_path / "out", keys=[key], show_progress=False)
    texts = [line for line in run.report if line.startswith("note: 2 students wrote the same text")]
    assert len(texts) == 1 and f"for {FORUM} (3101, 3102)" in texts[0] and "of 41 words" in texts[0]
    shared = [line for line in run.report if line.startswith("note: 3103 and 3104 gave the same uncommon answers to 3 exercises")]
    assert len(shared) == 1 and "04-quiz-night-watch" in shared[0] and "04-quiz-sort-cases" in shared[0]
    assert not [line for line in run.report if "3105" in line and line.startswith("note:")]
    assert not [line for line in run.report if "identical answers" in line], "no whole set is the same"


def test_practice_keeps_the_keyword_check_worded_as_coverage_and_writes_no_review_sheet(lesson03, tmp_path):
    put(tmp_path / "subs", "2001_03-bureaucratic-reform.ipynb", lesson03.right)
    run = grade(tmp_path / "subs", tmp_path / "out", show_progress=False)
    row = next(r for r in run.graded[0].rows if r[0].id == "03-accountability-where")
    assert (row[2].status, row[3]) == ("correct", row[0].points), "practice points stay automatic"
    page = (tmp_path / "out" / "feedback" / "03" / "2001.html").read_text(encoding="utf-8")
    assert "The keyword check found words for 2 of the 2 points (a hint, not a grade):" in page
    assert "✔ An argument for process" in page and "coverage of the points, not for the quality of the writing" in page
    assert not list((tmp_path / "out").glob("review-*"))
