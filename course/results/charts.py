"""The class summary's pictures: the score histogram, the facility-discrimination scatter, a flagged item's option counts.

Each chart is drawn with matplotlib (imported only here, on first use, so a run
without statistics never pays for it) into a self-contained SVG whose text
stays text (searchable, and labelled in the page's language); the page shows
it as an ``<img>`` whose source is the SVG itself (``data:`` URL), so nothing is
fetched over the network and no markup of the SVG reaches the page as HTML.
The words are the entries ``summary.chart_*`` of :mod:`course.words`.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import pick
from ..messages import number_text, say
from .statistics import TOO_EASY, TOO_HARD, OptionCount

RIGHT, WRONG, FLAGGED, PLAIN = "#2e7d32", "#c62828", "#c62828", "#1f5fa8"
WIDTH = 7.5  # inches: the page is 60em wide
MAX_LABEL = 48  # characters of an option's text on its bar


@dataclass(frozen=True)
class Chart:
    """One picture: its SVG text and the sentence that says what it shows (the image's ``alt``)."""

    name: str
    svg: str
    alt: str

    def data_url(self) -> str:
        """The SVG as a ``data:`` URL for an ``<img>``: no network, no markup in the page."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")

    def _repr_svg_(self) -> str:  # Jupyter shows the chart itself
        return self.svg


def _plain(text: str) -> str:
    """Text matplotlib draws as written: a ``$`` would otherwise start mathematics."""
    return text.replace("$", r"\$")


def _figure(height: float) -> tuple[Any, Any]:
    from matplotlib.figure import Figure  # no pyplot: no global state, no window

    figure = Figure(figsize=(WIDTH, height), layout="constrained")
    return figure, figure.subplots()


def _svg(figure: Any) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "course-summary", "font.size": 11}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # the picture alone, without the XML prologue


def histogram(percents: Sequence[float], lang: str) -> Chart:
    """How many students scored in each tenth of the maximum (0-9%, ..., 90-100%)."""
    counts = [0] * 10
    for percent in percents:
        counts[min(max(int(percent // 10), 0), 9)] += 1
    figure, axes = _figure(3.2)
    axes.bar([10 * n + 5 for n in range(10)], counts, width=9, color=PLAIN)
    for n, count in enumerate(counts):
        if count:
            axes.annotate(str(count), (10 * n + 5, count), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
    axes.set_xlim(0, 100)
    axes.set_xticks(range(0, 101, 10))
    axes.set_ylim(0, max([*counts, 1]) * 1.15)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel(_plain(say("chart_score_axis", lang)))
    axes.set_ylabel(_plain(say("chart_students_axis", lang)))
    axes.spines[["top", "right"]].set_visible(False)
    return Chart("histogram", _svg(figure), say("chart_histogram_alt", lang, students=len(percents)))


def scatter(points: Sequence[tuple[str, float, float, bool]], lang: str) -> Chart:
    """Each item at (facility %, discrimination), labelled with its id; flagged items red squares, the others blue dots.

    ``points`` are ``(item id, facility, discrimination, flagged)`` for the items that have both figures.
    """
    figure, axes = _figure(4.6)
    low = min([p[2] for p in points] + [-0.2])
    axes.axvspan(0, TOO_HARD, color="#f3d6d6", lw=0)
    axes.axvspan(TOO_EASY, 100, color="#f3d6d6", lw=0)
    axes.axhspan(low - 0.1, 0, color="#f3d6d6", lw=0)
    axes.axhline(0, color="#555", lw=0.8)
    for flagged, marker, colour in ((False, "o", PLAIN), (True, "s", FLAGGED)):
        chosen = [p for p in points if p[3] == flagged]
        axes.scatter([p[1] for p in chosen], [p[2] for p in chosen], marker=marker, color=colour, s=36, zorder=3)
    axes.set_xlim(0, 100)
    axes.set_ylim(low - 0.1, 1.05)
    _place_labels(figure, axes, _clusters(points))
    axes.set_xlabel(_plain(say("chart_facility_axis", lang)))
    axes.set_ylabel(_plain(say("chart_discrimination_axis", lang)))
    axes.spines[["top", "right"]].set_visible(False)
    return Chart("scatter", _svg(figure), say("chart_scatter_alt", lang, items=len(points)))


OFFSETS = [(6, 0, "left"), (-6, 0, "right"), (6, 11, "left"), (6, -11, "left"), (-6, 11, "right"), (-6, -11, "right")]
OFFSETS += [(6, 22 * sign, "left") for sign in (1, -1)] + [(6, 33 * sign, "left") for sign in (1, -1)]


def _place_labels(figure: Any, axes: Any, groups: list[tuple[tuple[float, float], list[str]]]) -> None:
    """Each group's label beside its point, on the first side where it overlaps no label placed before and no point."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    dots = [axes.transData.transform(place) for place, _ in groups]
    placed: list[Any] = []
    for place, items in groups:
        label = "\n".join(_plain(item) for item in items)  # items at (almost) one place share one label, one id a line
        for dx, dy, align in OFFSETS:
            text = axes.annotate(label, place, xytext=(dx, dy), textcoords="offset points", fontsize=8.5, ha=align, va="center", zorder=4)
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = axes.get_window_extent(renderer).contains(box.x0, box.y0) and axes.get_window_extent(renderer).contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed) and not any(box.contains(x, y) for x, y in dots):
                break
            text.remove()
        else:
            text = axes.annotate(label, place, xytext=(6, 0), textcoords="offset points", fontsize=8.5, va="center", zorder=4)
            box = text.get_window_extent(renderer)
        placed.append(box)


def _clusters(points: Sequence[tuple[str, float, float, bool]]) -> list[tuple[tuple[float, float], list[str]]]:
    """Items whose points lie within 2 facility points and 0.04 discrimination of a group's first, grouped under one label."""
    groups: list[tuple[tuple[float, float], list[str]]] = []
    for item, facility, discrimination, _ in sorted(points, key=lambda p: (p[1], p[2], p[0])):
        near = next((g for g in groups if abs(g[0][0] - facility) <= 2 and abs(g[0][1] - discrimination) <= 0.04), None)
        if near:
            near[1].append(item)
        else:
            groups.append(((facility, discrimination), [item]))
    return groups


def options_chart(exercise: str, options: Sequence[OptionCount], lang: str) -> Chart:
    """How many students chose each option of one item; the right options green, marked with a check, the wrong ones red."""
    figure, axes = _figure(0.9 + 0.42 * max(len(options), 1))
    labels = []
    for option in options:
        text = " ".join(str(pick(option.text, lang)).split())
        text = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
        labels.append(_plain(("✓ " if option.correct else "") + text))
    rows = list(range(len(options)))[::-1]  # the first option on top
    counts = [o.students for o in options]
    axes.barh(rows, counts, color=[RIGHT if o.correct else WRONG for o in options], height=0.65)
    for row, count in zip(rows, counts, strict=True):
        axes.annotate(str(count), (count, row), va="center", xytext=(3, 0), textcoords="offset points")
    axes.set_yticks(rows, labels=labels)
    axes.set_xlim(0, max([*counts, 1]) * 1.15)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel(_plain(say("chart_students_axis", lang)))
    axes.set_title(_plain(exercise), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    right = ", ".join(str(pick(o.text, lang)) for o in options if o.correct)
    alt = say("chart_options_alt", lang, exercise=exercise, right=right, counts=", ".join(number_text(c, lang) for c in counts))
    return Chart(f"options-{exercise}", _svg(figure), alt)
