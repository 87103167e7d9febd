"""The exercise widgets in Python, without a kernel: set values, click, read the feedback.

Also the notebook API around them: the answer record, the answer store
(restart and corruption), assessment mode and progress().
"""

from __future__ import annotations

import html
import json
import re

from course.kernel import session
from course.kernel.render import ExerciseWidget
from course.model import record


def feedback_text(view: ExerciseWidget) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", view.feedback))


def click_check(view: ExerciseWidget, answer):
    """What the browser sends when the student presses Check."""
    view._on_message(view, {"event": "submit", "answer": answer}, [])
    return view.result


def test_single_choice_click_gives_explained_feedback_in_english_and_indonesian(lesson):
    lesson("en")
    view = session.build_view("00-run-a-cell")
    click_check(view, "ctrl-s")
    assert "Not quite." in feedback_text(view) and "Ctrl + S saves the notebook" in feedback_text(view)
    assert view.status == "incorrect"
    revision = view.revision
    click_check(view, "shift-enter")
    assert "✔ Correct." in feedback_text(view) and "Shift + Enter runs the cell" in feedback_text(view)
    assert view.revision == revision + 1, "every reply moves the revision so the browser re-enables the button"
    lesson("id")
    view = session.build_view("00-run-a-cell")
    click_check(view, "shift-enter")
    assert "Tepat." in feedback_text(view) and view.spec["labels"]["button"] == "Periksa"


def test_every_widget_type_answers_through_its_form(lesson):
    lesson("en")
    assert click_check(session.build_view("00-kind-of-source"), ["transparent"]).status == "partial"
    assert click_check(session.build_view("00-fewer-words"), False).status == "correct"
    assert click_check(session.build_view("00-steps-to-compare"), ["setup", "load", "split", "count", "ratio", "round"]).status == "correct"
    sort = session.build_view("00-concepts-by-article")
    answer = {row["key"]: ("both" if row["key"] == "good-governance" else "f") for row in sort.spec["rows"]}
    assert click_check(sort, answer).status == "partial"
    assert "belongs to Eviningrum & Budiono" in feedback_text(sort)
    text = session.build_view("00-judge-a-coding")
    judged = (
        "I would change it. The abstract says that public policies must at least be formally fulfilling society's public rights, "
        "and rights to services are fulfilled through the services that officials deliver, so the sentence is about public service."
    )
    assert click_check(text, judged).status == "correct"
    forged = session.build_view("00-unknown-title")
    assert click_check(forged, "zzz").status == "unanswered", "a forged key is refused, not recorded"
    assert "Not recorded: 'zzz' is not one of the options shown" in feedback_text(forged)
    assert "00-unknown-title" not in session._session.answers


def test_empty_submission_says_not_answered_and_records_nothing(lesson):
    s = lesson("en")
    view = session.build_view("00-unknown-title")
    click_check(view, None)
    assert "Not answered yet." in feedback_text(view)
    click_check(session.build_view("00-steps-to-compare"), [None, None, None, None, None])
    assert s.attempts == {} and lesson.updates == []


def test_every_choice_and_row_has_a_label_and_the_button_a_name(lesson):
    lesson("en")
    for exercise in session._session.bank.exercises:
        if exercise.kind == "code":
            continue
        spec = session.build_view(exercise.id).spec
        assert spec["labels"]["button"] == "Check"
        assert spec["question"].strip() and spec["head"].startswith("Exercise")
        for entry in spec.get("choices", []) + spec.get("rows", []) + spec.get("options", []):
            assert str(entry["label"]).strip(), f"{exercise.id}: an unlabelled control"
        if exercise.kind == "text":
            assert spec["labels"]["your_answer"] == "Your answer"


def test_text_representation_is_deterministic_and_free_of_model_ids(lesson):
    lesson("en")
    first = session.build_view("00-concepts-by-article").text()
    second = session.build_view("00-concepts-by-article").text()
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first)
    assert first.splitlines()[0] == "Exercise 10 · categorise · 1 point · 00-concepts-by-article"
    bundle = session.build_view("00-run-a-cell")._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Exercise 1 · single choice")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_answer_updates_the_record_in_the_notebook(lesson):
    lesson("en")
    click_check(session.build_view("00-run-a-cell"), "shift-enter")
    bundle, display_id = lesson.updates[-1]
    assert display_id == "course-answer-00-run-a-cell"
    saved = bundle[record.MIME]
    assert saved["answer"] == "shift-enter" and saved["attempts"] == 1 and saved["lesson"] == "00"
    assert record.is_authentic(saved)
    assert "answer saved in this notebook (attempt 1)" in bundle["text/plain"]
    tampered = dict(saved, answer="b")
    assert not record.is_authentic(tampered)


def test_answers_survive_a_kernel_restart(lesson):
    lesson("en")
    session.check("00-count-indonesian-words", 149)
    session.answer("00-run-a-cell", "shift-enter")
    click_check(session.build_view("00-judge-a-coding"), "My answer, kept word for word.")
    restarted = lesson("en")  # a new kernel: the module state starts empty, the store is read again
    assert restarted.answers["00-run-a-cell"] == "shift-enter"
    restored = session.build_view("00-judge-a-coding")
    assert restored.answer == "My answer, kept word for word."
    assert "Your answer: My answer, kept word for word." in restored.text()
    assert "✘" in restored.text() or "◐" in restored.text(), "the restored feedback is shown"
    radio = session.build_view("00-run-a-cell")
    assert radio.answer == "shift-enter" and "✔ Correct." in feedback_text(radio) and "(x) C. Shift + Enter" in radio.text()
    rec = restarted.record_for(restarted.bank.get("00-count-indonesian-words"))
    assert rec["answer"] == 149 and rec["attempts"] == 1


