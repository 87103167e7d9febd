"""A student release opens with the command its own README gives: JupyterLab serves the notebook it should.

Four kinds of release are written into a temporary folder (practice of one
lesson, practice of all, quiz of one lesson in Indonesian only, quiz of all),
and in each the README's Linux/macOS line is run as it stands (``python3`` is
this test's Python), with JupyterLab told to listen on a free port with a
token and not to open a browser. Each release installs its own copy of the
package into its own ``.venv``; the four set-ups run side by side, with uv's
cache warm from the set-up of the course itself (the uv wheel too: the
course's cache folder is the one ``bootstrap.py test`` used). Then the test
reads where ``/`` sends the browser and fetches that notebook through
``/api/contents``, and checks that the release's environment imports the
release's own ``course``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.authoring.release import release

KINDS = {  # name: (mode, lessons, languages, the notebook lab must open)
    "practice-03": ("practice", ["03"], None, "notebooks/en/03-bureaucratic-reform.ipynb"),
    "practice-all": ("practice", None, None, "notebooks/en/00-getting-started.ipynb"),
    "quiz-03-id": ("assessment", ["03"], ["id"], "notebooks/id/03-quiz.ipynb"),
    "quiz-all": ("assessment", None, None, "notebooks/en/00-quiz.ipynb"),
}


@dataclass
class Opened:
    folder: Path
    url: str
    token: str
    expected: str
    mode: str
    process: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def readme_commands(readme: str) -> tuple[str, str]:
    """The Linux/macOS and the Windows command lines a release README gives."""
    posix = re.search(r"Linux, macOS:\s*```bash\n(.+)\n```", readme)
    windows = re.search(r"Windows:\s*```bat\n(.+)\n```", readme)
    assert posix and windows, readme
    return posix.group(1).strip(), windows.group(1).strip()


def _environment(base: Path) -> dict[str, str]:
    """This machine's environment for a student: own Jupyter folders, no test overrides, the usual course cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "COURSE_", "JUPYTER_"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        IPYTHONDIR=str(base / "ipython"),
    )
    return env


def _wait(opened: Opened, deadline: float) -> None:
    while True:
        try:
            urllib.request.urlopen(f"{opened.url}/api/status?token={opened.token}", timeout=2)
            return
        except OSError:
            if opened.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{opened.folder.name}: JupyterLab did not start:\n{opened.log.read_text()[-3000:]}") from None
            time.sleep(0.5)


@pytest.fixture(scope="module")
def opened(tmp_path_factory) -> dict[str, Opened]:
    """Every kind of release, each opened with its README's command; the servers are stopped afterwards."""
    base = tmp_path_factory.mktemp("releases")
    started = time.monotonic()
    servers: dict[str, Opened] = {}
    try:
        for name, (mode, lessons, langs, expected) in KINDS.items():
            folder = base / name
            release(folder, mode=mode, lessons=lessons, langs=langs, log=lambda line: None)
            posix, _ = readme_commands((folder / "README.md").read_text(encoding="utf-8"))
            words = posix.split()
            assert words[:3] == ["python3", "bootstrap.py", "lab"], posix
            port, token = _free_port(), secrets.token_hex(16)
            log = base / f"{name}.log"
            command = [
                sys.executable,
                *words[1:],
                "--",
                "--no-browser",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={token}",
                "--LabApp.news_url=",
            ]
            with log.open("w") as handle:
                process = subprocess.Popen(
                    command,
                    cwd=folder,
                    env=_environment(base / f"{name}-jupyter"),
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            servers[name] = Opened(folder, f"http://127.0.0.1:{port}", token, expected, mode, process, log)
        deadline = time.monotonic() + 600
        for server in servers.values():
            _wait(server, deadline)
        print(f"\nfour releases set up and opened in {time.monotonic() - started:.0f} s")
        yield servers
    finally:
        for server in servers.values():
            if server.process.poll() is None:
                os.killpg(server.process.pid, signal.SIGTERM)
        for server in servers.values():
            try:
                server.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.mark.parametrize("kind", KINDS)
def test_the_readme_command_opens_the_releases_first_notebook(opened, kind):
    server = opened[kind]
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{server.url}/?token={server.token}", timeout=30)
        location = ""
    except urllib.error.HTTPError as redirect:
        location = redirect.headers.get("Location", "")
    assert location.split("?")[0].endswith(f"/lab/tree/{server.expected}"), (location, server.log.read_text()[-2000:])
    notebook = _get(f"{server.url}/api/contents/{server.expected}?token={server.token}")
    assert notebook["type"] == "notebook"
    stamp = notebook["content"]["metadata"]["course"]
    lesson = server.expected.split("/")[-1][:2]
    assert (stamp["mode"], stamp["lesson"], stamp["language"]) == (server.mode, lesson, server.expected.split("/")[1])
    root = _get(f"{server.url}/api/contents?token={server.token}")
    names = {item["name"] for item in root["content"]}
    assert {"notebooks", "release.json"} <= names and "student" not in names, "the release is opened in place, not copied"
    assert not (server.folder / "student").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_kernel_imports_the_releases_own_package(opened, kind):
    """A kernel started by that JupyterLab imports the release's ``course`` and reads the release's data."""
    from jupyter_client import BlockingKernelClient

    server = opened[kind]
    request = urllib.request.Request(
        f"{server.url}/api/kernels?token={server.token}", data=b"{}", method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        kernel = json.load(response)["id"]
    client = BlockingKernelClient()
    client.load_connection_file(str(server.folder.parent / f"{kind}-jupyter" / "runtime" / f"kernel-{kernel}.json"))
    client.start_channels(hb=False)  # no heartbeat: a kernel that has not beaten yet would count as dead
    try:
        client.wait_for_ready(timeout=60)
        seen: list[str] = []
        code = (
            "import course, course.paths as p, yaml; print(course.__file__); print(p.data_dir().resolve()); "
            "print(all(yaml.safe_load(f.read_text(encoding='utf-8')).get('keys') is False "
            "for f in (p.data_dir() / 'exercises').glob('*.yml')))"
        )
        reply = client.execute_interactive(code, timeout=60, output_hook=lambda m: seen.append(m["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply
    finally:
        client.stop_channels()
    package, data, keyless = "".join(seen).split()
    assert server.folder.resolve() in Path(package).resolve().parents, package
    assert Path(data) == (server.folder / "data").resolve()
    if server.mode == "assessment":
        assert keyless == "True", "the quiz kernel's banks carry no answer keys"


def test_the_readme_gives_the_command_for_each_system_in_both_languages(tmp_path):
    for langs, suffix in ((None, ""), (["id"], " --lang id"), (["en"], "")):
        folder = tmp_path / f"r-{suffix.strip() or 'all'}-{langs}"
        release(folder, mode="assessment", lessons=["03"], langs=langs, log=lambda line: None)
        readme = (folder / "README.md").read_text(encoding="utf-8")
        assert readme_commands(readme) == (f"python3 bootstrap.py lab{suffix}", f"py bootstrap.py lab{suffix}")
        assert "Open a terminal in this folder" in readme and "Buka terminal di folder ini" in readme
        assert "Rilis ini untuk **penilaian**" in readme and "unggah berkas `.ipynb`" in readme
