"""True/false keys are not all one way (issue 13: all seven were "false").

A bank with two or more true/false items must have at least one of each key,
and the course as a whole must too. The failure names the bank.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BANKS = sorted((ROOT / "data" / "exercises").glob("*.yml"))


def truefalse_keys(path: Path) -> dict[str, bool]:
    """``{exercise id: key}`` for the true/false items of one bank."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = raw.get("exercises", []) if isinstance(raw, dict) else raw
    return {item["id"]: bool(item["answer"]) for item in items if item.get("type") == "truefalse" and "answer" in item}


def one_way(keys: dict[str, bool]) -> bool:
    """True when two or more keys exist and all are the same."""
    return len(keys) >= 2 and len(set(keys.values())) == 1


def test_one_way_is_detected():
    assert one_way({"a": False, "b": False}) and one_way({"a": True, "b": True})
    assert not one_way({"a": False, "b": True}) and not one_way({"a": False}) and not one_way({})


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_truefalse_keys_of_a_bank_are_not_all_one_way(path: Path):
    keys = truefalse_keys(path)
    assert not one_way(keys), f"{path.name}: all {len(keys)} true/false keys are {next(iter(keys.values()))}: {sorted(keys)}"


def test_truefalse_keys_of_the_course_are_not_all_one_way():
    keys = {k: v for path in BANKS for k, v in truefalse_keys(path).items()}
    assert len(set(keys.values())) == 2, f"all {len(keys)} true/false keys of the course are {set(keys.values())}"
