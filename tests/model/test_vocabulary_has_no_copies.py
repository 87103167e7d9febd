"""The lesson and exercise id patterns, modes and languages are spelled once, in ``course/model/vocabulary.py``.

A module that writes its own copy (``("practice", "assessment")``, ``("en", "id")``,
``[0-9]{2}``, ``[a-z0-9-]``) drifts from the others the first time one rule changes;
this test names the file and line of any copy outside the vocabulary module.
"""

from __future__ import annotations

import re
from pathlib import Path

COURSE = Path(__file__).resolve().parents[2] / "course"
VOCABULARY = COURSE / "model" / "vocabulary.py"

COPIES = {
    "modes": re.compile(r"""["']practice["']\s*,\s*["']assessment["']"""),
    "languages": re.compile(r"""["']en["']\s*,\s*["']id["']\s*[)\]]"""),
    "lesson pattern": re.compile(r"\[0-9\]\{2\}|\\d\{2\}-"),
    "exercise id characters": re.compile(r"\[a-z0-9\]\[a-z0-9-\]"),
}


def copies_in(text: str) -> list[tuple[int, str]]:
    """``(line number, what)`` for every spelled-out copy of the vocabulary in one module's text."""
    return [(number, what) for number, line in enumerate(text.splitlines(), 1) for what, rule in COPIES.items() if rule.search(line)]


def test_the_rules_find_a_copy():
    text = 'MODES = ("practice", "assessment")\nLANGS = ["en", "id"]\nX = re.compile(r"^[0-9]{2}$")\nY = r"[a-z0-9][a-z0-9-]*"\n'
    assert [what for _, what in copies_in(text)] == ["modes", "languages", "lesson pattern", "exercise id characters"]
    assert copies_in('if mode in MODES:\n    lang = "en"\n') == []


def test_no_module_outside_the_vocabulary_spells_its_own_copy():
    found = [
        f"{path.relative_to(COURSE.parent)}:{number}: a copy of the {what}; import it from course/model/vocabulary.py"
        for path in sorted(COURSE.rglob("*.py"))
        if path != VOCABULARY
        for number, what in copies_in(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)
