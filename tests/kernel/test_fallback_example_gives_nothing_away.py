"""The example in "No form to click here? Answer in a code cell, for example: ..." never points to an answer.

A fixed example ("B", "A, C", the first item in the first category) is sometimes the key itself, and then the
text copy gives the answer away or lets a student rule options out. Whatever the key, the example line must name
every letter on screen (a choice), both values (true/false) or only placeholders (sorting, ordering). Checked
against the bank's keys for every widget exercise of every bank, in both languages and both modes, on the master
copy and on an assessment release's student copy (options relettered and items reordered from the release's secret).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from course.kernel.fallback import howto_line, visible_fallback_text
from course.kernel.render import build_spec
from course.model.bank import LETTERS, bank_paths, load_bank, strip_keys
from course.model.exercises import Exercise
from course.model.vocabulary import LANGUAGES, MODES


@dataclass(frozen=True)
class Shown:
    """One exercise as a notebook shows it, and its key in the terms of that copy (letters on its screen, item keys)."""

    exercise: Exercise
    mode: str
    correct_letters: frozenset[str] = frozenset()
    pairs: tuple[tuple[str, str], ...] = ()
    order: tuple[str, ...] = ()


def key_of(master: Exercise, option_order: list[str]) -> dict[str, Any]:
    """The master's key, with option letters as a copy showing ``option_order`` prints them."""
    if master.kind in ("single", "multiple"):
        return {"correct_letters": frozenset(LETTERS[option_order.index(o.key)] for o in master.options if o.correct)}
    if master.kind == "categorise":
        return {"pairs": tuple((item.key, str(item.category)) for item in master.items)}
    if master.kind == "ordering":
        return {"order": tuple(item.key for item in master.items)}
    return {}


def shown_exercises(path: Path, mode: str, folder: Path) -> Iterator[Shown]:
    masters = {e.id: e for e in load_bank(path).exercises if not e.answered_with_check}  # each in both modes
    for master in masters.values():
        yield Shown(master, mode, **key_of(master, master.shown_keys() if master.kind in ("single", "multiple") else []))
    if mode != "assessment":
        return
    stripped, orders = strip_keys(path, "a-release-secret")
    copy = folder / path.name
    copy.write_text(yaml.safe_dump(stripped, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for exercise in load_bank(copy).exercises:
        if exercise.id in masters:
            yield Shown(exercise, mode, **key_of(masters[exercise.id], orders.get(exercise.id, {}).get("options", [])))


def example_calls(shown: Shown, lang: str) -> list[str]:
    """The example as the lines show it (notebook and static page): from ``answer(`` to the end of the line."""
    spec = build_spec(shown.exercise, lang, shown.mode, 1)
    lines = [howto_line(spec, lang), howto_line(spec, lang, static=True), visible_fallback_text(spec, None, lang).splitlines()[-1]]
    assert all('answer("' in line for line in lines), lines
    return [line[line.index('answer("') :] for line in lines]


def problem(shown: Shown, call: str) -> str | None:
    """What the example gives away, or None."""
    exercise, quoted = shown.exercise, re.findall(r'"([^"]*)"', call)
    if exercise.kind in ("single", "multiple"):
        on_screen = [LETTERS[n] for n in range(len(exercise.options))]
        named = [part.strip() for text in quoted[1:] for part in text.split(",")]
        if sorted(named) != on_screen:
            return f"names the letters {named}, not every letter on screen {on_screen} (key: {sorted(shown.correct_letters)})"
        if exercise.kind == "multiple" and set(on_screen) == shown.correct_letters:
            return "the letters as written are the key"
    if exercise.kind == "truefalse" and not ("True)" in call and "False)" in call):
        return "shows one value only"
    if exercise.kind == "categorise":
        given = [(key, category) for key, category in shown.pairs if f'"{key}": "{category}"' in call]
        named = [name for name in {k for pair in shown.pairs for k in pair} if f'"{name}"' in call]
        if given or named:
            return f"places {given or named} (right pairings: {given})"
    if exercise.kind == "ordering":
        named = [key for key in shown.order if f'"{key}"' in call]
        if named:
            return f"suggests an order of {named} (key: {list(shown.order)})"
    return None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", bank_paths(), ids=lambda p: p.stem)
def test_the_example_line_never_points_to_an_answer(path, mode, tmp_path):
    problems, kinds = [], set()
    for shown in shown_exercises(path, mode, tmp_path):
        kinds.add(shown.exercise.kind)
        for lang in LANGUAGES:
            for call in example_calls(shown, lang):
                found = problem(shown, call)
                if found:
                    problems.append(
                        f"{shown.exercise.id} ({lang}, {mode}, {'copy' if not shown.exercise.has_key else 'master'}): {call} {found}"
                    )
    assert not problems, "\n".join(sorted(set(problems)))
    assert kinds, f"no widget exercise in {path.name} ({mode})"


def test_the_exercises_the_review_found_now_show_neutral_examples():
    """04-lake-rules (key B), the mch-vision row of 04-sort-scenarios, the market-board row of 05-three-meanings."""
    banks = {p.name[:2]: load_bank(p) for p in bank_paths()}
    lake = build_spec(banks["04"].get("04-lake-rules"), "en", "practice", 1)
    assert howto_line(lake, "en").endswith('answer("04-lake-rules", "A")  (or "B", "C")')
    assert howto_line(lake, "id").endswith('answer("04-lake-rules", "A")  (atau "B", "C")')
    for lesson, exercise_id, row in (("04", "04-sort-scenarios", "mch-vision"), ("05", "05-three-meanings", "market-board")):
        for lang in LANGUAGES:
            line = howto_line(build_spec(banks[lesson].get(exercise_id), lang, "practice", 1), lang)
            assert f'"{row}"' not in line and ", ...})" in line, line
