"""The one catalogue of words (course/words.yml): complete, used, and the only one."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from course.messages import NAMESPACES
from course.words import CATALOGUE_FILE, LANGUAGES, catalogue, texts, word

COURSE = Path(__file__).resolve().parents[1] / "course"

# Groups whose entries a lookup function finds by the name within the group (course.i18n.t takes "unknown"
# for student.unknown; course.messages.say takes "lms_comment" for lms.lms_comment, and so on).
LOOKUP_PREFIXES = ("student.", "column.", "widget.", "session.", "page.", *(f"{group}." for group in NAMESPACES))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_has_both_languages_the_same_fields_and_no_empty_text():
    assert len(catalogue()) > 250
    for key, entry in catalogue().items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert _fields(entry["en"]) == _fields(entry["id"]), key


def test_the_lookups_fill_fields_and_fall_back_to_english():
    assert word("widget.check", "id") == "Periksa"
    assert word("widget.check", "fr") == "Check"
    assert word("type.categorise.expected", "en") == "a dict {item: category}", "doubled braces are literal"
    assert texts("check.ordering_missing", item={"en": "plan", "id": "rencana"}) == {
        "en": "Missing: 'plan'.",
        "id": "Belum ditempatkan: 'rencana'.",
    }


def _literals() -> tuple[set[str], set[str]]:
    """The string constants of the package's source, and the constant starts of its f-strings."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    for path in COURSE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))  # a key built as f"status_{status}" or f"column.{name}"
    return literals, prefixes


def test_every_entry_is_used():
    literals, prefixes = _literals()

    def used(key: str) -> bool:
        names = [key] + [key[len(p) :] for p in LOOKUP_PREFIXES if key.startswith(p)]
        return any(n in literals or any(p and n.startswith(p) and p[-1] in "_." for p in prefixes) for n in names)

    assert [key for key in catalogue() if not used(key)] == []


# Not words of the course: each language's own name (i18n.LANGUAGE_NAMES), and a stub bank entry
# (bank data, not a text anyone reads) with which bank_check checks a bank's top level.
NOT_WORDS = {"i18n.py": "LANGUAGE_NAMES", "model/bank_check.py": '"question": {"en": "x", "id": "x"}'}


def test_the_catalogue_is_the_only_table_of_words():
    """No module of the package writes a {"en": "...", "id": "..."} literal: bilingual words live in words.yml."""
    found = []
    for path in sorted(COURSE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and len(node.keys) == 2:
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                words = all(isinstance(v, (ast.Constant, ast.JoinedStr)) for v in node.values)
                line = path.read_text(encoding="utf-8").splitlines()[node.lineno - 1]
                allowed = NOT_WORDS.get(path.relative_to(COURSE).as_posix(), "\0") in line
                if keys == set(LANGUAGES) and words and not allowed:
                    found.append(f"{path.relative_to(COURSE)}:{node.lineno}")
    assert found == []


def test_the_catalogue_ships_with_the_package():
    pyproject = (COURSE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"words.yml"' in pyproject and CATALOGUE_FILE.parent == COURSE
