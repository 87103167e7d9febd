"""The deployment recipes in deploy/ load, and agree with each other on the measured limits.

The trial and campus modes of ``deploy/jupyterhub_config.py`` are run for real (by
``tests/browser/test_hub.py`` and ``tests/browser/test_campus_hub.py``); the university mode, ``deploy/config.yaml`` and
``deploy/Dockerfile`` are checked here for what can be checked without Docker or
Kubernetes: they load, and they say the same things.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def hub_config(monkeypatch, tmp_path, trial: bool):
    if trial:
        monkeypatch.delenv("COURSE_HUB_MODE", raising=False)
    monkeypatch.setenv("COURSE_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("COURSE_HUB_HOMES", str(tmp_path / "homes"))
    if trial:
        monkeypatch.setenv("COURSE_HUB_TRIAL_PASSWORD", "a-long-shared-password")
    else:
        monkeypatch.delenv("COURSE_HUB_TRIAL_PASSWORD", raising=False)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_trial_mode_is_what_the_hub_test_runs(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, trial=True)
    assert c.JupyterHub.authenticator_class == "shared-password" and c.JupyterHub.spawner_class == "simple"
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "homes" / "{username}")
    assert c.Spawner.default_url == "/lab"
    assert c.JupyterHub.db_url.endswith(str(tmp_path / "state" / "jupyterhub.sqlite"))


def test_university_mode_uses_the_image_limits_and_culling(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, trial=False)
    assert c.JupyterHub.authenticator_class == "generic-oauth" and c.JupyterHub.spawner_class == "docker"
    assert "jupyterhub_idle_culler" in " ".join(c.JupyterHub.services[0]["command"])
    assert c.DockerSpawner.volumes == {str(tmp_path / "homes" / "{username}"): "/home/jovyan"}, "homes the grader can read: HOMES/<user>"
    assert set(c.JupyterHub.load_roles[0]["scopes"]) >= {"list:users", "read:users:activity", "read:servers", "delete:servers"}


def test_kubernetes_values_agree_with_the_single_server(monkeypatch, tmp_path):
    c = hub_config(monkeypatch, tmp_path, trial=False)
    values = yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["memory"] == {"guarantee": c.Spawner.mem_guarantee, "limit": c.Spawner.mem_limit}
    assert single["cpu"]["limit"] == c.Spawner.cpu_limit
    assert values["cull"]["enabled"] and values["cull"]["timeout"] == 3600
    assert single["defaultUrl"] == "/lab" and single["image"]["name"]
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == c.JupyterHub.authenticator_class


def test_campus_mode_makes_a_system_user_per_student(monkeypatch, tmp_path):
    from course.hub.campus import CampusAuthenticator, CampusSpawner

    (tmp_path / "allowed.txt").write_text("2023010045\nAni.Lestari\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_HUB_MODE", "campus")
    monkeypatch.setenv("COURSE_HUB_ALLOWED", str(tmp_path / "allowed.txt"))
    monkeypatch.setenv("COURSE_HUB_ADMINS", "dosen")
    c = hub_config(monkeypatch, tmp_path, trial=False)
    assert c.JupyterHub.authenticator_class is CampusAuthenticator and c.JupyterHub.spawner_class is CampusSpawner
    assert c.CampusAuthenticator.create_system_users and c.CampusAuthenticator.homes == str(tmp_path / "homes")
    assert c.CampusAuthenticator.dbm_path == str(tmp_path / "state" / "passwords.dbm")
    assert c.Authenticator.allowed_users == {"2023010045", "ani.lestari"} and c.Authenticator.admin_users == {"dosen"}
    assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700, "the hub's state (passwords, database) is the hub's only"
    assert (tmp_path / "homes").stat().st_mode & 0o777 == 0o755
    env_bin = str(Path(sys.executable).parent)
    assert c.Spawner.cmd == [f"{env_bin}/jupyterhub-singleuser"] and c.Spawner.environment["PATH"].startswith(env_bin)
    assert "PYTHONPATH" not in c.Spawner.env_keep, "nothing of the hub's own environment leaks into the students'"


def test_a_mode_that_does_not_exist_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_HUB_MODE", "kampus")
    with pytest.raises(ValueError, match="COURSE_HUB_MODE='kampus' is not a mode; fix: trial, campus or university"):
        hub_config(monkeypatch, tmp_path, trial=False)


@pytest.mark.parametrize("needed", ["environment.yml", "FROM quay.io/jupyter/minimal-notebook:", "USER ${NB_UID}"])
def test_the_image_is_built_from_the_release_environment(needed):
    assert needed in (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
