"""The exercise model: types, banks, checking, value comparison and the answer-record format.

Pure Python: nothing here imports Jupyter, IPython, ipywidgets, anywidget,
pandas or any part of the package above the model (only the standard library,
yaml, fastjsonschema and the leaf modules ``course.errors``, ``course.paths``
and ``course.i18n``), so the grader and the release tool use it without the
notebook stack (tests in ``tests/test_kernel_refuses.py`` check this). A bank's
solution expressions are evaluated by the evaluator the model is given
(:mod:`course.model.evaluator`). The kernel side (:mod:`course.kernel`) builds on it.
"""
