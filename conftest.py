"""Test-wide settings, loaded before any test or notebook kernel starts.

nbval starts each notebook's kernel with this process's environment, so the
kernels get a throw-away answer store here (a developer's own saved answers
must never change what the masters print) and no language override.
"""

import os
import tempfile

os.environ["COURSE_ANSWER_DIR"] = tempfile.mkdtemp(prefix="course-test-answers-")
os.environ["COURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="course-test-cache-")  # no developer's cache changes a result
os.environ.pop("COURSE_LANG", None)

collect_ignore_glob = ["tests/fixtures/*", "test-artifacts/*", "student/*", ".venv/*"]
