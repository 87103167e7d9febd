"""Moodle group (team) assignments: a group's folder stands for every member of the group.

With "Students submit in groups" on, Moodle's download names each folder
after the group, not the student (``mod/assign/classes/downloader.php``,
``get_student_prefix``): ``<group name>_<group id>_assignsubmission_file``,
the group's name with ``_`` made spaces. The number is the group's id, never
a participant number, so it must not be read as one: a participant whose
number happens to equal a group id would receive the group's feedback.

The grading worksheet of such an assignment has a group column (Moodle's
``submissionteam`` string: "Group", formerly "Team"; Indonesian "Grup") with
each participant's group name (``gradingtable.php``, ``col_team``).
:func:`expand_teams` gives each member a copy of the group's submission under
the member's own participant number, so every member gets the group's grade
and a feedback page of her own; without a worksheet the members cannot be
named, and the report says so (``moodle_numbers``).
"""

from __future__ import annotations

from dataclasses import replace

from ..intake.roster import name_key
from ..intake.submissions import Submission
from ..messages import Message
from .moodle import Worksheet


def team_members(sheet: Worksheet) -> dict[str, list[tuple[str, str]]]:
    """Each group in the worksheet (its name as a set of words) -> its members' (participant number, full name)."""
    teams: dict[str, list[tuple[str, str]]] = {}
    if sheet.team is None:
        return teams
    for row in sheet.table.rows[1:]:
        participant, team = sheet.participant(row), sheet.cell(row, sheet.team)
        if participant and team:
            teams.setdefault(name_key(team.replace("_", " ")), []).append((participant, sheet.cell(row, sheet.name)))
    return teams


def expand_teams(subs: list[Submission], sheet: Worksheet | None) -> tuple[list[Submission], list[Message]]:
    """Every submission of a group folder replaced by one per member; a group the worksheet does not list costs its files only."""
    if sheet is None or sheet.team is None:
        return subs, []
    teams = team_members(sheet)
    expanded: list[Submission] = []
    lines: list[Message] = []
    for sub in subs:
        identity = sub.identity
        if identity is None or identity.source != "moodle":
            expanded.append(sub)
            continue
        members = teams.get(name_key(identity.name), [])
        if not members:
            lines.append(Message("file_note", file=sub.display, note=Message("moodle_team_unknown", team=identity.name)))
            continue
        for participant, full_name in members:
            member = replace(
                identity,
                student=f"Participant {participant}",
                name=full_name,
                participant=participant,
                moodle_prefix=f"{(full_name or 'Participant').replace('_', ' ').replace('/', ' ')}_{participant}",
            )
            expanded.append(
                replace(
                    sub,
                    student=member.student,
                    name=full_name,
                    identity=member,
                    participant=participant,
                    problems=list(sub.problems),
                    review=list(sub.review),
                )
            )
    return expanded, lines
