"""A small disk cache for values that are slow to compute (checked banks, solution values).

An entry is keyed by what it depends on: the expression, the contents of the
data folder and the course's own code. Any change to those gives a new key,
so an entry is never stale; old entries are simply not read again. The cache
lives in ``COURSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/good-governance-course``,
else ``~/.cache/good-governance-course``. A cache that cannot be read or
written is ignored: the value is computed as if there were none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..paths import PACKAGE_DIR, data_dir


def cache_dir() -> Path:
    override = os.environ.get("COURSE_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "good-governance-course"


@lru_cache(maxsize=8)
def _fingerprint(data: Path) -> str:
    """A hash of the course's code and of the data folder (banks excluded: they hold no data)."""
    digest = hashlib.sha256()
    for root in (PACKAGE_DIR, data):
        for path in sorted(root.rglob("*")):
            if (
                path.is_file()
                and path.suffix in (".py", ".csv", ".yml", ".json", ".txt")
                and "exercises" not in path.relative_to(root).parts[:1]
            ):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """The JSON value stored for ``(kind, key)``, computed and stored on the first call."""
    try:
        name = hashlib.sha256(json.dumps([kind, key, _fingerprint(data_dir())]).encode()).hexdigest()[:32]
        path = cache_dir() / f"{kind}-{name}.json"
        return json.loads(path.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"kind": kind, "key": key, "value": value}, stream, ensure_ascii=False)
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError, NameError):
        pass
    return value
