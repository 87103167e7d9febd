"""Start a throw-away JupyterHub for the hub test and the hub benchmark.

It runs ``deploy/jupyterhub_config.py`` in its trial mode (one shared password,
``SimpleLocalProcessSpawner``, a home folder per user under ``base/homes``) and
adds only what a test needs on top: free local ports, a state folder under
``base``, an API token for a ``bench`` service, and JupyterLab settings that
expose the application object to the browser (as :mod:`browser.labserver` does).
Everything stays on 127.0.0.1; nothing here reaches the internet.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from browser.labserver import ROOT, _free_port, _write_json

DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PASSWORD = "course-trial-" + secrets.token_hex(4)

TEST_CONFIG = """\
import json, os
load_subconfig({deploy!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.Spawner.environment = {{"JUPYTER_CONFIG_DIR": {user_config!r}}}
c.Spawner.args = (["--allow-root"] if os.geteuid() == 0 else []) + ["--LabApp.news_url="]
c.Spawner.http_timeout = 300
c.JupyterHub.services = [{{"name": "bench", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"]}}]
c.JupyterHub.log_level = "INFO"
"""

# Campus mode: the students' servers run as their own system users, so no --allow-root, and the
# deploy config's PATH for them stays (only the lab settings are added).
CAMPUS_CONFIG = """\
load_subconfig({deploy!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.Spawner.environment = dict(c.Spawner.environment, JUPYTER_CONFIG_DIR={user_config!r}, **{student_env!r})
c.Spawner.args = ["--LabApp.news_url="]
c.Spawner.http_timeout = 300
c.JupyterHub.services = [{{"name": "bench", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"]}}]
c.JupyterHub.log_level = "INFO"
"""


@dataclass
class Hub:
    url: str
    token: str
    homes: Path
    log: Path
    password: str = PASSWORD

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        """Call the hub's REST API (``/hub/api/...``) as the ``bench`` service."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text else {}


@contextmanager
def running_hub(
    base: Path, campus_env: Path | None = None, settings: dict[str, str] | None = None, student_env: dict[str, str] | None = None
) -> Iterator[Hub]:
    """Run JupyterHub (trial mode of the deploy config) with state and homes under ``base``.

    With ``campus_env`` (an environment every user can read, with the course and its
    ``campus`` extra), the hub runs from it in campus mode instead, with ``settings``
    (``COURSE_HUB_ADMINS``, ``COURSE_HUB_ALLOWED`` ...) in its environment and ``student_env`` in the
    students' servers' environment: it must run as root.
    """
    if shutil.which("configurable-http-proxy") is None:
        raise RuntimeError("configurable-http-proxy is needed: npm install -g configurable-http-proxy")
    state, homes, user_config = base / "state", base / "homes", base / "user-config"
    homes.mkdir(parents=True, exist_ok=True)
    _write_json(
        user_config / "labconfig" / "page_config.json",
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}, "exposeAppInBrowser": True},
    )
    token, port = secrets.token_hex(16), _free_port()
    config = base / "hub_config.py"
    config.write_text(
        (CAMPUS_CONFIG if campus_env else TEST_CONFIG).format(
            deploy=str(DEPLOY_CONFIG),
            hub_port=_free_port(),
            proxy_api_port=_free_port(),
            user_config=str(user_config),
            token=token,
            student_env=student_env or {},
        )
    )
    env = dict(os.environ)
    env.pop("COURSE_ANSWER_DIR", None)
    python = str(campus_env / "bin" / "python") if campus_env else sys.executable
    env.update(
        COURSE_HUB_HOMES=str(homes),
        COURSE_HUB_STATE=str(state),
        COURSE_HUB_URL=f"http://127.0.0.1:{port}",
        PATH=f"{Path(python).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    if campus_env:
        for name in ("COURSE_HUB_TRIAL_PASSWORD", "VIRTUAL_ENV", "PYTHONPATH"):
            env.pop(name, None)
        env.update(COURSE_HUB_MODE="campus", **(settings or {}))
    else:
        env.update(COURSE_HUB_MODE="trial", COURSE_HUB_TRIAL_PASSWORD=PASSWORD)
    log_path = base / "hub.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [python, "-m", "jupyterhub", "-f", str(config)],
            cwd=base,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        hub = Hub(url=f"http://127.0.0.1:{port}", token=token, homes=homes, log=log_path)
        try:
            _wait_until_up(hub, process)
            yield hub
        finally:
            _stop(process)


def _wait_until_up(hub: Hub, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            hub.api("GET", "/")
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                _stop(process)
                raise RuntimeError("JupyterHub did not start:\n" + hub.log.read_text()[-4000:]) from None
            time.sleep(0.5)


def _stop(process: subprocess.Popen) -> None:
    """Stop the hub; it stops the proxy and the users' servers it started (a process group of its own)."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, 9)  # anything the hub left behind in its own group
    process.wait()
