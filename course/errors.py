"""Errors the course raises for people: one line each, naming the file, the place and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message: str
    fix: str = ""
    row: int | None = None
    column: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.line is not None:
            place.append(f"line {self.line}")
        if self.column is not None:
            place.append(f"column '{self.column}'")
        text = f"{', '.join(place)}: {self.message}"
        return f"{text}. Fix: {self.fix}" if self.fix else text


class CourseError(Exception):
    """Base class: an error whose message is meant for a lecturer or a student."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        first = str(self.problems[0]) if self.problems else "unknown problem"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(first + suffix)


class CorpusError(CourseError):
    """An abstracts CSV that cannot be loaded."""


class BankError(CourseError):
    """An exercise bank (YAML) that cannot be used."""
