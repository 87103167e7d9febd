"""Item statistics as Moodle computes them (issue 23, point 2): checked three ways.

1. Against Moodle's own worked example: the 25 attempts x 7 questions of
   ``mod/quiz/report/statistics/tests/fixtures/results00.csv`` in moodle/moodle, with the
   figures Moodle's test expects (``qstats00.csv`` per question, and
   ``check_quiz_stats_for_quiz_00`` in ``stats_from_steps_walkthrough_test.php`` for the quiz),
   which its authors computed independently in a spreadsheet. Only the numbers are taken.
2. Against a published textbook example: D. J. Denis, *Applied Univariate, Bivariate, and
   Multivariate Statistics* (Wiley), the small Cronbach's alpha example of ten people and
   five items whose SPSS RELIABILITY output prints alpha = 0.633, each item's mean and SD,
   and for Item_1 a scale mean 34.3 and variance 108.900 if deleted and a corrected
   item-total correlation of 0.712 (read on 2026-12-07 in the book's online text at
   https://librs.net/lread_928329_p36; the edition was not confirmed).
3. End to end on a fixture class of twelve students graded by ``grade``, against an
   independent computation with pandas and numpy written here, and the option counts
   against the answers the class was given.
"""

from __future__ import annotations

import base64
import csv
import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from submission_tools import forge, put, records

from course.grading import grade
from course.model.bank import find_bank
from course.results.statistics import ScoreTable, flag_reasons, item_figures, overall_figures

MOODLE_RESULTS00 = """\
1,1,1,1,1,0,1
1,1,1,1,0.5,1,0
1,1,1,1,0.5,0,1
0,0,1,1,1,0,0
1,0,1,0,0,1,0.5
1,1,1,1,0.5,0,0.5
0,1,1,1,0.5,1,0.5
1,1,1,0,0.5,1,0.5
1,0,1,1,1,1,1
0,1,1,0,0.5,1,0.5
0.8,0,1,1,0.5,1,0.5
1,1,1,0,0.5,1,1
1,0,1,1,0.5,1,0.5
1,0,1,1,1,0,0.5
0,0,1,1,0,1,1
1,0,1,0,0.5,1,1
0.8,0,1,1,0.5,0,1
1,0,1,1,0,1,0.5
1,0,1,1,0.5,0,0.5
0,1,1,0,0.5,1,0
1,1,0.3333333,1,0.5,0,0.5
1,1,1,0,0.5,0,0.5
1,1,1,1,0,1,0.5
0,0,1,0,0.5,1,1
0,0,1,1,1,1,1
"""
# qstats00.csv: slot -> (facility, sd, discriminationindex, discriminativeefficiency); every question's maximum is 1
MOODLE_QSTATS00 = {
    1: (0.704, 0.4513682901, -7.0650767526, -9.4550536967),
    2: (0.48, 0.5099019514, -28.8982125772, -36.7834118938),
    3: (0.973333332, 0.13333334, -9.1230674268, -21.6545012165),
    4: (0.68, 0.4760952286, -22.6306444113, -31.4411395613),
    5: (0.52, 0.3055050463, -17.6997047674, -21.1794802584),
    6: (0.64, 0.4898979486, -45.3785178421, -56.9365974439),
    7: (0.62, 0.331662479, -5.6543166602, -6.5043742058),
}
MOODLE_QUIZ00 = {
    "median": 4.5,
    "mean": 4.617333332,
    "sd": 0.8117265554,
    "cic": -87.2230935542,
    "errorratio": 136.8294900795,
    "se": 1.1106813066,
}

