"""The words and id patterns the whole course shares: lessons, exercise ids, modes, languages, statuses.

The JSON Schemas in ``schemas/`` spell the same patterns (JSON has no imports);
``tests/test_exercise_registry.py`` checks that they agree with this module.
"""

from __future__ import annotations

import re

LANGUAGES: tuple[str, ...] = ("en", "id")
MODES: tuple[str, ...] = ("practice", "assessment")
USES: tuple[str, ...] = (*MODES, "both")
KINDS: tuple[str, ...] = ("single", "multiple", "truefalse", "categorise", "ordering", "text", "code")

CORRECT, PARTIAL, INCORRECT, UNANSWERED, RECORDED = "correct", "partial", "incorrect", "unanswered", "recorded"
REVIEW = "review"  # a short text the keyword check cannot judge: the lecturer reads it
STATUSES: tuple[str, ...] = (CORRECT, PARTIAL, INCORRECT, UNANSWERED, RECORDED, REVIEW)

LESSON_PATTERN = "[0-9]{2}"
EXERCISE_ID_PATTERN = "[a-z0-9][a-z0-9-]{0,79}"
EXERCISE_ID_CHARACTERS = "[a-z0-9][a-z0-9-]*"  # what a bank's id may contain (the schema then bounds its length)
LESSON_EXERCISE_PATTERN = "[0-9]{2}-[a-z0-9-]+"  # an id that starts with its lesson, e.g. 00-unknown-title
RELEASE_ID_PATTERN = "[0-9a-f]{6,64}"
OPTION_KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}"

LESSON = re.compile(f"^{LESSON_PATTERN}$")
EXERCISE_ID = re.compile(f"^{EXERCISE_ID_PATTERN}$")
EXERCISE_ID_CHARS = re.compile(EXERCISE_ID_CHARACTERS)
LESSON_EXERCISE = re.compile(f"^{LESSON_EXERCISE_PATTERN}$")
RELEASE_ID = re.compile(f"^{RELEASE_ID_PATTERN}$")
