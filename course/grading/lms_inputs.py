"""Where a run's grades go: the options naming the class list and the LMS files, and those files read and checked.

:func:`read_lms_inputs` reads them before anything is graded, so a bad file
stops the run before anything is written (:func:`course.grading.run.grade`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError, Problem
from ..intake.roster import Roster, read_roster
from ..lms import canvas as lms_canvas
from ..lms import moodle as lms_moodle


@dataclass
class LmsOptions:
    """Where the grades go: the class list and the files the lecturer downloaded from the LMS."""

    roster: Path | None = None
    moodle_worksheet: Path | None = None
    canvas_gradebook: Path | None = None
    canvas_assignment: str | None = None
    points_possible: float | None = None
    classroom: bool = False
    keep_lms_grades: bool = False  # a grade or comment already in the LMS file stays as it is (each is listed in the report)


@dataclass
class LmsInputs:
    """The LMS files, read and checked before anything is graded."""

    options: LmsOptions
    roster: Roster | None = None
    worksheet: lms_moodle.Worksheet | None = None
    canvas: lms_canvas.CanvasBook | None = None
    canvas_column: int | None = None


def read_lms_inputs(options: LmsOptions) -> LmsInputs:
    """Read the roster, worksheet and gradebook export; a bad one stops the run before anything is written."""
    if options.points_possible is not None and not options.points_possible > 0:
        raise CourseError(
            Problem(
                "grade",
                f"--points-possible {options.points_possible:g} is not a positive number",
                "give the LMS assignment's maximum, e.g. --points-possible 100",
            )
        )
    inputs = LmsInputs(options)
    if options.moodle_worksheet:
        inputs.worksheet = lms_moodle.read_worksheet(Path(options.moodle_worksheet))
    if options.canvas_gradebook:
        inputs.canvas = lms_canvas.read_canvas_gradebook(Path(options.canvas_gradebook))
    if options.roster:
        inputs.roster = read_roster(Path(options.roster))
    elif inputs.worksheet:
        inputs.roster = lms_moodle.worksheet_roster(inputs.worksheet)
    elif inputs.canvas:
        inputs.roster = lms_canvas.canvas_roster(inputs.canvas)
    return inputs
