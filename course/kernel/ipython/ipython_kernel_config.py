"""IPython kernel configuration the course installs into its environment: ``{sys.prefix}/etc/ipython/``.

IPython reads ``ipython_kernel_config.py`` from ``{sys.prefix}/etc/ipython``
(``ENV_CONFIG_DIRS`` in ``IPython/core/application.py``) when a kernel starts,
so every kernel of the course's environment (the venv ``bootstrap.py`` makes,
a release's, the campus hub's in ``/opt``, a conda or Docker one) loads
:mod:`course.kernel.autostart`: Python's common errors are explained in the
notebook's language from the first cell, before the set-up cell has run.
``pyproject.toml`` installs this file there (``[tool.setuptools.data-files]``).

Nothing here may stop a kernel: when the course cannot be found, the kernel
starts as a plain one.
"""

c = get_config()  # noqa: F821 - traitlets gives a config file get_config()

try:
    from importlib.util import find_spec

    if find_spec("course.kernel.autostart") is not None:
        c.InteractiveShellApp.extensions.append("course.kernel.autostart")
except Exception:  # a broken or missing course: a plain kernel
    pass