DENIS_ITEMS = [  # ten people (rows) x Item_1 ... Item_5
    [10, 12, 15, 11, 12],
    [12, 18, 12, 12, 1],
    [8, 16, 14, 14, 4],
    [6, 8, 16, 8, 6],
    [4, 7, 8, 7, 5],
    [6, 6, 3, 7, 3],
    [3, 4, 6, 5, 8],
    [7, 3, 7, 9, 9],
    [8, 9, 4, 10, 10],
    [9, 5, 6, 11, 12],
]
DENIS_MEANS = [7.3, 8.8, 9.1, 9.4, 7.0]
DENIS_SDS = [2.71006, 5.05085, 4.74810, 2.71621, 3.80058]


def close(actual: float | None, expected: float, relative: float = 1.5e-5) -> bool:
    return actual is not None and math.isclose(actual, expected, rel_tol=relative, abs_tol=1e-9)


def test_moodle_worked_example_per_question_and_for_the_quiz():
    scores = [[float(cell) for cell in line.split(",")] for line in MOODLE_RESULTS00.splitlines()]
    table = ScoreTable([f"q{n}" for n in range(1, 8)], [1.0] * 7, scores)
    for slot, (facility, sd, discrimination, efficiency) in MOODLE_QSTATS00.items():
        figures = item_figures(table, slot - 1)
        assert close(figures.facility, 100 * facility), (slot, figures)
        assert close(figures.sd, 100 * sd), (slot, figures)
        assert close(figures.discrimination, discrimination / 100), (slot, figures)
        assert close(figures.efficiency, efficiency), (slot, figures)
        assert "negative_discrimination" in flag_reasons(figures)
    overall = overall_figures(table)
    assert overall.students == 25 and overall.items == 7 and overall.max_points == 7
    assert close(overall.mean, MOODLE_QUIZ00["mean"]) and close(overall.median, MOODLE_QUIZ00["median"])
    assert close(overall.sd, MOODLE_QUIZ00["sd"]) and close(overall.alpha, MOODLE_QUIZ00["cic"] / 100)
    assert close(overall.error_ratio, MOODLE_QUIZ00["errorratio"]) and close(overall.sem, MOODLE_QUIZ00["se"])


def test_textbook_example_alpha_means_sds_and_corrected_item_total_correlation():
    table = ScoreTable([f"Item_{n}" for n in range(1, 6)], [20.0] * 5, [[float(x) for x in row] for row in DENIS_ITEMS])
    overall = overall_figures(table)
    assert round(overall.alpha, 3) == 0.633
    for index, (mean, sd) in enumerate(zip(DENIS_MEANS, DENIS_SDS, strict=True)):
        figures = item_figures(table, index)
        assert round(figures.facility * 20 / 100, 4) == mean
        assert round(figures.sd * 20 / 100, 5) == sd
    rest = [sum(row) - row[0] for row in DENIS_ITEMS]
    assert sum(rest) / len(rest) == 34.3 and round(float(np.var(rest, ddof=1)), 3) == 108.9
    assert round(item_figures(table, 0).discrimination, 3) == 0.712


# The fixture class: what each of twelve students answered to the choice items and two others.
HARMONIZATION = [
    *("same-copy", "uniform", "uniform", "uniform", "same-copy", "uniform"),
    *("drafts-clash", "uniform", "same-copy", "draft-vs-law", "uniform", None),
]
FOUR_TARGETS = [
    ["budget"],
    ["budget", "procedures-only"],
    ["budget", "add-policy"],
    ["budget", "drop-values"],
    ["budget"],
    ["drop-structure"],
    ["budget", "procedures-only", "drop-values", "add-policy"],
    ["procedures-only"],
    ["budget"],
    ["add-policy", "drop-structure"],
    ["drop-values"],
    ["budget"],
]
CPI_SOURCES = [False, True, False, False, False, True, False, True, False, True, True, False]
CASCADE_RIGHT = [True, False, True, True, True, False, True, False, True, False, False, True]
TEXT_LEFT_EMPTY = [False, False, False, True, False, True, False, False, False, True, False, False]


