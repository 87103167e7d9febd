"""The campus hub, for real: a system user per student, isolation between them, nbgitpuller, grading from the homes.

``deploy/jupyterhub_config.py`` runs in campus mode as root, from an environment built by
``deploy/campus-hub.sh env`` with the system's Python under ``/opt`` (the guide's set-up;
kept between runs while the course's files are unchanged). Two students sign in through
the login form (one by a campus login, one by a student number), each first sign-in
setting that student's password; both follow an nbgitpuller link, answer and save. Then:
each student's server and kernel run as the student's own system user; a kernel cannot
read or write the classmate's home or the hub's state folder; a wrong password is refused;
an unsafe name and a name off the allow list are refused; an update arrives in each home,
owned by the student; the lecturer grades straight from the homes. The system users,
their groups and homes are removed at the end, whatever happened.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from browser.conftest import screenshot
from browser.hubserver import running_hub
from browser.jlab import NOTEBOOK, error_outputs, run_all_cells, save
from browser.labserver import CHROMIUM, ROOT
from browser.test_hub import LESSON, _gradebook, answer, course, follow, link_for, publish, records
from course.hub.usernames import system_name

pytestmark = pytest.mark.browser
ENV = Path(os.environ.get("COURSE_CAMPUS_TEST_ENV", "/opt/gg-hub-test/env"))
NEW_LESSON = "notebooks/en/01-good-governance-and-public-policy.ipynb"

# Run inside a student's kernel: who runs it, and what it may touch. Prints one JSON line.
PROBE = """
import json, os, pwd, pathlib
def attempt(action):
    try:
        action()
        return "allowed"
    except OSError as error:
        return type(error).__name__
other, state = pathlib.Path({other!r}), pathlib.Path({state!r})
status = pathlib.Path(f"/proc/{{os.getppid()}}/status").read_text()
print(json.dumps({{
    "kernel_user": pwd.getpwuid(os.geteuid()).pw_name,
    "kernel_uids": sorted({{os.getuid(), os.geteuid()}}),
    "server_uid": int(next(line.split()[2] for line in status.splitlines() if line.startswith("Uid:"))),
    "home": os.environ["HOME"],
    "own_write": attempt(lambda: (pathlib.Path.home() / "mine.txt").write_text("mine")),
    "other_list": attempt(lambda: os.listdir(other)),
    "other_read": attempt(lambda: (other / {lesson!r}).read_bytes()),
    "other_write": attempt(lambda: (other / "gg-practice" / "note.txt").write_text("x")),
    "state_list": attempt(lambda: os.listdir(state)),
    "state_read": attempt(lambda: (state / "jupyterhub.sqlite").read_bytes()),
}}))
"""


def run_in_kernel(page, code: str) -> str:
    """Execute ``code`` in the kernel of the notebook open in ``page``; return what it printed (or the error)."""
    return page.evaluate(
        f"""async (code) => {{
            const kernel = {NOTEBOOK}.sessionContext.session.kernel;
            let out = '';
            const future = kernel.requestExecute({{code, store_history: false}});
            future.onIOPub = (msg) => {{
                if (msg.header.msg_type === 'stream') out += msg.content.text;
                if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue;
            }};
            await future.done;
            return out;
        }}""",
        code,
    )


def sign_in(browser, hub, user: str, password: str):
    """Fill the hub's login form; return the page (on the hub's login page again when refused)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_load_state()
    return page


def remove_accounts(accounts: list[str]) -> list[str]:
    """Stop every process of these system users and delete the users and their groups; return what failed."""
    failed = []
    for account in accounts:
        try:
            uid = pwd.getpwnam(account).pw_uid
        except KeyError:
            continue
        for process in psutil.process_iter(["uids"]):
            if process.info["uids"] and uid in process.info["uids"]:
                process.kill()
        psutil.wait_procs([p for p in psutil.process_iter(["uids"]) if p.info["uids"] and uid in p.info["uids"]], timeout=10)
        done = subprocess.run(["userdel", account], capture_output=True, text=True)
        if done.returncode not in (0, 6):  # 6: no such user
            failed.append(f"userdel {account}: {done.stderr.strip()}")
    return failed


