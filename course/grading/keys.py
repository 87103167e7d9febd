"""The lecturer's key files: what each assessment release's letters stand for, read and required before grading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError, Problem
from ..intake.submissions import Submission
from ..model import schema


@dataclass(frozen=True)
class ReleaseKey:
    """What a lecturer's key file says: per exercise, the master keys in the order students saw them."""

    release: str
    orders: dict[str, dict[str, list[str]]]


def read_keys(paths: list[Path]) -> dict[str, ReleaseKey]:
    """The key files given with ``--key``, checked against ``release-key.schema.json``, by release id."""
    keys = {}
    for path in paths:
        try:
            data = schema.loads(Path(path).read_bytes())
        except (OSError, ValueError, RecursionError) as error:
            raise CourseError(
                Problem(
                    str(path),
                    f"cannot be read as a key file ({getattr(error, 'strerror', None) or error})",
                    "give the .key-<release>.json file that release wrote",
                )
            ) from None
        problem = schema.problem("release-key", data, "the key file", bounded=False)
        if problem:
            raise CourseError(
                Problem(str(path), f"is not a release key file: {problem}", "give the .key-<release>.json file that release wrote")
            )
        keys[data["release"]] = ReleaseKey(data["release"], data["orders"])
    return keys


def _key_for(sub: Submission, keys: dict[str, ReleaseKey]) -> ReleaseKey | None:
    if sub.release in keys:
        return keys[sub.release]
    return next(iter(keys.values())) if len(keys) == 1 and not sub.release else None


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
                "pass --key with the file release wrote beside the release folder (<folder>.key-<release>.json); nothing was written",
            )
        )