@pytest.fixture(scope="module")
def fixture_class(lesson03, tmp_path_factory):
    """Twelve students' notebooks of lesson 03's practice set, graded by ``grade`` in English and in Indonesian."""
    base = tmp_path_factory.mktemp("statistics")
    cascade = next(r["answer"] for r in records(lesson03.right, "03-reform-cascade"))
    for n in range(12):
        nb = forge(lesson03.right, "03-harmonization", answer=HARMONIZATION[n])
        nb = forge(nb, "03-four-targets", answer=FOUR_TARGETS[n])
        nb = forge(nb, "03-cpi-sources", answer=CPI_SOURCES[n])
        nb = forge(nb, "03-reform-cascade", answer=cascade if CASCADE_RIGHT[n] else list(reversed(cascade)))
        if TEXT_LEFT_EMPTY[n]:
            nb = forge(nb, "03-accountability-where", answer=None)
        put(base / "subs", f"Student {n:02d}_{3000 + n}_assignsubmission_file/03-bureaucratic-reform.ipynb", nb)
    runs = {lang: grade(base / "subs", base / f"out-{lang}", lang=lang, show_progress=False) for lang in ("en", "id")}
    return base, runs


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_figure_matches_an_independent_computation(fixture_class):
    base, _ = fixture_class
    out = base / "out-en"
    book = pd.read_csv(out / "gradebook.csv", encoding="utf-8-sig")
    book = book[book["status"].str.startswith("graded")]
    bank = find_bank("03").for_mode("practice")
    points = {e.id: e.points for e in bank.exercises}
    scores = book[list(points)].fillna(0.0).astype(float)
    totals = scores.sum(axis=1)
    assert len(scores) == 12 and totals.nunique() > 3, "a class whose scores differ"
    items = {row["exercise"]: row for row in read_csv(out / "summary-03.csv")}
    assert list(items) == sorted(items, key=lambda e: (float(items[e]["facility_%"]), e)), "hardest first"
    for exercise, maximum in points.items():
        column, rest = scores[exercise], totals - scores[exercise]
        row = items[exercise]
        assert float(row["facility_%"]) == pytest.approx(100 * column.mean() / maximum, abs=0.051)
        assert float(row["answered_by_%"]) == pytest.approx(100 * book[exercise].notna().mean(), abs=0.051)
        assert float(row["sd_%"]) == pytest.approx(100 * column.std(ddof=1) / maximum, abs=0.051)
        if column.std() == 0 or rest.std() == 0:
            assert row["discrimination"] == "" and row["discriminative_efficiency_%"] == "", exercise
        else:
            assert float(row["discrimination"]) == pytest.approx(np.corrcoef(column, rest)[0, 1], abs=0.0006)
            largest = np.cov(np.sort(column), np.sort(rest))[0, 1]
            assert float(row["discriminative_efficiency_%"]) == pytest.approx(100 * np.cov(column, rest)[0, 1] / largest, abs=0.051)
    overall = {row["figure"]: row["value"] for row in read_csv(out / "test-03.csv")}
    k, maximum = len(points), sum(points.values())
    alpha = k / (k - 1) * (1 - scores.var(ddof=1).sum() / totals.var(ddof=1))
    expected = {
        "students": 12,
        "items": k,
        "max_points": maximum,
        "mean": totals.mean(),
        "mean_%": 100 * totals.mean() / maximum,
        "median": totals.median(),
        "sd": totals.std(ddof=1),
        "sd_%": 100 * totals.std(ddof=1) / maximum,
        "alpha": alpha,
        "error_ratio_%": 100 * math.sqrt(1 - alpha),
        "sem": totals.std(ddof=1) * math.sqrt(1 - alpha),
    }
    for figure, value in expected.items():
        assert float(overall[figure]) == pytest.approx(value, abs=0.006 if figure in ("alpha",) else 0.051), figure


