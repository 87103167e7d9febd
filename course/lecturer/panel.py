"""The grading notebook's widgets: release, upload, grade, summary, review sheet, downloads.

``notebooks/lecturer/<lang>/grade-class.ipynb`` makes one :class:`GradingPanel`
and shows one step per cell. Every step calls what the command line calls
(:func:`course.authoring.release.release`, :func:`course.grading.run.grade`),
so the notebook and ``python -m course`` give the same files. Given the
notebook's parameters (``SUBMISSIONS`` ...), the grade step grades when its
cell runs, with no button pressed: running the notebook top to bottom then
does what ``grade`` does. The steps after grading are refreshed whenever the
class is graded again. Each step shows a plain-text twin when no widget can
be drawn (and that is what nbval compares).
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from ..errors import CourseError
from ..fileio import write_bytes_atomic
from ..i18n import get_language
from ..model.vocabulary import LANGUAGES, MODES
from ..words import word
from .files import chart_files, key_files, lms_options, offered_files, release_name, upload_path, work_folder, zip_release
from .templates import fragment

Pathish = str | Path | None


class Step(widgets.VBox):
    """A step's widgets, with a plain-text twin (``text``) for places that draw no widgets."""

    def __init__(self, children: list[widgets.Widget], text: Callable[[], str]) -> None:
        super().__init__(children)
        self._text = text

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = self._text()
        return data


class NotebookBar:
    """The grading run's progress bar (:class:`course.grading.run.ProgressBar`) drawn by the notebook's progress widget."""

    def __init__(self, widget: widgets.IntProgress, total: int) -> None:
        self.widget = widget
        widget.max, widget.value = max(total, 1), 0

    def update(self, n: int = 1) -> None:
        self.widget.value = min(self.widget.value + n, self.widget.max)

    def close(self) -> None:
        self.widget.value = self.widget.max


def download_link(path: Path, shown: str, where: str) -> dict[str, str]:
    """A link that downloads ``path`` from the browser (no server route needed), and where the file goes: for panel.html."""
    return {"name": path.name, "data": base64.b64encode(path.read_bytes()).decode("ascii"), "shown": shown, "where": where}


