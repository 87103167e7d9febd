"""Reading an exercise bank's YAML with line numbers, and the helpers every type's bank checks use.

:class:`Checker` collects problems with their file and line; :func:`entries`
checks a list of options, items or categories; :func:`text_of` and
:func:`default_key` read checked entries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .vocabulary import LANGUAGES


class Node(dict):
    """A mapping that remembers the line of each of its keys."""

    line: int = 0
    lines: dict[str, int]


class LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings remember their line numbers."""


def _construct_node(loader: LineLoader, node: yaml.MappingNode) -> Node:
    mapping = Node(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_node)


class Checker:
    """Collects problems while walking one bank."""

    def __init__(self, path: Path):
        self.name = path.name
        self.problems: list[Problem] = []

    def add(self, node: Any, key: str | None, where: str, message: str, fix: str = "") -> None:
        line = None
        if isinstance(node, Node):
            line = node.lines.get(key, node.line) if key else node.line
        self.problems.append(Problem(self.name, f"{where}{message}", fix, line=line))

    def bilingual(self, node: Any, key: str, where: str, required: bool = True) -> None:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            if required:
                self.add(node, key, where, f"'{key}' is missing", f"add '{key}: {{en: ..., id: ...}}'")
            return
        if isinstance(value, str):
            self.add(node, key, where, f"'{key}' has only one language", f"write it as '{key}: {{en: ..., id: ...}}'")
            return
        if not isinstance(value, dict):
            self.add(node, key, where, f"'{key}' must map 'en' and 'id' to texts")
            return
        for lang in LANGUAGES:
            if not str(value.get(lang) or "").strip():
                language = "English" if lang == "en" else "Indonesian"
                self.add(node, key, where, f"missing {language} translation of '{key}'", f"add '{lang}: ...' under '{key}'")
        for extra in sorted(set(value) - set(LANGUAGES), key=str):
            self.add(
                value,
                extra,
                where,
                f"unknown language '{extra}' in '{key}'",
                f"use only 'en' and 'id'; if a text contains a comma, put it in quotes: {key}: {{en: \"a, b\", id: \"...\"}}",
            )


def read_yaml(path: Path, checker: Checker) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        checker.add(None, None, "", "file not found", "check the path")
        return None
    except UnicodeDecodeError:
        checker.add(None, None, "", "is not UTF-8 text", "save the file as UTF-8")
        return None
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        checker.problems.append(
            Problem(
                checker.name,
                f"this is not valid YAML ({problem})",
                "check the indentation and the quotes around texts with ':'",
                line=mark.line + 1 if mark else None,
            )
        )
        return None


def entries(item: dict, field: str, where: str, checker: Checker, minimum: int = 2) -> list[dict]:
    entries = item.get(field)
    if not isinstance(entries, list) or len(entries) < minimum:
        checker.add(item, field, where, f"'{field}' needs at least {minimum} entries")
        return []
    keys: dict[str, int] = {}
    good = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            checker.add(item, field, where, f"entry {number} of '{field}' must be a mapping with 'text: {{en: ..., id: ...}}'")
            continue
        key = str(entry.get("key", default_key(field, number)))
        if key in keys:
            checker.add(entry, "key", where, f"key '{key}' is used twice in '{field}'", "make every key unique")
        keys[key] = number
        checker.bilingual(entry, "text", where + f"{field} '{key}': ")
        checker.bilingual(entry, "feedback", where + f"{field} '{key}': ", required=False)
        good.append(entry)
    return good


def default_key(field: str, number: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[number - 1] if field == "options" and number <= 26 else f"{field[0]}{number}"


def text_of(value: Any) -> dict[str, str]:
    return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}
