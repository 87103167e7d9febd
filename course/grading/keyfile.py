"""The lecturer's key file of an assessment release folder: every order and every item version it ever issued.

``release --mode assessment`` writes it beside the release folder
(``<folder>.key-<first release id>.json``, never inside it) and ``grade --key``
reads it. It is append only: releasing again into the same folder adds to it
and never drops or changes what earlier students may have seen. Format 2::

    {"format": 2, "about": "...",
     "release": "<id of the first release made into the folder: it names the file>",
     "course_version": "<of the newest release>", "lessons": [every lesson ever released there],
     "orders": {exercise id: {"options" or "items": [master keys in screen order]}},   # the newest order of each
     "releases": [                                                                     # oldest first
        {"release": id, "course_version": ..., "lessons": [...],
         "orders": {exercise id: {...}}, "versions": {exercise id: version}}, ...],
     "items": {version: the master bank item as released, answer key included}}

A version is a digest of the whole bank item (:func:`version_of`): an item
changed in any way gets a new one, and answers made against the old version
are graded by the old item kept under ``items``. An update that changes no
order or version of what the newest release showed keeps that release's id; any
other update is a new release (new id) in the same file. Format 1 (one
release: ``release`` and ``orders``, no versions) is what the course wrote
before; it is still read, and grades as it always did (by the current bank).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CourseError, Problem
from ..model import schema

FORMAT = 2
Orders = dict[str, dict[str, list[str]]]
ABOUT = (
    "Key of an assessment release folder of the good-governance course. Keep it away from students: it maps the letters "
    "and the order they saw back to the answers. python -m course grade --key needs it. Append only: every release made "
    "into the folder adds its orders and item versions here, so keep this one file and never edit it."
)
FIX = "give the .key-<release>.json file that release wrote beside the release folder"


class KeyFileError(CourseError):
    """A key file that cannot be read (one line naming the file and the fix)."""


def version_of(item: dict[str, Any]) -> str:
    """The version of a bank item: a digest of all of it (options, texts, answer key), independent of field order."""
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]


@dataclass
class Issued:
    """One release made into the folder: its id, what it showed in which order, and which version of each item."""

    release: str
    course_version: str = ""
    lessons: list[str] = field(default_factory=list)
    orders: Orders = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # empty for a release recorded in format 1

    def holds(self, exercise_id: str) -> bool:
        return exercise_id in self.orders or exercise_id in self.versions

    def as_json(self) -> dict[str, Any]:
        return {
            "release": self.release,
            "course_version": self.course_version,
            "lessons": sorted(self.lessons),
            "orders": self.orders,
            "versions": self.versions,
        }


@dataclass
class KeyFile:
    """Every release of one folder, oldest first, and the items of every version they showed."""

    release: str  # the first release's id, which names the file
    releases: list[Issued]
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def first(cls, release_id: str, course_version: str, lessons: list[str], orders: Orders, items: dict[str, dict]) -> KeyFile:
        """The key file of a folder's first release."""
        keyfile = cls(release_id, [])
        keyfile.add(release_id, course_version, lessons, orders, items, reuse=False)
        return keyfile

    @property
    def newest(self) -> Issued:
        return self.releases[-1]

    def latest_orders(self) -> Orders:
        """The newest order of every exercise any release showed (an update keeps it where the options stay the same)."""
        latest: Orders = {}
        for issued in self.releases:
            latest.update(issued.orders)
        return latest

    def add(
        self, fresh_id: str, course_version: str, lessons: list[str], orders: Orders, items: dict[str, dict], reuse: bool = True
    ) -> tuple[str, list[str]]:
        """Record a release of ``items`` (exercise id: master item) shown in ``orders``; returns its id and the items changed.

        With ``reuse`` (an update of the same folder) the newest release's id is
        kept when no exercise it showed changes order or version: the new
        exercises join it and nothing it had changes. Otherwise the release is
        appended as ``fresh_id``. Nothing recorded before is dropped or changed.
        """
        versions = {exercise_id: version_of(item) for exercise_id, item in items.items()}
        for exercise_id, item in items.items():
            self.items.setdefault(versions[exercise_id], item)
        newest = self.newest if self.releases else None
        changed = sorted(
            exercise_id
            for exercise_id in versions
            if newest
            and newest.holds(exercise_id)
            and (
                newest.orders.get(exercise_id) != orders.get(exercise_id)
                or newest.versions.get(exercise_id, versions[exercise_id]) != versions[exercise_id]
            )
        )
        if reuse and newest and not changed:
            for exercise_id, version in versions.items():
                newest.versions.setdefault(exercise_id, version)  # a format-1 release learns the version it kept showing
                if exercise_id in orders:
                    newest.orders.setdefault(exercise_id, orders[exercise_id])
            newest.lessons = sorted(set(newest.lessons) | set(lessons))
            newest.course_version = course_version
            return newest.release, []
        self.releases.append(Issued(fresh_id, course_version, sorted(lessons), dict(orders), versions))
        return fresh_id, changed

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "about": ABOUT,
            "release": self.release,
            "course_version": self.newest.course_version,
            "lessons": sorted({lesson for issued in self.releases for lesson in issued.lessons}),
            "orders": self.latest_orders(),
            "releases": [issued.as_json() for issued in self.releases],
            "items": self.items,
        }

    def text(self) -> str:
        return json.dumps(self.as_json(), indent=1, ensure_ascii=False, default=str) + "\n"


def parse_key_file(data: Any, name: str) -> KeyFile:
    """A key file's JSON (format 1 or 2) as a :class:`KeyFile`; :class:`KeyFileError` for anything else."""
    problem = schema.problem("release-key", data, "the key file", bounded=False)
    if problem:
        raise KeyFileError(Problem(name, f"is not a release key file: {problem}", FIX))
    if data["format"] == 1:
        issued = Issued(data["release"], str(data.get("course_version", "")), list(data.get("lessons", [])), data["orders"])
        return KeyFile(data["release"], [issued])
    releases = [
        Issued(r["release"], str(r.get("course_version", "")), list(r.get("lessons", [])), r["orders"], r.get("versions", {}))
        for r in data["releases"]
    ]
    twice = sorted({r.release for n, r in enumerate(releases) if r.release in {o.release for o in releases[:n]}})
    missing = sorted({v for r in releases for v in r.versions.values()} - set(data["items"]))
    if twice or missing:
        what = f"names release {twice[0]} twice" if twice else f"lacks the item of version {missing[0]}"
        raise KeyFileError(Problem(name, f"is not a release key file: it {what}", FIX))
    return KeyFile(data["release"], releases, data["items"])


def read_key_file(path: Path) -> KeyFile:
    """The key file at ``path``; :class:`KeyFileError` naming the file when it cannot be read as one."""
    try:
        data = schema.loads(Path(path).read_bytes())
    except (OSError, ValueError, RecursionError) as error:
        raise KeyFileError(Problem(str(path), f"cannot be read as a key file ({getattr(error, 'strerror', None) or error})", FIX)) from None
    return parse_key_file(data, str(path))


def holding(path: Path, release_id: str) -> KeyFile | None:
    """The key file at ``path`` if it can be read and holds release ``release_id``, else None."""
    try:
        keyfile = read_key_file(path)
    except KeyFileError:
        return None
    return keyfile if release_id in {issued.release for issued in keyfile.releases} else None
