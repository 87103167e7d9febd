"""The table ``progress()`` shows: one row per exercise, as HTML and as plain text."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Progress:
    """A progress table that displays as HTML and as text: number, title, status, points per exercise."""

    rows: list[tuple[str, str, str, str]]
    title: str
    summary: str
    headers: tuple[str, str, str, str]

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        table = [self.headers, *self.rows]
        widths = [max(len(row[n]) for row in table) for n in range(3)]
        lines = [self.title]
        lines += [f"{a:>{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}".rstrip() for a, b, c, d in table]
        lines.append(self.summary)
        cells = "".join(
            f"<tr><td style='text-align:right'>{html.escape(a)}</td><td style='text-align:left'>{html.escape(b)}</td>"
            f"<td style='text-align:left'>{html.escape(c)}</td><td style='text-align:right'>{html.escape(d)}</td></tr>"
            for a, b, c, d in self.rows
        )
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.headers)
        markup = (
            f"<div><strong>{html.escape(self.title)}</strong><table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>"
            f"<p>{html.escape(self.summary)}</p></div>"
        )
        return {"text/plain": "\n".join(lines), "text/html": markup}
