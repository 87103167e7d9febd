"""pyproject.toml and environment.yml stay in sync; the README keeps its two commands."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _spec(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_mirrors_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_spec(r) for r in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_spec(d) for d in env["dependencies"] if isinstance(d, str))
    assert {name: conda.get(name) for name in wanted} == wanted
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e .[hub]" in pip, "the conda environment must install the course package itself, with its hub extra"
    hub = dict(_spec(r) for r in project["optional-dependencies"]["hub"])
    assert set(hub) == {"jupyterhub", "nbgitpuller"} and "course[hub]" in project["optional-dependencies"]["test"]
    assert not set(hub) & set(conda), "the hub packages come from pip through the extra, not twice"
    assert project["requires-python"] == ">=3.11" and conda["python"] == ">=3.11"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme[: readme.index("\n## ", readme.index("python3 bootstrap.py test"))]
    assert "python3 bootstrap.py lab" in top and "python3 bootstrap.py test" in top
    assert "bootstrap.py test" in (ROOT / ".ci" / "run").read_text()


def test_binder_post_build_installs_the_kernel_start_hints():
    """Binder installs the course editable (no data files), so postBuild must add the kernel configuration."""
    post_build = ROOT / "postBuild"
    assert post_build.exists() and os.access(post_build, os.X_OK), "postBuild: missing or not executable (chmod +x postBuild)"
    assert "python -m course.kernel.autostart" in post_build.read_text(encoding="utf-8")
