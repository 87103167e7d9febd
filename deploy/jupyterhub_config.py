"""JupyterHub on one university server for the good-governance course.

Run it with ``jupyterhub -f deploy/jupyterhub_config.py`` (see docs/campus-it-guide.md,
"A whole class on JupyterHub"). One file, three ways to run, chosen by ``COURSE_HUB_MODE``
(``trial``, ``campus`` or ``university``; without it, ``trial`` when
``COURSE_HUB_TRIAL_PASSWORD`` is set, else ``university``):

* **Trial** (``COURSE_HUB_TRIAL_PASSWORD`` set): every user signs in with that one
  password (``SharedPasswordAuthenticator``, the successor of the dummy authenticator)
  and gets a JupyterLab started as a plain process of the hub's own user, with a home
  folder ``$COURSE_HUB_HOMES/<user>`` (``SimpleLocalProcessSpawner``). This is what
  ``tests/browser/test_hub.py`` runs: quick to try on a laptop, **not** for students,
  because nothing separates one user's files from another's.
* **Campus** (``COURSE_HUB_MODE=campus``, the hub run as root on one Linux server, no
  containers): the first sign-in sets each student's password
  (``jupyterhub-firstuseauthenticator``, bcrypt hashes in the state folder) and creates
  the student's system user ``jupyter-<name>`` with the home ``$COURSE_HUB_HOMES/<name>``,
  mode 0700 (:mod:`course.hub.campus`); each student's JupyterLab runs as that user
  (``LocalProcessSpawner``), from the environment the hub itself runs from, which every
  student must be able to read (``deploy/campus-hub.sh`` builds one under ``/opt``).
  ``COURSE_HUB_ALLOWED`` names a file of allowed names, one a line; without it anyone may
  sign in. ``tests/browser/test_campus_hub.py`` runs this mode as root with two students.
* **University** (the default): students sign in with the university's accounts
  (OAuth 2 / OpenID Connect: Keycloak, Microsoft Entra ID, Google Workspace; or LDAP,
  below) and each gets a container of the course image (``deploy/Dockerfile``) with its
  home folder ``$COURSE_HUB_HOMES/<user>`` on the server, memory and CPU limits
  (``DockerSpawner``), stopped when idle.
  Needs ``pip install dockerspawner oauthenticator jupyterhub-idle-culler``, Docker,
  and the image built. The tests here do not run this branch.

Memory and CPU figures come from ``benchmarks/bench_hub.py`` (see the guide's
"students per node" table): a course user (server and kernel) measured at most 271 MB
resident once all of lesson 01 has run, its chart included; the guarantee leaves headroom above that, the limit
leaves room for a student who loads a big table without letting one student take
a node's memory. ``deploy/config.yaml`` uses the same figures (a test checks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

HERE = Path(__file__).resolve().parent
TRIAL_PASSWORD = os.environ.get("COURSE_HUB_TRIAL_PASSWORD")
MODE = os.environ.get("COURSE_HUB_MODE") or ("trial" if TRIAL_PASSWORD else "university")
if MODE not in ("trial", "campus", "university"):
    raise ValueError(f"{__file__}: COURSE_HUB_MODE={MODE!r} is not a mode; fix: trial, campus or university")
if MODE == "trial" and not TRIAL_PASSWORD:
    raise ValueError(f"{__file__}: the trial mode needs its shared password; fix: set COURSE_HUB_TRIAL_PASSWORD")
# The hub's database, cookie secret and proxy pid (and the campus passwords): beside this file
# for a trial, under /srv otherwise. Only the hub's own user may enter it.
STATE = Path(os.environ.get("COURSE_HUB_STATE", HERE / "state" if MODE == "trial" else "/srv/gg-hub/state"))
STATE.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o700)

c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.Spawner.default_url = "/lab"  # nbgitpuller links open lessons in JupyterLab
c.Spawner.mem_guarantee = "320M"
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0
c.Spawner.start_timeout = 120
c.Authenticator.admin_users = set(filter(None, os.environ.get("COURSE_HUB_ADMINS", "").split(",")))

# Every student's home is HOMES/<user>: the lecturer grades straight from here
# (python -m course grade HOMES --lesson NN), as tests/browser/test_hub.py does.
HOMES = Path(os.environ.get("COURSE_HUB_HOMES", "/srv/gg-hub/homes"))


def stop_idle_servers() -> None:
    """Stop servers idle for an hour (their files stay), with JupyterHub's idle culler as a hub service."""
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ]
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
        }
    ]


if MODE == "trial":
    # --- Trial: one shared password, plain processes, homes under COURSE_HUB_HOMES ---
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = TRIAL_PASSWORD
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
    # The course engine lives in the hub's own environment: start JupyterLab from it.
    c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    if os.geteuid() == 0:
        c.Spawner.args = ["--allow-root"]
