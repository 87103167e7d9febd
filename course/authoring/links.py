"""nbgitpuller links for a release pushed to git: ``python -m course links``.

A student who follows a link signs in to the hub, gets the repository pulled
into a folder of their home (cloned the first time, merged afterwards without
overwriting their own changes) and the notebook opened in JupyterLab.

Which notebooks get a link: those a release folder's ``release.json`` lists
(``--release DIR``: the lessons of a practice release, the ``NN-quiz``
notebooks of an assessment release), else every lesson of the masters.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, urlparse

from ..errors import CourseError, Problem
from ..model.vocabulary import LANGUAGES
from .release import master_lessons

SCHEMES = ("https://", "http://", "file://")


def repo_folder(repo: str) -> str:
    """The folder of a student's home that the repository is pulled into: its last path part, without ``.git``."""
    return urlparse(repo).path.rstrip("/").split("/")[-1].removesuffix(".git")


def link(hub: str, repo: str, branch: str, notebook: str) -> str:
    """The nbgitpuller link that pulls ``repo`` and opens ``notebook`` (a path inside the repository)."""
    folder = repo_folder(repo)
    query = "&".join(
        f"{name}={quote(value, safe='')}"
        for name, value in (("repo", repo), ("branch", branch), ("targetpath", folder), ("urlpath", f"lab/tree/{folder}/{notebook}"))
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def release_notebooks(folder: Path) -> list[str]:
    """The notebooks a release folder holds, as its ``release.json`` lists them (paths inside the release)."""
    manifest_path = Path(folder) / "release.json"
    fix = "give --release the folder that python -m course release wrote (the one you pushed to git)"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        notebooks = manifest["notebooks"]
        assert isinstance(notebooks, list) and all(isinstance(n, str) for n in notebooks)
    except OSError:
        raise CourseError(Problem(str(manifest_path), "cannot be read", fix)) from None
    except (ValueError, KeyError, TypeError, AssertionError):
        raise CourseError(Problem(str(manifest_path), "is not a release manifest (no list of notebooks)", fix)) from None
    return notebooks


def nbgitpuller_links(
    hub: str, repo: str, branch: str = "main", langs: list[str] | None = None, release: Path | None = None
) -> list[tuple[str, str]]:
    """(notebook path, link) for each notebook of ``release`` (else each master lesson), in ``langs``."""
    langs = langs or list(LANGUAGES)
    if release is not None:
        notebooks = [n for n in release_notebooks(release) if n.split("/")[1:2] and n.split("/")[1] in langs]
    else:
        notebooks = [f"notebooks/{m.parent.name}/{m.name}" for m in master_lessons(langs, None)]
    return [(notebook, link(hub, repo, branch, notebook)) for notebook in notebooks]


def check_addresses(hub: str, repo: str) -> str | None:
    """A one-line message if the hub or repository address cannot be used in a link, else None."""
    if hub.startswith(("https://", "http://")) and repo.startswith(SCHEMES) and repo_folder(repo):
        return None
    return (
        "links: --hub and --repo must be full addresses: the hub starting with https:// (e.g. --hub https://hub.example.ac.id), "
        "the repository with https:// (e.g. --repo https://github.com/YOU/gg-release), or file:// for one on the hub's own disk"
    )
