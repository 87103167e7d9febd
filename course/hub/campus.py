"""The campus mode's sign-in and spawner: a system user per student, created at first sign-in.

``CampusAuthenticator`` is ``jupyterhub-firstuseauthenticator`` (the first sign-in sets
the student's password, stored as a bcrypt hash in the hub's state folder; later
sign-ins need it) combined with JupyterHub's ``LocalAuthenticator``, whose
``create_system_users`` makes the student's system user when the hub first meets the
name. The system user is ``jupyter-<name>`` (:mod:`course.hub.usernames`) with its home
``<homes>/<name>``, mode 0700, so the lecturer grades straight from ``<homes>``.
``CampusSpawner`` is JupyterHub's ``LocalProcessSpawner`` started as that system user.
Loaded by ``deploy/jupyterhub_config.py`` when ``COURSE_HUB_MODE=campus``.
"""

from __future__ import annotations

import os
import pwd
import subprocess
from pathlib import Path

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import LocalAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from ..words import texts
from .usernames import normalise, problem, system_name

HOME_MODE = 0o700


def make_home(home: Path, user: str) -> None:
    """Give ``home`` to the system user ``user``, readable by nobody else (mode 0700, the folder itself only)."""
    account = pwd.getpwnam(user)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, account.pw_uid, account.pw_gid)
    home.chmod(HOME_MODE)


class CampusAuthenticator(FirstUseAuthenticator, LocalAuthenticator):
    """First sign-in sets the password; each hub user ``name`` gets the system user ``jupyter-<name>``."""

    homes = Unicode("/srv/gg-hub/homes", help="The folder that holds every student's home, <homes>/<name>.").tag(config=True)

    def normalize_username(self, username: str) -> str:
        return normalise(username)

    def validate_username(self, username: str) -> bool:
        return problem(username) is None and super().validate_username(username)

    async def authenticate(self, handler, data):
        """Refuse an unusable name (with a message in both languages) or one off the allow list; else the first-use check.

        The allow list is checked here, before the first-use check, so that trying a name
        not (yet) on it never sets that name's password.
        """
        name = normalise(data.get("username", ""))
        reason = problem(name)
        if reason:
            words = texts(reason)
            message = f"{words['en']} · {words['id']}"
            self.log.warning("Refused sign-in name %r: %s", data.get("username", "")[:64], words["en"])
            if handler is not None:
                handler.custom_login_error = message
            return None
        if not self.allow_all and name not in self.allowed_users | self.admin_users:
            self.log.warning("Refused sign-in name %s: not on the allow list", name)
            return None
        return await super().authenticate(handler, data)

    def system_user_exists(self, user) -> bool:
        try:
            pwd.getpwnam(system_name(user.name))
        except KeyError:
            return False
        return True

    def add_system_user(self, user) -> None:
        """Create ``jupyter-<name>`` with its own group, a locked password and the home ``<homes>/<name>`` (0700)."""
        account, home = system_name(user.name), Path(self.homes) / user.name
        Path(self.homes).mkdir(parents=True, exist_ok=True)
        command = ["useradd", "--create-home", "--home-dir", str(home), "--user-group", "--shell", "/bin/bash", "--comment", "", account]
        self.log.info("Creating system user %s with home %s", account, home)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"useradd {account}: {done.stderr.strip() or done.returncode}; fix: run the hub as root on Linux")
        make_home(home, account)


class CampusSpawner(LocalProcessSpawner):
    """JupyterLab as the student's own system user ``jupyter-<name>``, in the student's home."""

    def make_preexec_fn(self, name):
        return set_user_setuid(system_name(name))

    def user_env(self, env):
        account = pwd.getpwnam(system_name(self.user.name))
        env["USER"] = env["LOGNAME"] = account.pw_name
        env["HOME"] = account.pw_dir
        env["SHELL"] = account.pw_shell or "/bin/bash"
        return env

    async def start(self):
        account = pwd.getpwnam(system_name(self.user.name))
        make_home(Path(account.pw_dir), account.pw_name)  # mode 0700 again, whatever happened to it since
        return await super().start()