def test_option_counts_and_flags(fixture_class):
    base, runs = fixture_class
    out = base / "out-en"
    options = read_csv(out / "options-03.csv")
    chosen = Counter(a for a in HARMONIZATION if a)
    chosen.update(key for answer in FOUR_TARGETS for key in answer)
    chosen.update("true" if a else "false" for a in CPI_SOURCES)
    for row in options:
        if row["exercise"] in ("03-harmonization", "03-four-targets", "03-cpi-sources"):
            assert int(row["students"]) == chosen[row["option"]], row
            assert float(row["students_%"]) == pytest.approx(100 * chosen[row["option"]] / 12, abs=0.051)
    right = {(r["exercise"], r["option"]) for r in options if r["correct"] == "yes"}
    assert ("03-harmonization", "same-copy") in right and ("03-cpi-sources", "false") in right
    assert ("03-harmonization", "uniform") not in right
    assert {r["exercise"] for r in options} >= {"03-harmonization", "03-four-targets", "03-cpi-sources", "03-tematik-or-general"}
    items = {row["exercise"]: row for row in read_csv(out / "summary-03.csv")}
    assert "a wrong option preferred" in items["03-harmonization"]["check"], "uniform (6) was chosen more than same-copy (3)"
    for exercise, row in items.items():
        facility = float(row["facility_%"])
        negative = row["discrimination"] != "" and float(row["discrimination"]) < 0
        assert ("negative discrimination" in row["check"]) == negative, exercise
        assert ("too easy" in row["check"]) == (facility > 95), exercise
        nobody = row["answered_by_%"] == "0.0"  # 03-kasn-target: no student of the class answered it
        assert ("nobody answered this item" in row["check"]) == nobody, exercise
        assert ("too hard" in row["check"]) == (facility < 10 and not nobody), exercise
    page = (out / "summary-03.html").read_text(encoding="utf-8")
    assert "a wrong option (&#39;Two regions publish different opening hours for" in page, "the page names the option chosen instead"
    flagged = [f.exercise for f in runs["en"].summary.flagged]
    assert flagged == [e for e in items if items[e]["check"]], "the page lists exactly the flagged items, hardest first"


def svgs(page: str) -> list[str]:
    return [base64.b64decode(data).decode("utf-8") for data in re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["score (% of maximum)", "facility (% of the points earned)", "discrimination (correlation"]),
        ("id", ["nilai (% dari maksimum)", "tingkat kesukaran (% poin yang diraih)", "daya pembeda (korelasi"]),
    ],
)
def test_the_summary_page_shows_the_charts_in_its_language(fixture_class, lang, words):
    base, runs = fixture_class
    page = (base / f"out-{lang}" / "summary-03.html").read_text(encoding="utf-8")
    pictures = svgs(page)
    flagged_choice = [f for f in runs[lang].summary.flagged if any(o.students for o in f.options)]  # chosen by someone
    assert len(pictures) == 2 + len(flagged_choice) and flagged_choice, "histogram, scatter, one per flagged choice item"
    histogram, scatter, *option_charts = pictures
    fetched = re.compile(r"<script|<image|<foreignObject|href=\"http|url\((?!#)|@import", re.I)
    assert all(p.startswith("<svg") and not fetched.search(p) for p in pictures), "pictures that run and fetch nothing"
    assert words[0] in histogram and words[1] in scatter and words[2] in scatter
    items = [e.id for e in find_bank("03").for_mode("practice").exercises]
    plotted = [row for row in runs[lang].summary.items if row["discrimination"] != ""]
    assert all(row["exercise"] in scatter for row in plotted) and len(plotted) >= 5
    assert all(any(f.exercise in chart for chart in option_charts) for f in flagged_choice)
    assert "✓" in "".join(option_charts) and all(item in page for item in items)
    assert len(re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="[^"]{20,}">', page)) == len(pictures), (
        "every picture says what it shows"
    )
    other = "Check these items" if lang == "id" else "Periksa butir-butir ini"
    assert other not in page


