"""JupyterHub on one university server for the good-governance course.

Run it with ``jupyterhub -f deploy/jupyterhub_config.py`` (see docs/campus-it-guide.md,
"A whole class on JupyterHub"). One file, two ways to run:

* **Trial** (``COURSE_HUB_TRIAL_PASSWORD`` set): every user signs in with that one
  password (``SharedPasswordAuthenticator``, the successor of the dummy authenticator)
  and gets a JupyterLab started as a plain process of the hub's own user, with a home
  folder ``$COURSE_HUB_HOMES/<user>`` (``SimpleLocalProcessSpawner``). This is what
  ``tests/browser/test_hub.py`` runs: quick to try on a laptop, **not** for students,
  because nothing separates one user's files from another's.
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
# The hub's database, cookie secret and proxy pid: beside this file for a trial, under /srv for the university.
STATE = Path(os.environ.get("COURSE_HUB_STATE", HERE / "state" if TRIAL_PASSWORD else "/srv/gg-hub/state"))
STATE.mkdir(parents=True, exist_ok=True)

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

if TRIAL_PASSWORD:
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
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }]
