"""The kernel refuses what the grader would refuse, and no call from a notebook ends in a traceback.

Runs the notebook API in this process (no kernel), as the widget tests do.
"""

from __future__ import annotations

import ast
import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.kernel import session
from course.kernel.store import AnswerStore
from course.model import schema


class Nasty:
    """A value whose every comparison and text form raises."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        raise RuntimeError("repr")

    __str__ = __repr__

    def __hash__(self):
        raise RuntimeError("hash")


def said(capsys) -> str:
    return capsys.readouterr().out.strip()


WRONG = [
    ("answer", "03-reform-cascade", [["grand-design"]], "Not recorded: the answer at '[0]' must be null or string"),
    ("answer", "03-sort-measures", {"integrity-pact": ["value"]}, "Not recorded: the answer at 'integrity-pact' must be null or string"),
    ("answer", "03-cpi-sources", "no idea", "Not recorded: 'no idea' is not understood as True or False"),
    ("answer", "03-harmonization", "Z", "Not recorded: 'Z' is not one of the options shown"),
    ("answer", "03-four-targets", 5, "Not recorded: the answer must be null or array"),
    ("answer", "03-accountability-where", "x" * 30_000, "Not recorded: the answer must be shorter than or equal to 20000 characters"),
    ("answer", "03-harmonization", Nasty(), "Not recorded: the answer must be null or string"),
    ("answer", "03-sort-measures", {"integrity-pact": Nasty()}, "Not recorded: the answer at 'integrity-pact' must be null or string"),
]


@pytest.mark.parametrize("call, exercise, value, message", WRONG, ids=[w[1] + "-" + str(n) for n, w in enumerate(WRONG)])
def test_a_wrong_shape_gets_one_line_and_nothing_is_recorded(lesson, call, exercise, value, message):
    s = lesson("en", number="03")
    getattr(session, call)(exercise, value)
    feedback = [
        item["obj"]["text/plain"]
        for item in lesson.shown
        if isinstance(item["obj"], dict) and exercise in item["obj"].get("text/plain", "")
    ]
    assert any(message in text for text in feedback), feedback
    assert exercise not in s.answers and not lesson.updates, "nothing is recorded, in the notebook or the store"
    assert not list(lesson.store_dir.glob("*.json"))


def test_the_refusal_is_in_the_notebooks_language(lesson):
    lesson("id", number="03")
    session.answer("03-cpi-sources", "entah")
    texts = [i["obj"]["text/plain"] for i in lesson.shown if isinstance(i["obj"], dict)]
    assert any("Tidak dicatat: 'entah' tidak dapat dibaca sebagai True atau False. Yang diharapkan: True atau False." in t for t in texts)


def test_true_false_takes_booleans_and_the_words_of_both_languages(lesson):
    s = lesson("en", number="03")
    for given, stored in [("benar", True), ("False", False), (" salah ", False), ("yes", True), (True, True)]:
        session.answer("03-cpi-sources", given)
        assert s.answers["03-cpi-sources"] is stored, given


def test_what_the_kernel_records_the_grader_accepts(lesson):
    s = lesson("en", number="03")
    session.answer("03-harmonization", "A")
    session.answer("03-four-targets", "A, C")
    session.answer("03-reform-cascade", ("grand-design", "evaluation"))
    session.check("03-cpi-change", {"a": [1, 2]})
    session.check("03-grade-of-score", float("inf"))
    for exercise_id, stored in s.answers.items():
        assert schema.answer_problem(s.bank.get(exercise_id).kind, stored) is None, (exercise_id, stored)
    assert len(s.answers["03-four-targets"]) == 2


@pytest.mark.parametrize(
    "call, args, words",
    [
        ("show", (None,), "show() needs an exercise id in quotes"),
        ("show", (3,), "got 3"),
        ("show", ("../../etc/passwd",), "needs an exercise id in quotes"),
        ("show", ("03-harmonisation",), "Did you mean '03-harmonization'?"),
        ("check", (["03-grade-of-score"], 1), "check() needs an exercise id"),
        ("answer", ("03-cpi-change", 4), "is a code exercise"),
        ("check", ("03-harmonization", 4), "is a single exercise"),
    ],
)
def test_mistaken_calls_are_one_line_and_the_session_goes_on(lesson, capsys, call, args, words):
    s = lesson("en", number="03")
    capsys.readouterr()
    getattr(session, call)(*args)
    out = said(capsys)
    assert words in out and len(out.splitlines()) == 1 and "Traceback" not in out, out
    session.answer("03-harmonization", "same-copy")
    assert s.results["03-harmonization"].status == "correct", "the session keeps working"


def test_an_unknown_language_or_lesson_is_one_line(lesson, capsys, monkeypatch):
    monkeypatch.setattr(session, "_session", None)
    session.start_lesson("03", lang="fr")
    assert said(capsys) == "unknown language 'fr': use 'en' (English) or 'id' (Bahasa Indonesia)"
    session.start_lesson(3)
    assert "start_lesson() needs a two-digit lesson number in quotes" in said(capsys)
    session.start_lesson("99")
    assert "no exercise bank for lesson '99'" in said(capsys)
    session.progress()
    assert "Run the set-up cell at the top of the notebook first" in said(capsys)


def test_start_lesson_refuses_in_the_language_of_the_notebook(lesson, capsys, monkeypatch):
    """An Indonesian student gets the start_lesson errors in Indonesian (issue 13)."""
    monkeypatch.setattr(session, "_session", None)
    session.start_lesson(3, lang="id")
    assert "memerlukan nomor topik dua angka" in said(capsys)
    session.start_lesson("99", lang="id")
    assert said(capsys).startswith("start_lesson(): tidak ada bank latihan untuk topik '99'")
    session.start_lesson("03", lang="id", mode="exam")
    assert said(capsys) == "mode 'exam' tidak dikenal: gunakan 'practice' (latihan) atau 'assessment' (penilaian)"


def test_values_that_fight_back_are_recorded_as_described_or_refused(lesson, capsys):
    s = lesson("en", number="03")
    loop: list = [1]
    loop.append(loop)
    twice: list = []
    twice.extend([twice, twice])
    session.check("03-cpi-change", loop)
    session.check("03-cpi-change", twice)
    session.check("03-cpi-change", Nasty())
    session.check("03-cpi-change", {"key": Nasty()})
    session.check("03-cpi-change", {Nasty()} if False else [Nasty(), {Nasty}])
    session.check("03-cpi-change", list(range(1_000_000)))
    out = said(capsys)
    assert "Traceback" not in out and "RuntimeError" not in out
    stored = s.answers["03-cpi-change"]
    assert schema.answer_problem("code", stored) is None and stored["__kind__"] == "too-large"
    session.check("03-cpi-change", -3)
    assert s.results["03-cpi-change"].status == "correct"


def test_a_store_of_the_wrong_shape_is_moved_aside_and_reported(lesson, tmp_path):
    lesson.store_dir.mkdir(parents=True)
    path = lesson.store_dir / "lesson-03-en.json"
    bad = {"format": 1, "answers": {"03-reform-cascade": {"answer": [["grand-design"]], "attempts": 1}}}
    path.write_text(json.dumps(bad), encoding="utf-8")
    s = lesson("en", number="03")
    assert "03-reform-cascade" not in s.answers
    assert s.store.warning.endswith("lesson-03-en.corrupt-1.json")
    assert json.loads((lesson.store_dir / "lesson-03-en.corrupt-1.json").read_text()) == bad, "kept, never overwritten"
    texts = [i["obj"]["text/plain"] for i in lesson.shown if isinstance(i["obj"], dict)]
    assert any("the saved answers could not be read" in t for t in texts)
    for wrong in (
        {"format": 1, "answers": []},
        {"format": 1, "answers": {"03-x": {"answer": 1, "attempts": "x"}}},
        [1, 2],
        {"answers": {}},
    ):
        path.write_text(json.dumps(wrong), encoding="utf-8")
        assert AnswerStore.open(path).warning, wrong


def _save_many(path: str, prefix: str, count: int) -> None:
    store = AnswerStore.open(Path(path))
    for n in range(count):
        store.save(f"03-{prefix}-{n}", n, 1)


def test_two_kernels_on_one_notebook_keep_each_others_answers(tmp_path):
    path = tmp_path / "answers" / "lesson-03-en.json"
    first, second = AnswerStore.open(path), AnswerStore.open(path)
    first.save("03-harmonization", "align", 1)
    second.save("03-mapping-in-law", False, 1)
    first.save("03-four-targets", ["process"], 1)
    on_disk = json.loads(path.read_text())["answers"]
    assert set(on_disk) == {"03-harmonization", "03-mapping-in-law", "03-four-targets"}
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_many, args=(str(path), name, 25)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    on_disk = json.loads(path.read_text())["answers"]
    assert all(f"03-{name}-{n}" in on_disk for name in ("a", "b") for n in range(25)), "no answer of either kernel is lost"


def test_the_grader_imports_no_notebook_stack():
    code = (
        "import sys, course.grading.run, course.authoring.release, course.intake.submissions, course.model.bank, course.results.feedback\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'anywidget', 'IPython', 'ipykernel', 'comm'))\n"
        "bad += [m for m in sys.modules if m.startswith('course.kernel')]\n"
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    model = Path(__file__).resolve().parents[2] / "course" / "model"
    imports = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)
    for source in model.glob("*.py"):
        for module in imports.findall(source.read_text(encoding="utf-8")):
            assert module.split(".")[0] not in ("ipywidgets", "anywidget", "IPython", "ipykernel", "traitlets", "comm"), (
                source.name,
                module,
            )
            assert "kernel" not in module, (source.name, module)


MODEL = Path(__file__).resolve().parents[2] / "course" / "model"
# Leaf modules of the package the model may use: each imports only the standard library, yaml (the catalogue
# of words, course/words.yml) and the other leaves (checked below).
MODEL_MAY_USE = {"course.errors", "course.paths", "course.i18n", "course.words"}
MODEL_MAY_IMPORT = {"yaml", "fastjsonschema"}
NOTEBOOK_AND_DATA_STACK = (
    "pandas",
    "numpy",
    "matplotlib",
    "openpyxl",
    "ipywidgets",
    "anywidget",
    "IPython",
    "ipykernel",
    "comm",
    "traitlets",
)


def _imported_names(source: Path, package: str) -> list[str]:
    """Every module a source file imports, anywhere in it (functions too), relative imports made absolute."""
    names = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names += [f"{module}.{alias.name}" if node.module is None else module for alias in node.names]
    return names


def test_the_model_imports_nothing_above_it():
    code = (
        "import importlib, json, pkgutil, sys, course.model\n"
        "for info in pkgutil.iter_modules(course.model.__path__):\n"
        "    importlib.import_module('course.model.' + info.name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert len([m for m in loaded if m.startswith("course.model.")]) == len(list(MODEL.rglob("*.py"))) - 1, (
        "every model module was imported"
    )
    assert not [m for m in loaded if m.split(".")[0] in NOTEBOOK_AND_DATA_STACK]
    course_modules = {m for m in loaded if m.split(".")[0] == "course"}
    above = sorted(m for m in course_modules - MODEL_MAY_USE - {"course", "course.model"} if not m.startswith("course.model."))
    assert above == [], "the model pulls in modules above it"
    assert not course_modules & {
        "course.kernel",
        "course.library.corpus",
        "course.library.concepts",
        "course.library.textstats",
        "course.library.livevalues",
    }


def test_the_model_source_imports_only_the_standard_library_and_its_validators():
    for source in sorted(MODEL.rglob("*.py")):  # the exercise types' package included
        package = ".".join(("course", *source.relative_to(MODEL.parent).parent.parts))
        for name in _imported_names(source, package):
            top = name.split(".")[0]
            if top == "course":
                assert name.startswith("course.model.") or name in MODEL_MAY_USE, (source.name, name)
            else:
                assert top in sys.stdlib_module_names or top in MODEL_MAY_IMPORT, (source.name, name)
    for leaf in MODEL_MAY_USE:
        source = MODEL.parent / f"{leaf.split('.')[1]}.py"
        for name in _imported_names(source, "course"):
            # the plumbing the model uses may read the model's own vocabulary (pure, standard library only)
            assert name.split(".")[0] in sys.stdlib_module_names or name in ("yaml", "course.model.vocabulary", *MODEL_MAY_USE), (
                leaf,
                name,
            )


def test_a_cached_solution_value_needs_no_pandas(tmp_path):
    code = (
        "import sys\n"
        "from course.model.bank import bank_paths, load_bank\n"
        "code = [e for p in bank_paths() for e in load_bank(p).exercises if e.kind == 'code' and e.solution]\n"
        "assert code and all(e.expected() is not None for e in code)\n"
        "print('pandas' in sys.modules)"
    )
    environment = {**os.environ, "COURSE_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"], "the first run computes the values with pandas; the second reads them from the cache"