def test_without_statistics_the_summary_keeps_its_plain_table(lesson03, tmp_path):
    put(tmp_path / "subs", "Ani_2001_assignsubmission_file/03-bureaucratic-reform.ipynb", lesson03.right)
    run = grade(tmp_path / "subs", tmp_path / "out", show_progress=False, statistics=False)
    assert not (tmp_path / "out" / "options-03.csv").exists() and not (tmp_path / "out" / "test-03.csv").exists()
    assert "<img" not in (tmp_path / "out" / "summary-03.html").read_text(encoding="utf-8")
    header = (tmp_path / "out" / "summary-03.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "exercise,type,points,answered_by_%,facility_%,fully_correct_%" and run.summary and not run.summary.charts


@pytest.mark.parametrize(
    ("lang", "short", "long"),
    [
        ("en", "nobody answered this item", "nobody answered this item: every graded student left it blank"),
        ("id", "tidak ada yang menjawab butir ini", "tidak ada yang menjawab butir ini: semua mahasiswa yang dinilai mengosongkannya"),
    ],
)
def test_an_item_nobody_answered_is_flagged_as_such_not_as_too_hard(lesson03, tmp_path, lang, short, long):
    """Every student left a choice item and a short text blank (no answer, or only spaces): the check says so, in the run's language."""
    for n, text in enumerate((None, "   ", None)):
        nb = forge(lesson03.right if n else lesson03.partial, "03-harmonization", answer=None)
        nb = forge(nb, "03-accountability-where", answer=text)
        put(tmp_path / "subs", f"Student {n}_{4000 + n}_assignsubmission_file/03-bureaucratic-reform.ipynb", nb)
    run = grade(tmp_path / "subs", tmp_path / "out", lang=lang, show_progress=False)
    items = {row["exercise"]: row for row in read_csv(tmp_path / "out" / "summary-03.csv")}
    flagged = {f.exercise: f.reasons for f in run.summary.flagged}
    for exercise in ("03-harmonization", "03-accountability-where"):
        assert items[exercise]["answered_by_%"] == "0.0", exercise
        assert items[exercise]["check"] == short, f"{exercise}: {items[exercise]['check']!r}"
        assert len(flagged[exercise]) == 1 and flagged[exercise][0].startswith(long), flagged[exercise]
    page = (tmp_path / "out" / "summary-03.html").read_text(encoding="utf-8")
    assert long in page
    assert all((short in row["check"]) == (row["answered_by_%"] == "0.0") for row in items.values()), "exactly the items nobody answered"


def test_nobody_answered_needs_a_class_and_replaces_the_other_reasons():
    zeros = ScoreTable(["a", "b"], [1.0, 1.0], [[0.0, 1.0], [0.0, 0.0], [0.0, 1.0]])
    figures = item_figures(zeros, 0)
    assert flag_reasons(figures) == ["too_hard"], "answered and all wrong: too hard, as before"
    assert flag_reasons(figures, answered=3) == ["too_hard"]
    assert flag_reasons(figures, answered=0) == ["nobody_answered"]
    assert flag_reasons(item_figures(ScoreTable(["a"], [1.0], []), 0), answered=0) == [], "no graded student: nothing to say"


scores = st.lists(st.lists(st.floats(0, 2, allow_nan=False), min_size=3, max_size=3), min_size=0, max_size=30)


@given(scores)
def test_any_class_gives_figures_within_their_ranges(rows):
    table = ScoreTable(["a", "b", "c"], [2.0, 2.0, 2.0], rows)
    for index in range(3):
        figures = item_figures(table, index)
        assert figures.facility is None or -1e-9 <= figures.facility <= 100 + 1e-9
        assert figures.discrimination is None or -1 - 1e-9 <= figures.discrimination <= 1 + 1e-9
        assert figures.efficiency is None or figures.efficiency <= 100 + 1e-6
    overall = overall_figures(table)
    assert overall.students == len(rows)
    assert overall.alpha is None or (overall.alpha <= 1 + 1e-9 and overall.sem is not None and overall.sem >= 0)