@pytest.fixture(scope="module")
def campus():
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("the campus hub creates system users: run as root on Linux (CI does)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed: apt-get install -y chromium")
    if shutil.which("configurable-http-proxy") is None and not os.environ.get("CI"):
        pytest.skip("JupyterHub's proxy is needed: npm install -g configurable-http-proxy")
    tag = secrets.token_hex(3)
    # A campus login with capitals (normalised to lower case) and a student number.
    students = {"ani": f"Ani.{tag}", "nim": f"20{secrets.randbelow(10**8):08d}"}
    lecturer = f"dosen-{tag}"
    names = {key: typed.lower() for key, typed in students.items()}
    accounts = [system_name(n) for n in [*names.values(), lecturer]]
    base = Path(tempfile.mkdtemp(prefix="gg-campus-"))
    base.chmod(0o755)  # the students' servers reach their homes and the lab settings through it
    try:
        build_environment(base / "engine")
        practice = base / "lecturer" / "gg-practice"
        course("release", "--mode", "practice", "--out", str(practice), "--lang", "en", "--lessons", "00")
        publish_on_server(practice, "Lesson 00")
        allowed = base / "allowed.txt"
        allowed.write_text(f"# the class\n{students['ani']}\n{students['nim']}\n{lecturer}\n", encoding="utf-8")
        settings = {"COURSE_HUB_ADMINS": lecturer, "COURSE_HUB_ALLOWED": str(allowed)}
        # The release is a git repository on the server itself, owned by root: each student's git
        # must be told it is safe, by the guide's line in /etc/gitconfig (here a file of its own,
        # given to these servers only as their system git config).
        gitconfig = base / "gitconfig"
        gitconfig.write_text(f"[safe]\n\tdirectory = {practice / '.git'}\n", encoding="utf-8")
        trusted = {"GIT_CONFIG_SYSTEM": str(gitconfig)}
        with running_hub(base, campus_env=ENV, settings=settings, student_env=trusted) as hub:
            yield base, hub, practice, students, names, lecturer
    finally:
        failed = remove_accounts(accounts)
        shutil.rmtree(base, ignore_errors=True)
        left = [a for a in accounts if _exists(a)]
        assert not failed and not left, f"system users left behind: {left} {failed}"


