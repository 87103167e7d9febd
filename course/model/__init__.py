"""The exercise model: types, banks, checking, value comparison and the answer-record format.

Pure Python: nothing here imports Jupyter, IPython, ipywidgets or anywidget,
so the grader and the release tool use it without the notebook stack (a test
checks this). The kernel side (:mod:`course.kernel`) builds on it.
"""
