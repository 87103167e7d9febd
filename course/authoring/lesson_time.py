"""How long a lesson takes a beginner, from a stated formula rather than a hope.

    minutes = prose words / READING_WPM + CODE_CELL_MINUTES x code cells + EXERCISE_MINUTES x exercises

* **Reading.** Brysbaert (2019), a meta-analysis of 190 studies, puts adult silent
  reading of English non-fiction at 238 words per minute on average, most adults
  between 175 and 300, and reports lower rates for readers of English as a second
  language (M. Brysbaert, "How many words do we read per minute? A review and
  meta-analysis of reading rate", *Journal of Memory and Language* 109, 104047,
  https://doi.org/10.1016/j.jml.2019.104047). Our readers study academic prose,
  often in their second language, and compare quotations with the abstracts; we
  take 100 words per minute, well below the low end of that range. The same rate
  is used for the Indonesian copies, so their estimate is on the generous side for
  students who read Indonesian first.
* **Code.** One minute per code cell: read it, run it, look at the output.
* **Exercises.** Two minutes per exercise of the lesson's practice set, on top of
  its cell: read the question, answer, read the feedback.

Cells marked as "going further" (a markdown cell whose first heading says so,
and the cells under it until the next heading of the same or a higher level) are
optional: they are counted apart and no exercise depends on them.
``tests/content/test_lesson_times.py`` keeps each lesson's stated time within 25%
of this estimate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

READING_WPM = 100
CODE_CELL_MINUTES = 1
EXERCISE_MINUTES = 2

GOING_FURTHER = re.compile(r"^(#+)\s.*(going further|lebih jauh|pendalaman)", re.IGNORECASE)
HEADING = re.compile(r"^(#+)\s")
STATED = re.compile(r"\*\*(?:Time|Waktu):\*\*\s*(?:about|sekitar)\s*(\d+)\s*(?:minutes|menit)")
MARKUP = re.compile(r"<[^>]+>|[#*`|>]|\]\([^)]*\)")


@dataclass(frozen=True)
class Estimate:
    """The parts of a lesson the formula counts, and the minutes they give."""

    words: int
    code_cells: int
    exercises: int
    optional_words: int = 0
    optional_code_cells: int = 0

    @property
    def minutes(self) -> float:
        """The core lesson (without the optional "going further" cells)."""
        return self.words / READING_WPM + CODE_CELL_MINUTES * self.code_cells + EXERCISE_MINUTES * self.exercises

    @property
    def optional_minutes(self) -> float:
        """The optional "going further" cells alone."""
        return self.optional_words / READING_WPM + CODE_CELL_MINUTES * self.optional_code_cells


def prose_words(markdown: str) -> int:
    """Words a student reads in a markdown cell (markup, tags and link targets left out)."""
    return len(MARKUP.sub(" ", markdown).split())


def estimate(notebook: Path, exercises: int) -> Estimate:
    """The formula's counts for one notebook whose practice set has ``exercises`` exercises."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    words = code = optional_words = optional_code = 0
    optional_level: int | None = None  # inside a "going further" section of this heading level
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        first_line = source.lstrip().split("\n", 1)[0]
        if cell["cell_type"] == "markdown":
            heading = HEADING.match(first_line)
            if heading and optional_level is not None and len(heading.group(1)) <= optional_level:
                optional_level = None
            further = GOING_FURTHER.match(first_line)
            if further:
                optional_level = len(further.group(1))
        optional = optional_level is not None
        if cell["cell_type"] == "markdown":
            if optional:
                optional_words += prose_words(source)
            else:
                words += prose_words(source)
        elif cell["cell_type"] == "code" and source.strip():
            if optional:
                optional_code += 1
            else:
                code += 1
    return Estimate(words, code, exercises, optional_words, optional_code)


def stated_minutes(notebook: Path) -> int | None:
    """The time the lesson states ("**Time:** about N minutes" / "**Waktu:** sekitar N menit"), if any."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            found = STATED.search("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
            if found:
                return int(found.group(1))
    return None