def build_environment(engine: Path) -> None:
    """The guide's set-up: a practice release of every lesson, and the environment built from it (kept while unchanged)."""
    started = time.monotonic()
    course("release", "--mode", "practice", "--out", str(engine), "--lang", "en")
    uv = Path(sys.executable).parent / "uv"
    build = subprocess.run(
        ["bash", str(ROOT / "deploy" / "campus-hub.sh"), "env", str(ENV), str(engine)],
        env=dict(os.environ, **({"UV": str(uv)} if uv.exists() else {})),
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    print(f"\ncampus environment: {build.stdout.strip()} ({time.monotonic() - started:.0f} s with the release)")


def publish_on_server(folder: Path, message: str) -> None:
    """Commit the release, and let every account read it (``release`` writes its folder for its owner only)."""
    publish(folder, message)
    subprocess.run(["chmod", "-R", "a+rX", str(folder)], check=True)


def _exists(account: str) -> bool:
    try:
        pwd.getpwnam(account)
    except KeyError:
        return False
    return True


def test_each_student_is_their_own_system_user(campus, browser):
    base, hub, practice, students, names, lecturer = campus
    started = time.monotonic()
    passwords = {key: f"pw-{key}-{secrets.token_hex(4)}" for key in students}
    link = link_for(hub.url, practice, LESSON)
    assert hub.api("GET", f"/users/{lecturer}")["admin"], "the lecturer's account is admin"
    assert all(_exists(system_name(n)) for n in [lecturer, *names.values()]), "the allowed names' system users are made at the start"

    pages = {}
    for key, typed in students.items():
        page = pages[key] = sign_in(browser, hub, typed, passwords[key])  # the first sign-in sets the password
        assert "/hub/login" not in page.url, f"{typed} could not sign in the first time"
        try:
            follow(page, link, LESSON)
            run_all_cells(page, timeout=180)
        except Exception:
            screenshot(page, f"campus-failed-{key}")
            print(error_outputs(page), page.inner_text("body")[-3000:], hub.log.read_text()[-6000:])
            raise
        assert error_outputs(page) == []
        answer(page, "00-unknown-title", "Nothing: leave it empty and report it as unknown", "Check")
        save(page)
        screenshot(page, f"campus-{key}")

    for name in names.values():
        account = pwd.getpwnam(system_name(name))
        home = hub.homes / name
        assert account.pw_dir == str(home) and account.pw_uid != 0
        assert home.stat().st_uid == account.pw_uid and home.stat().st_mode & 0o777 == 0o700, "a home only its owner can enter"
        pid = hub.api("GET", f"/users/{name}")["servers"][""]["state"]["pid"]
        assert set(psutil.Process(pid).uids()) == {account.pw_uid}, "the server runs as the student, never as root"
        owners = {p.stat().st_uid for p in (home / "gg-practice").rglob("*") if not p.is_symlink()}
        assert owners == {account.pw_uid}, "the release nbgitpuller pulled belongs to the student"
        assert records(home / "gg-practice" / LESSON, "00-unknown-title"), "the saved answer is in the student's home"

    # Each kernel tries the classmate's home and the hub's state folder.
    for key, other in (("ani", "nim"), ("nim", "ani")):
        printed = run_in_kernel(
            pages[key], PROBE.format(other=str(hub.homes / names[other]), state=str(base / "state"), lesson=f"gg-practice/{LESSON}")
        )
        seen = json.loads(printed.strip().splitlines()[-1])
        assert seen["kernel_user"] == system_name(names[key]) and 0 not in seen["kernel_uids"], seen
        assert seen["server_uid"] == pwd.getpwnam(system_name(names[key])).pw_uid, seen
        assert seen["home"] == str(hub.homes / names[key]) and seen["own_write"] == "allowed", seen
        refused = {k: v for k, v in seen.items() if k.startswith(("other_", "state_"))}
        assert refused == dict.fromkeys(refused, "PermissionError"), seen
        print(f"{key}'s kernel: {seen}")
    assert not (hub.homes / names["ani"] / "gg-practice" / "note.txt").exists()

    # A wrong password after the first sign-in, a name off the allow list, an unsafe name: all refused.
    for typed, password, message in (
        (students["ani"], "not-" + passwords["ani"], "Invalid username or password"),
        (students["nim"], passwords["ani"], "Invalid username or password"),
        (f"mallory-{names['ani'][-6:]}", "a-long-password", "Invalid username or password"),
        ("ani lestari", "a-long-password", "Use only letters, digits"),
        ("../../etc", "a-long-password", "Use only letters, digits"),
    ):
        page = sign_in(browser, hub, typed, password)
        assert "/hub/login" in page.url and message in page.inner_text("body"), f"{typed!r} was let in"
        screenshot(page, "campus-refused")
        page.context.close()
    assert not _exists(system_name(f"mallory-{names['ani'][-6:]}")), "no system user for a refused name"
    again = sign_in(browser, hub, students["nim"], passwords["nim"])
    assert "/hub/login" not in again.url, "the student's own password still works"
    again.context.close()

    # An update: the lecturer adds lesson 01, each student follows the same link again.
    course("release", "--mode", "practice", "--out", str(practice), "--lang", "en", "--lessons", "00", "01")
    publish_on_server(practice, "Lessons 00 and 01")
    for key, name in names.items():
        follow(pages[key], link, LESSON)
        new = hub.homes / name / "gg-practice" / NEW_LESSON
        assert new.is_file() and new.stat().st_uid == pwd.getpwnam(system_name(name)).pw_uid, "the update belongs to the student"
        assert records(hub.homes / name / "gg-practice" / LESSON, "00-unknown-title"), "the saved answer survived the update"
        pages[key].context.close()
    print(f"campus hub test: two students, isolation, refusals and an update in {time.monotonic() - started:.0f} s")

    # The lecturer, as root on the server, grades straight from the homes.
    report = course("grade", str(hub.homes), "--out", str(base / "grades"), "--lesson", "00")
    rows = _gradebook(base / "grades")
    assert set(rows) == set(names.values()), report
    assert all(float(rows[name]["points"]) > 0 for name in names.values()), report
    assert re.search(r"\d", names["nim"]) and rows[names["nim"]]["file"].startswith(f"{names['nim']}/gg-practice/")