class GradingPanel:
    """The lecturer's round in one notebook; the arguments are the notebook's parameters (all optional)."""

    def __init__(
        self,
        submissions: Pathish = None,
        out: Pathish = None,
        key: Pathish = None,
        lesson: str | None = None,
        worksheet: Pathish = None,
        roster: Pathish = None,
        lang: str | None = None,
        home: Pathish = None,
    ) -> None:
        self.lang = lang or get_language()
        self.home = Path(home) if home else work_folder(self.lang)
        self.submissions = Path(submissions) if submissions else None
        self.out = Path(out) if out else self.home / word("lecturer.results_folder", self.lang)
        self.key = Path(key) if key else None
        self.lesson = lesson
        self.worksheet = Path(worksheet) if worksheet else None
        self.roster = Path(roster) if roster else None
        self.run: Any = None  # the last GradeRun
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description=self.w("progress"), layout={"width": "60%"})
        self.progress.style.description_width = "initial"
        self.status = widgets.HTML()
        self.summary_box, self.review_box, self.downloads_box = widgets.VBox(), widgets.VBox(), widgets.VBox()
        self.key_choice = widgets.Dropdown(options=[(self.w("no_key"), "")], description=self.w("key"))

    def w(self, name: str, **fields: object) -> str:
        """The words ``lecturer.<name>`` in the notebook's language."""
        return word(f"lecturer.{name}", self.lang, **fields)

    @property
    def uploads(self) -> Path:
        return self.home / self.w("uploads_folder")

    @property
    def releases(self) -> Path:
        return self.home / self.w("releases_folder")

    # --- step 1: the release ------------------------------------------------------------------------

    def release_step(self) -> Step:
        """Choose lessons, mode and language, and make the release: a ZIP for the LMS, and for a quiz its key file."""
        from ..model.bank import bank_paths

        lessons = sorted({p.name.split("-")[0] for p in bank_paths()})
        chosen = widgets.SelectMultiple(options=lessons, description=self.w("lessons"), rows=min(len(lessons), 7))
        mode = widgets.ToggleButtons(options=[(self.w(f"mode_{m}"), m) for m in MODES], description=self.w("mode"))
        langs = widgets.ToggleButtons(
            options=[(self.w("both_languages"), ""), *((self.w(f"language_{code}"), code) for code in LANGUAGES)],
            value=self.lang,
            description=self.w("language"),
        )
        button = widgets.Button(description=self.w("release_button"), button_style="primary", icon="archive")
        result = widgets.HTML()

        def make(_: Any = None) -> None:
            result.value = html.escape(self.w("working"))
            try:
                result.value = self.make_release(list(chosen.value), mode.value, [langs.value] if langs.value else None)
            except CourseError as error:
                result.value = fragment("problem", str(error))

        button.on_click(make)
        return Step([chosen, mode, langs, button, result], lambda: self.w("release_text"))

    def make_release(self, lessons: list[str], mode: str, langs: list[str] | None) -> str:
        """Release as ``python -m course release`` does, zip it, and return the HTML that offers the ZIP (and where the key is)."""
        from ..authoring.release import key_path, release

        folder = self.releases / release_name(mode, lessons, self.lang)
        manifest = json.loads(release(folder, mode=mode, langs=langs, lessons=lessons or None, log=lambda line: None).read_text("utf-8"))
        archive = zip_release(folder)
        items = [download_link(archive, archive.name, self.w("where_release_zip"))]
        if mode == "assessment":
            key = key_path(folder, str(manifest.get("first_release") or manifest["release"]))
            items.append(download_link(key, key.name, self.w("where_key", path=key)))
            self.key_choice.options = [(self.w("no_key"), "")] + [(p.name, str(p)) for p in key_files(self.releases)]
        return fragment("release_done", self.w("release_done", folder=folder), items)

    # --- step 2: what the LMS gave ----------------------------------------------------------------

    def upload_step(self) -> Step:
        """Upload the LMS download, the worksheet or gradebook export, the class list and a quiz's key; or give a folder."""
        shown = widgets.HTML(self._inputs_html())
        rows: list[widgets.Widget] = []
        for field, accept in (("submissions", ".zip"), ("worksheet", ".csv"), ("roster", ".csv"), ("key", ".json")):
            upload = widgets.FileUpload(accept=accept, multiple=False, description=self.w(f"upload_{field}"))
            upload.layout.width = "auto"
            upload.observe(self._keeper(field, shown), names="value")
            rows.append(widgets.HBox([upload, widgets.Label(self.w(f"upload_{field}_note"))]))
        folder = widgets.Text(placeholder=self.w("folder_placeholder"), description=self.w("folder"))
        folder.layout.width = "70%"

        def take_folder(change: dict[str, Any]) -> None:
            self.submissions = Path(change["new"]).expanduser() if change["new"].strip() else self.submissions
            shown.value = self._inputs_html()

        folder.observe(take_folder, names="value")
        keys = self.key_choice
        keys.options = [(self.w("no_key"), "")] + [(p.name, str(p)) for p in key_files(self.releases)]

        def take_key(change: dict[str, Any]) -> None:
            self.key = Path(change["new"]) if change["new"] else None
            shown.value = self._inputs_html()

        keys.observe(take_key, names="value")
        return Step([*rows, folder, keys, shown], lambda: self.w("upload_text"))

    def _keeper(self, field: str, shown: widgets.HTML) -> Callable[[dict[str, Any]], None]:
        def keep(change: dict[str, Any]) -> None:
            files = change["new"]
            if not files:
                return
            item = files[0]
            path = upload_path(self.uploads, item["name"])
            write_bytes_atomic(path, bytes(item["content"]))
            setattr(self, field, path)
            shown.value = self._inputs_html()

        return keep

    def _inputs_html(self) -> str:
        rows = [
            (self.w(f"upload_{field}"), str(getattr(self, field)))
            for field in ("submissions", "worksheet", "roster", "key")
            if getattr(self, field) is not None
        ]
        return fragment("inputs", rows, self.w("nothing_yet"))

    # --- step 3: grading --------------------------------------------------------------------------

    def grade_step(self) -> Step:
        """The Grade button and its progress bar; with the notebook's parameters set, grades at once."""
        button = widgets.Button(description=self.w("grade_button"), button_style="primary", icon="check")
        button.on_click(lambda _: self.grade())
        if self.submissions is not None:
            self.grade()
        return Step([button, self.progress, self.status], self._grade_text)

    def _grade_text(self) -> str:
        if self.run is None:
            return self.w("grade_text")
        return self.w("graded_text", lesson=self.run.lesson, graded=self._counted(), notes=len(self.run.report))

    def _counted(self) -> int:
        from ..grading.scoring import GRADED

        return sum(1 for g in self.run.graded if g.status == GRADED)

    def grade(self) -> Any:
        """Grade as ``python -m course grade`` does with the inputs given; show the result; returns the run (None on a problem)."""
        from ..grading.outputs import closing_line
        from ..grading.run import grade

        if self.submissions is None:
            self.status.value = fragment("paragraph", self.w("no_submissions"))
            return None
        self.status.value = html.escape(self.w("working"))
        self.progress.value = 0
        try:
            self.run = grade(
                self.submissions,
                self.out,
                lesson=self.lesson,
                keys=[self.key] if self.key else None,
                lms=lms_options(self.worksheet, self.roster),
                progress=self._progress_bar,
            )
        except CourseError as error:
            self.status.value = fragment("problem", str(error))
            return None
        finally:
            self.progress.value = self.progress.max
        lines = "\n".join(self.run.report)
        closing = closing_line(self.run, self.lang)  # the closing line in the lecturer's language; the files as grade writes them
        self.status.value = fragment("graded", closing, self.w("report_lines", count=len(self.run.report)), lines)
        self.refresh()
        return self.run

    def _progress_bar(self, total: int) -> NotebookBar:
        """The grader's progress in the notebook's bar (the command line's bar draws only on a terminal)."""
        return NotebookBar(self.progress, total)

    def refresh(self) -> None:
        """Draw the steps after grading again from what the last run wrote."""
        self.summary_box.children = self._summary_widgets()
        self.review_box.children = self._review_widgets()
        self.downloads_box.children = self._download_widgets()

    # --- step 4: the class at a glance ------------------------------------------------------------

    def summary_step(self) -> Step:
        """The summary page the run wrote, its charts, and the gradebook of this assignment."""
        self.summary_box.children = self._summary_widgets()
        return Step([self.summary_box], lambda: self.w("summary_text") if self.run is None else self.w("summary_shown"))

    def _summary_widgets(self) -> tuple[widgets.Widget, ...]:
        if self.run is None:
            return (widgets.HTML(html.escape(self.w("after_grading"))),)
        return (self.summary_page(), *self.show_charts(), self.gradebook_table())

    def summary_page(self) -> widgets.HTML:
        """``summary-<label>.html`` as the run wrote it, in a frame of its own (its styles stay inside)."""
        page = self.out / f"summary-{self.run.label}.html"
        text = page.read_text(encoding="utf-8") if page.is_file() else ""
        return widgets.HTML(fragment("summary_frame", page.name, text))

    def show_charts(self) -> list[widgets.Widget]:
        """THE PLACE FOR THE CHARTS: every picture the run wrote for this assignment, in the order of their names.

        The summary page above shows the charts it holds; pictures the run
        writes as files (``*-<label>.svg`` / ``.png`` beside the summary, or in
        ``summary-<label>/``) are shown here as they are, so new charts appear
        without a change to the notebook.
        """
        shown: list[widgets.Widget] = []
        for path in chart_files(self.out, self.run.label):
            if path.suffix.lower() == ".png":
                shown.append(widgets.Image(value=path.read_bytes(), format="png"))
            else:
                data = base64.b64encode(path.read_bytes()).decode("ascii")
                shown.append(widgets.HTML(fragment("svg_chart", path.stem, data)))
        return shown

    def gradebook_table(self) -> widgets.HTML:
        """This assignment's rows of ``gradebook.csv``, as a table."""
        import pandas as pd

        from ..results.gradebook import Gradebook

        book = Gradebook.read(self.out / "gradebook.csv")
        rows = book.lesson_rows(self.run.lesson, self.run.mode)
        table = pd.DataFrame(rows).dropna(axis="columns", how="all") if rows else pd.DataFrame()
        shown = Markup(table.to_html(index=False, na_rep=""))  # pandas escapes every cell and heading (escape=True)
        return widgets.HTML(fragment("gradebook", self.w("gradebook_title"), shown))

    # --- step 5: the review sheet -----------------------------------------------------------------

    def review_step(self) -> Step:
        """For a quiz with short texts: download the review sheet, fill the points, upload it, grade again."""
        self.review_box.children = self._review_widgets()
        return Step([self.review_box], lambda: self.w("review_text"))

    def _review_sheet(self) -> Path | None:
        if self.run is None:
            return None
        sheet = self.out / f"review-{self.run.label}.csv"
        return sheet if sheet.is_file() else None

    def _review_widgets(self) -> tuple[widgets.Widget, ...]:
        sheet = self._review_sheet()
        if sheet is None:
            return (widgets.HTML(html.escape(self.w("no_review" if self.run else "after_grading"))),)
        link = widgets.HTML(fragment("links", [download_link(sheet, sheet.name, self.w("where_review_csv"))]))
        upload = widgets.FileUpload(accept=".csv", multiple=False, description=self.w("upload_review"))
        upload.layout.width = "auto"
        again = widgets.Button(description=self.w("grade_again"), button_style="primary", icon="refresh")

        def keep(change: dict[str, Any]) -> None:
            if change["new"]:
                self.put_review_sheet(bytes(change["new"][0]["content"]))

        upload.observe(keep, names="value")
        again.on_click(lambda _: self.grade())
        return (link, upload, again)

    def put_review_sheet(self, data: bytes) -> Path:
        """Put the lecturer's filled review sheet where the next run reads it; the sheet it replaces is kept among the uploads."""
        sheet = self.out / f"review-{self.run.label}.csv"
        if sheet.is_file():
            write_bytes_atomic(upload_path(self.uploads, f"{sheet.stem}-{self.w('before_upload')}.csv"), sheet.read_bytes())
        write_bytes_atomic(sheet, data)
        return sheet

    # --- step 6: files for the LMS ----------------------------------------------------------------

    def downloads_step(self) -> Step:
        """Every file the run wrote to take away, each with one sentence saying where it goes in the LMS."""
        self.downloads_box.children = self._download_widgets()
        return Step([self.downloads_box], lambda: self.w("downloads_text"))

    def _download_widgets(self) -> tuple[widgets.Widget, ...]:
        if self.run is None:
            return (widgets.HTML(html.escape(self.w("after_grading"))),)
        items = [download_link(f.path, f.name, f.where) for f in offered_files(self.out, self.run.label, self.lang)]
        return (widgets.HTML(fragment("downloads", self.w("results_in", out=self.out), items)),)
