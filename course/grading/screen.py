"""What a student saw on screen: the order of options and items in the release their notebook belongs to.

A practice notebook (and a master) shows each exercise's options and items in
the order seeded by the exercise id (:meth:`display_order`, as the kernel's
widgets do). An assessment release shows them in an order drawn from the
release's secret, written only to the lecturer's key file
(``{exercise id: {"options" or "items": [master keys in screen order]}}``).
Feedback pages use this order, so letter C on the page is the option the
student saw as C.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model.types import Exercise

Orders = Mapping[str, Mapping[str, list[str]]]


@dataclass(frozen=True)
class Screen:
    """Master keys in on-screen order: options (A, B, C ...) and categorise/ordering items."""

    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    def letter(self, key: str) -> str | None:
        """The letter option ``key`` had on screen, or None when it was not shown."""
        return chr(65 + self.options.index(key)) if key in self.options else None


def practice_screen(exercise: Exercise) -> Screen:
    field = exercise.screen_field  # "options", "items" or None: the type says what its screen orders
    return Screen(**{field: tuple(exercise.shown_keys())}) if field else Screen()


def _complete(shown: list[str], keys: list[str]) -> tuple[str, ...]:
    """The release's order, with any key it does not name (a bank edited since) after the others."""
    order = [k for k in shown if k in keys]
    return tuple(order + [k for k in keys if k not in order])


def screen_of(exercise: Exercise, record: Mapping[str, Any] | None, orders: Orders | None) -> Screen:
    """The screen of one exercise: the release's order for an assessment record graded with a key, else the practice order.

    The rule is the grader's (:func:`course.grading.scoring._answer_of`): letters of
    an assessment record are read through the key file, anything else is in
    master keys shown in the seeded practice order.
    """
    release = (orders or {}).get(exercise.id)
    if record is None or record.get("mode") != "assessment" or orders is None:
        return practice_screen(exercise)
    release = release or {}
    field = exercise.screen_field
    return Screen(**{field: _complete(list(release.get(field, [])), exercise.master_keys())}) if field else Screen()


def screens(exercises: Iterable[Exercise], records: Mapping[str, Mapping[str, Any]], orders: Orders | None) -> dict[str, Screen]:
    """The screen of every exercise of one submission, by exercise id."""
    return {e.id: screen_of(e, records.get(e.id), orders) for e in exercises}
