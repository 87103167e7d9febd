"""The lecturer's grading notebook (``notebooks/lecturer/<lang>/grade-class.ipynb``): widgets over release and grade.

:mod:`course.lecturer.panel` draws the steps; :mod:`course.lecturer.files`
holds what they read and offer (folders, the LMS file given, the files a run wrote).
"""

from .panel import GradingPanel

__all__ = ["GradingPanel"]
