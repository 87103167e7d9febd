"""The semester plan (RPS) in both languages: 16 meetings, every lesson and quiz placed, weights that add up.

An Indonesian campus plans a 2-SKS unit as an RPS (Rencana Pembelajaran Semester) of 16
meetings with the midterm (UTS) as meeting 8 and the final (UAS) as meeting 16, outcomes at
three levels (CPL, CPMK, Sub-CPMK), indicators and assessment weights. The completion mark
comes from a per-student column of the gradebook (``answered_%``), never from the summary's per-exercise
``answered_by_%``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PLANS = {  # file: (header of the meeting table's first cell, midterm, final, lesson, quiz)
    "silabus-id.md": ("Pertemuan", "UTS", "UAS", "Topik {nn}", "Kuis {nn}"),
    "syllabus-en.md": ("Meeting", "Midterm", "Final", "Lesson {nn}", "quiz {nn}"),
}
LESSONS = [f"{n:02d}" for n in range(7)]


def table(text: str, first_header: str) -> list[list[str]]:
    """The rows (cells stripped) of the first markdown table whose header starts with ``first_header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"\|\s*(?:{first_header})\s*\|", line))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def percent(cell: str) -> int:
    found = re.search(r"(\d+)%", cell)
    assert found, f"no weight in {cell!r}"
    return int(found.group(1))


def meetings(name: str) -> dict[int, list[str]]:
    header = PLANS[name][0]
    rows = table((DOCS / name).read_text(encoding="utf-8"), header)
    return {int(row[0]): row for row in rows if row[0].isdigit()}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_sixteen_meetings_with_the_midterm_as_8_and_the_final_as_16(name):
    _, midterm, final, _, _ = PLANS[name]
    plan = meetings(name)
    assert sorted(plan) == list(range(1, 17)), f"{name}: meetings {sorted(plan)}"
    assert midterm in plan[8][1], f"{name}: meeting 8 is not the midterm: {plan[8][1]}"
    assert final in plan[16][1], f"{name}: meeting 16 is not the final: {plan[16][1]}"
    assert not any(midterm in row[1] or final in row[1] for n, row in plan.items() if n not in (8, 16))


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_lesson_and_its_quiz_has_a_meeting(name):
    _, _, _, lesson, quiz = PLANS[name]
    plan = meetings(name)
    for nn in LESSONS:
        for label in (lesson.format(nn=nn), quiz.format(nn=nn)):
            assert any(label in " ".join(row) for row in plan.values()), f"{name}: no meeting for {label}"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_weights_add_up_to_100_in_both_tables(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    assert sum(percent(row[-1]) for row in meetings(name).values()) == 100
    components = [row for row in table(text, "Component|Komponen") if not row[0].startswith("**")]
    assert len(components) >= 5
    assert sum(percent(row[2]) for row in components) == 100


@pytest.mark.parametrize("name", sorted(PLANS))
def test_outcomes_at_three_levels_with_the_cpl_marked_as_examples(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    for code in ("CPL-1", "CPMK-1", "CPMK-6", "Sub-CPMK 1", "Sub-CPMK 14"):
        assert code in text, f"{name}: {code} missing"
    cpl_section = re.search(r"^## [^\n]*\(CPL\).*?(?=^## )", text, flags=re.S | re.M).group(0)
    assert re.search(r"\*\*(contoh|examples)\*\*", cpl_section), "the CPL are not marked as examples to adapt"
    for row in meetings(name).values():
        assert "CPMK-" in row[1] or "Sub-CPMK" in row[1], f"{name}: meeting {row[0]} names no outcome"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_time_per_meeting_for_2_sks_is_stated_as_an_assumption(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    assert "2 SKS" in text
    assert re.search(r"TM 100 (menit|minutes)", text), "class time per meeting of a 2-SKS unit"
    assert re.search(r"(pedoman\s+akademik\s+kampus|campus's\s+academic\s+regulations)", text), "the campus's own rules come first"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_completion_mark_is_a_per_student_gradebook_column(name):
    text = (DOCS / name).read_text(encoding="utf-8")
    assert "`answered_%`" in text and "`answered`" in text and "answered_percent" not in text
    for row in meetings(name).values():
        assert "answered_by_%" not in " ".join(row), f"{name}: meeting {row[0]} marks with the summary's per-exercise answered_by_%"
    assessment = table(text, "Component|Komponen")
    completion = next(row for row in assessment if "00" in row[0])
    assert "`answered_%`" in completion[3] and "answered_by_%" not in completion[3]
