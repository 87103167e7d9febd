"""The lecturer's key files: what each assessment release's letters stand for, read and required before grading.

A key file (:mod:`course.grading.keyfile`) holds every release made into one
folder. Each answer is read through the release it was made in: the record
names it (a notebook answered before an update and after it holds records of
both), else the notebook's stamp does; and an item changed since is graded as
that release showed it (the key file keeps the item of each version).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from ..errors import CourseError, Problem
from ..intake.submissions import Submission
from ..model.bank_check import validate
from ..model.bankyaml import Checker
from ..model.types import Exercise
from ..model.vocabulary import LANGUAGES
from .keyfile import FIX, KeyFile, read_key_file

AMBIGUOUS: Final = "ambiguous"  # a notebook without a stamp whose release cannot be told from the keys given: no order may be guessed


@dataclass(frozen=True)
class ReleaseKey:
    """What a lecturer's key file says about one release: per exercise, the master keys in the order students saw them.

    ``exercises`` holds each exercise as the release showed it, rebuilt from
    the key file's copy of the item (format 2); an exercise missing there is
    graded by the current bank (all of them, for a key file of format 1).
    """

    release: str
    orders: Mapping[str, Mapping[str, list[str]]]
    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    family: frozenset[str] = frozenset()  # every release of the same key file (updates of one folder)

    def as_issued(self, exercises: Iterable[Exercise]) -> list[Exercise]:
        """``exercises`` (the current bank's) with each one replaced by the version this release showed, where known."""
        return [self.exercises.get(e.id, e) for e in exercises]


KeyChoice = ReleaseKey | Literal["ambiguous"] | None


def read_keys(paths: list[Path]) -> dict[str, ReleaseKey]:
    """The key files given with ``--key``: one :class:`ReleaseKey` per release they hold, by release id."""
    keys: dict[str, ReleaseKey] = {}
    for path in paths:
        keyfile = read_key_file(Path(path))
        built = _items(keyfile, str(path))
        family = frozenset(issued.release for issued in keyfile.releases)
        for issued in keyfile.releases:
            exercises = {ex: built[version] for ex, version in issued.versions.items()}
            keys[issued.release] = ReleaseKey(issued.release, issued.orders, exercises, family)
    return keys


def _items(keyfile: KeyFile, name: str) -> dict[str, Exercise]:
    """Every item the key file keeps, checked as a bank item and built, by version."""
    from ..model.bank import _build  # the bank's own builder: an item of the key file is read as the bank reads it

    built = {}
    for version, item in keyfile.items.items():
        checker = Checker(Path(name))
        if isinstance(item, dict) and "solution" in item:  # release writes the value; code here would run when grading
            raise CourseError(Problem(name, f"is not a release key file: item {version} holds code", FIX))
        try:
            validate({"lesson": str(item["id"])[:2], "title": dict.fromkeys(LANGUAGES, "-"), "exercises": [item]}, checker)
            problems = checker.problems
            built[version] = None if problems else _build(item, True)
        except (RecursionError, ValueError, TypeError, KeyError) as error:
            problems = [Problem(name, f"item {version}: {type(error).__name__}")]
        if problems:
            raise CourseError(Problem(name, f"is not a release key file: item {version}: {problems[0].message}", FIX))
    return built


def _key_for(sub: Submission, keys: Mapping[str, ReleaseKey]) -> KeyChoice:
    """The key to read ``sub``'s letters with, each record through the release it was made in.

    A stamped notebook takes its stamp's release (None when no key file holds
    it). A notebook without a stamp takes the release its records were made
    in; when they name none that was given, it takes the one release given
    (records older than release ids), and is :data:`AMBIGUOUS` otherwise: it is
    never read through an order it may not have shown.
    """
    assessed = [r for r in sub.records.values() if r.get("mode") == "assessment"]
    made_in = Counter(_made_in(r) for r in assessed if _made_in(r) in keys)
    if sub.release:
        base = keys.get(sub.release)
    elif made_in:
        base = keys[made_in.most_common(1)[0][0]]
    elif not assessed or not keys:
        return next(iter(keys.values())) if len(keys) == 1 else None  # nothing to read through a key
    elif len(keys) == 1 and not any(_made_in(r) for r in assessed):
        base = next(iter(keys.values()))
    else:
        return AMBIGUOUS
    return _as_made(base, sub.records, keys) if base else None


def _made_in(record: Mapping[str, Any]) -> str | None:
    """The release a record says it was made in (a format-1 record says none)."""
    made = record.get("release")
    return made if isinstance(made, str) and made else None


def _as_made(base: ReleaseKey, records: Mapping[str, Mapping[str, Any]], keys: Mapping[str, ReleaseKey]) -> ReleaseKey:
    """``base`` with each exercise whose record was made in another given release read through that release."""
    orders, exercises = dict(base.orders), dict(base.exercises)
    for exercise_id, record in records.items():
        made = keys.get(_made_in(record)) if record.get("mode") == "assessment" else None
        if made is None or made is base or not (exercise_id in made.orders or exercise_id in made.exercises):
            continue
        orders.pop(exercise_id, None)
        exercises.pop(exercise_id, None)
        if exercise_id in made.orders:
            orders[exercise_id] = made.orders[exercise_id]
        if exercise_id in made.exercises:
            exercises[exercise_id] = made.exercises[exercise_id]
    return dataclasses.replace(base, orders=orders, exercises=exercises)


def _require_keys(subs: list[Submission], lesson: str, keys: dict[str, ReleaseKey]) -> None:
    """Stop before anything is written when assessment notebooks cannot be mapped back to the options."""
    missing = sorted(
        {s.release or "?" for s in subs if s.readable and s.lesson == lesson and s.mode == "assessment" and _key_for(s, keys) is None}
    )
    if missing:
        raise CourseError(
            Problem(
                "grade",
                f"notebooks of release {', '.join(missing)} were released for assessment: "
                "the letters students chose map to the options only through that release's key file",
                "pass --key with the file release wrote beside the release folder (<folder>.key-<release>.json, named after "
                "the folder's first release: it holds every later one); nothing was written",
            )
        )
