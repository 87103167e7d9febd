"""A solution region becomes ``# YOUR CODE HERE`` and ``name = None`` for each name it binds, and for nothing else.

Round 28 (EN 05): ``compliance["persen_merah"] = ...`` inside a solution adds a column to a table the lesson made
earlier; the stub must not turn that into ``compliance = None``, which would wipe the table for every later cell.
"""

from __future__ import annotations

from course.authoring.student_notebooks import strip_solutions

SOLUTION = """compliance = load()
### BEGIN SOLUTION
compliance["persen_merah"] = compliance["merah"] / compliance["dinilai"] * 100
red = compliance[compliance["kelompok"] == "semua"]
first, *rest = red.index
settings.width = 3
total += 1
### END SOLUTION
check("05-red-share-change", red)"""


def test_a_stub_binds_only_the_names_the_solution_binds():
    stub = strip_solutions(SOLUTION, "cell 1").splitlines()
    assert stub[0] == "compliance = load()" and stub[-1] == 'check("05-red-share-change", red)'
    assert [line for line in stub if line.endswith(" = None")] == [
        "red = None",
        "first = None",
        "rest = None",
        "total = None",
    ]
    assert "compliance = None" not in stub and "settings = None" not in stub