def test_a_corrupt_store_is_kept_aside_and_reported(lesson):
    lesson("en")
    session.answer("00-run-a-cell", "shift-enter")
    store = next(lesson.store_dir.glob("*.json"))
    store.write_text("{ this is not json", encoding="utf-8")
    lesson.shown.clear()
    s = lesson("en")
    kept = list(lesson.store_dir.glob("*.corrupt-1.json"))
    assert kept and kept[0].read_text() == "{ this is not json", "the damaged file must be kept, not wiped"
    assert "could not be read" in lesson.shown[0]["obj"]["text/plain"]
    assert s.answers == {}
    session.answer("00-run-a-cell", "enter-alone")
    assert json.loads(store.read_text())["answers"]["00-run-a-cell"]["answer"] == "enter-alone"


def test_store_writes_are_atomic_json(lesson):
    lesson("en")
    session.answer("00-fewer-words", False)
    files = list(lesson.store_dir.iterdir())
    assert [f.suffix for f in files if not f.name.startswith(".")] == [".json"], "no temporary files are left behind"
    assert not [f for f in files if f.suffix == ".tmp"]
    data = json.loads(next(f for f in files if f.suffix == ".json").read_text())
    assert data["format"] == 1 and data["answers"]["00-fewer-words"]["answer"] is False


def test_assessment_mode_records_without_revealing_correctness(lesson):
    lesson("en", mode="assessment")
    view = session.build_view("00-run-a-cell")
    assert view.spec["labels"]["button"] == "Save answer"
    result = click_check(view, "b")
    text = feedback_text(view)
    assert result.status == "recorded" and "recorded" in text
    assert "Not quite" not in text and "Ctrl + S saves" not in text
    session.check("00-count-indonesian-words", 149)
    printed = lesson.shown[-2]["obj"]["text/plain"]
    assert "recorded" in printed and "English" not in printed
    table = session.progress()._repr_mimebundle_()["text/plain"]
    assert "answered" in table and "correct" not in table and "graded by your lecturer" in table


def test_progress_counts_points(lesson):
    lesson("en")
    session.answer("00-run-a-cell", "shift-enter")
    session.check("00-word-length", 7.8)
    text = session.progress()._repr_mimebundle_()["text/plain"]
    lines = text.splitlines()
    assert re.fullmatch(r"\s*1  Warm-up \(section 1 told you\): you have changed the code in a …\s+correct\s+1 / 1", lines[2]), lines[2]
    assert re.fullmatch(r"\s*7  Challenge \(two steps combined\): compute the average word length …\s+not yet correct\s+0 / 2", lines[8])
    assert text.endswith(
        "2 of 12 exercises answered · 1 of 12 points (short texts earn no points here: compare them with the model answer)"
    ), text
    session.answer("00-judge-a-coding", "I would change the coding, because the sentence names public rights and the coder missed it.")
    text = session.progress()._repr_mimebundle_()["text/plain"]
    row = next(line for line in text.splitlines() if "answered (no points for prose here)" in line)
    assert row.rstrip().endswith("–"), "a short text shows no points in practice: the keyword check is a hint, not a grade"
    assert "· 1 of 12 points" in text, "and adds none to the total"
    assert "00-run-a-cell" not in text, "the student reads numbers and titles, not English ids"


def test_progress_speaks_the_notebooks_language_and_writes_its_numbers(lesson):
    lesson("id")
    session.answer("00-kind-of-source", ["transparent"])
    bundle = session.progress()._repr_mimebundle_()
    text = bundle["text/plain"]
    assert "  4  Seorang mahasiswa menulis makalah tentang kemitraan antara" in text
    assert "0,5 / 1" in text and "0.5" not in text, "Indonesian writes a decimal comma"
    summary = (
        "1 dari 12 latihan dijawab · 0,5 dari 12 poin (jawaban uraian singkat tidak diberi poin di sini: bandingkan dengan contoh jawaban)"
    )
    assert text.endswith(summary)
    assert "<td style='text-align:left'>Seorang mahasiswa" in bundle["text/html"]


def test_show_displays_the_exercise_then_its_record(lesson):
    lesson("en")
    lesson.shown.clear()
    session.show("00-count-indonesian-words")
    question, rec = lesson.shown
    assert "Compute the answer in the code cell below" in question["obj"]["text/plain"]
    assert rec["id"] == "course-answer-00-count-indonesian-words"
    assert rec["obj"]["text/plain"] == "[Answer record] 00-count-indonesian-words: not answered yet"


def test_check_on_a_widget_exercise_explains_how_to_answer(lesson, capsys):
    lesson("en")
    session.check("00-run-a-cell", "shift-enter")
    assert "answer it in its box above" in capsys.readouterr().out


def test_unknown_exercise_id_suggests_the_closest(lesson, capsys):
    lesson("en")
    session.show("00-run-a-cel")
    assert capsys.readouterr().out.strip() == "There is no exercise '00-run-a-cel' in lesson 00. Did you mean '00-run-a-cell'?"


def test_answer_accepts_the_letters_students_see(lesson):
    s = lesson("en")
    session.answer("00-run-a-cell", "C")  # shown as "C. Shift + Enter"
    assert s.answers["00-run-a-cell"] == "shift-enter" and s.results["00-run-a-cell"].status == "correct"
    session.answer("00-kind-of-source", ["B", "C"])  # shown as "B. That partnerships should be built ..." and "C. ... expected ..."
    assert s.results["00-kind-of-source"].status == "correct"