elif MODE == "campus":
    # --- Campus: a system user per student, created at first sign-in --------------
    from course.hub.campus import CampusAuthenticator, CampusSpawner
    from course.hub.usernames import read_allow_list

    HOMES.mkdir(parents=True, exist_ok=True)
    HOMES.chmod(0o755)  # each student can reach their own home; the homes themselves are 0700
    c.JupyterHub.authenticator_class = CampusAuthenticator
    c.CampusAuthenticator.homes = str(HOMES)
    c.CampusAuthenticator.create_system_users = True
    c.CampusAuthenticator.dbm_path = str(STATE / "passwords.dbm")  # bcrypt hashes, in the hub-only state folder
    c.CampusAuthenticator.min_password_length = 8
    c.CampusAuthenticator.check_passwords_on_startup = False
    ALLOWED = os.environ.get("COURSE_HUB_ALLOWED")
    if ALLOWED:
        c.Authenticator.allowed_users = read_allow_list(Path(ALLOWED))
    else:
        c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = CampusSpawner
    # Every student's JupyterLab starts from the environment the hub runs from
    # (<env>/bin/python -m jupyterhub ...): it must be readable by every student.
    ENV_BIN = Path(sys.executable).parent
    c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
    c.Spawner.environment = {"PATH": f"{ENV_BIN}:/usr/local/bin:/usr/bin:/bin"}
    # The course's data (abstracts, reference tables) from the release the environment was built from.
    RELEASE_DATA = Path(sys.prefix) / "share" / "gg-course" / "data"
    if RELEASE_DATA.is_dir():
        c.Spawner.environment["COURSE_DATA_DIR"] = str(RELEASE_DATA)
    c.Spawner.env_keep = ["LANG", "LC_ALL"]
    # Stop servers idle for an hour (their files stay).
    stop_idle_servers()
else:
    # --- University: sign in with the university's accounts -------------------------
    # OpenID Connect (Keycloak, Microsoft Entra ID, ...). Ask the university's identity
    # team for a client registered with the callback URL below, then fill in the four
    # addresses and the secret (kept out of this file, in the environment).
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.client_id = os.environ.get("OAUTH_CLIENT_ID", "")
    c.GenericOAuthenticator.client_secret = os.environ.get("OAUTH_CLIENT_SECRET", "")
    c.GenericOAuthenticator.oauth_callback_url = os.environ.get("OAUTH_CALLBACK_URL", "https://hub.example.ac.id/hub/oauth_callback")
    c.GenericOAuthenticator.authorize_url = os.environ.get("OAUTH_AUTHORIZE_URL", "")
    c.GenericOAuthenticator.token_url = os.environ.get("OAUTH_TOKEN_URL", "")
    c.GenericOAuthenticator.userdata_url = os.environ.get("OAUTH_USERDATA_URL", "")
    c.GenericOAuthenticator.scope = ["openid", "profile", "email"]
    c.GenericOAuthenticator.username_claim = "preferred_username"  # the student number, if the university puts it there
    c.GenericOAuthenticator.allow_all = True  # or allowed_groups = {"gg-2026"} with manage_groups
    # LDAP instead (pip install jupyterhub-ldapauthenticator):
    # c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
    # c.LDAPAuthenticator.server_address = "ldap.example.ac.id"
    # c.LDAPAuthenticator.bind_dn_template = ["uid={username},ou=people,dc=example,dc=ac,dc=id"]

    # One container per student from the course image; the home is HOMES/<user> on the server.
    c.JupyterHub.spawner_class = "docker"
    c.DockerSpawner.image = os.environ.get("COURSE_IMAGE", "gg-course:latest")
    c.DockerSpawner.volumes = {str(HOMES / "{username}"): "/home/jovyan"}

    def make_home(spawner) -> None:
        """Create the student's home, owned by the image's notebook user (uid 1000, gid 100)."""
        home = HOMES / spawner.user.name
        home.mkdir(parents=True, exist_ok=True)
        os.chown(home, 1000, 100)

    c.Spawner.pre_spawn_hook = make_home
    c.DockerSpawner.notebook_dir = "/home/jovyan"
    c.DockerSpawner.remove = True  # the container goes, the volume (the student's work) stays
    c.JupyterHub.hub_ip = "0.0.0.0"  # containers reach the hub over Docker's bridge
    c.DockerSpawner.hub_ip_connect = os.environ.get("COURSE_HUB_CONNECT_IP", "172.17.0.1")

    # Stop servers idle for an hour (their files stay), as the Kubernetes recipe does.
    stop_idle_servers()
