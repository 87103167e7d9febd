"""Which release a notebook belongs to: the notebook decides its mode, not the installed package.

A released notebook sits in ``<release>/notebooks/<lang>/``; the release's
``release.json`` says its mode and id, and its ``data/exercises`` holds the
banks students were given. The kernel runs in the notebook's folder, so the
release is found by looking up from there. A kernel that imports the master
repository's ``course`` (a hub where the lecturer installed it, say) still
takes the bank and the mode of the release: an assessment notebook never
shows right or wrong, whatever package the kernel imports.

A notebook opened alone (Google Colab) has no release around it: its first
cell (written by ``release --colab-install``) passes the notebook's own stamp
to :func:`use_release`, and the release's student wheel holds the banks.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..i18n import set_language
from ..model.vocabulary import LANGUAGES, MODES, RELEASE_ID
from ..paths import EMBEDDED_RELEASE, PROJECT_DIR
from ..words import word


@dataclass(frozen=True)
class ReleaseHome:
    """A release folder and what its manifest says."""

    root: Path
    mode: str
    release: str

    def bank(self, lesson: str) -> Path | None:
        """The bank of ``lesson`` in this release, or None if the release does not hold the lesson."""
        found = sorted((self.root / "data" / "exercises").glob(f"{lesson}-*.yml"))
        return found[0] if found else None


def find_release(start: Path | None = None) -> ReleaseHome | None:
    """The release the notebook in ``start`` (default: the kernel's folder) belongs to, or None for a master."""
    bases = [start or Path.cwd()]
    session = os.environ.get("JPY_SESSION_NAME")
    if session and Path(session).is_absolute():
        bases.insert(0, Path(session).parent)
    for base in bases:
        for folder in [base, *base.parents][:4]:
            home = _read(folder / "release.json")
            if home is not None:
                return home
    return _declared


_declared: ReleaseHome | None = None


def use_release(stamp: dict) -> None:
    """Take the release, mode and language from a notebook's stamp (its ``course`` metadata), for a notebook with no release around it.

    Called by a released notebook's install cell; a ``release.json`` above the
    notebook still wins. Prints one line if the stamp is unusable or the
    installed student wheel belongs to another release.
    """
    global _declared
    stamp = stamp if isinstance(stamp, dict) else {}
    mode, release, lang = stamp.get("mode"), stamp.get("release"), stamp.get("language")
    lang = lang if lang in LANGUAGES else "en"
    if stamp.get("language") in LANGUAGES:
        set_language(lang)
    if mode not in MODES or not isinstance(release, str) or not RELEASE_ID.match(release):
        print(word("session.bad_stamp", lang))
        return
    embedded = _read(EMBEDDED_RELEASE / "release.json")
    _declared = ReleaseHome(EMBEDDED_RELEASE if embedded else PROJECT_DIR, mode, release)
    if embedded is not None and embedded.release != release:
        print(word("session.other_release", lang, release=release, installed=embedded.release))


def _read(path: Path) -> ReleaseHome | None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or "course_version" not in manifest:
        return None
    mode, release = manifest.get("mode"), manifest.get("release")
    if mode not in MODES or not isinstance(release, str) or not RELEASE_ID.match(release):
        return None
    return ReleaseHome(path.parent, mode, release)
