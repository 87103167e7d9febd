"""The run's face for its callers: the progress bar is a parameter of ``grade`` (no module to patch), and the closing
line is one public function that the command line and the grading notebook both print."""

from __future__ import annotations

from submission_tools import put

from course.__main__ import main
from course.grading import run as grading_run
from course.grading.outputs import closing_line
from course.grading.run import grade, terminal_progress

LESSON03 = "03-bureaucratic-reform.ipynb"


class CountingBar:
    def __init__(self, total: int, made: list) -> None:
        self.total, self.steps, self.closed = total, 0, False
        made.append(self)

    def update(self, n: int = 1) -> None:
        self.steps += n

    def close(self) -> None:
        self.closed = True


def test_grade_draws_the_bar_it_is_given_one_step_per_notebook(lesson03, tmp_path):
    subs = tmp_path / "subs"
    for n, notebook in enumerate((lesson03.right, lesson03.partial, lesson03.right)):
        put(subs, f"200{n}_{LESSON03}", notebook)
    made: list[CountingBar] = []
    grade(subs, tmp_path / "out", progress=lambda total: CountingBar(total, made))
    assert [(bar.total, bar.steps, bar.closed) for bar in made] == [(3, 3, True)], "one bar, three notebooks, closed"
    assert not hasattr(grading_run, "_progress"), "no private hook left to patch"


def test_no_bar_is_made_when_progress_is_not_shown(lesson03, tmp_path):
    put(tmp_path / "subs", f"2001_{LESSON03}", lesson03.right)
    made: list[CountingBar] = []
    grade(tmp_path / "subs", tmp_path / "out", show_progress=False, progress=lambda total: CountingBar(total, made))
    assert made == []


def test_the_command_lines_bar_draws_only_on_a_terminal_and_for_more_than_one_notebook(monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert terminal_progress(10) is None, "a file or a pipe gets no bar"
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert terminal_progress(1) is None
    bar = terminal_progress(10)
    assert bar is not None
    bar.close()


def test_the_command_line_prints_the_public_closing_line(lesson03, tmp_path, capsys):
    subs, by_command, by_call = tmp_path / "subs", tmp_path / "by-command", tmp_path / "by-call"
    put(subs, f"2001_{LESSON03}", lesson03.right)
    put(subs, f"2002_{LESSON03}", lesson03.partial)
    assert main(["grade", str(subs), "--out", str(by_command), "--lang", "id"]) == 0
    printed = capsys.readouterr().out.splitlines()[-1]
    line = closing_line(grade(subs, by_call, lang="id", show_progress=False), "id")
    assert line.startswith("topik 03, set latihan: 2 notebook dinilai"), line
    assert printed == line.replace(str(by_call), str(by_command))
