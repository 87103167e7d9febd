"""Reading a feedback page as a student does (test_feedback_screen, test_dosen_round)."""

from __future__ import annotations

import html
import re


def page_cell(page: str, exercise: str, heading: str) -> str:
    """The text of one row ('Jawaban Anda', 'Jawaban yang tepat' ...) of an exercise's table on a feedback page."""
    table = next(t for t in page.split("<table") if f"· {exercise} ·" in t)
    found = re.search(rf"<tr><th>{re.escape(heading)}</th><td><div class=\"answer\">(.*?)</div>", table, re.DOTALL)
    assert found, (exercise, heading)
    return html.unescape(found.group(1))
