#!/usr/bin/env bash
# The campus hub on one Debian or Ubuntu server (docs/campus-it-guide.md, "Campus mode").
#
#   sudo bash deploy/campus-hub.sh install RELEASE [--service]   # everything
#   sudo bash deploy/campus-hub.sh env DIR RELEASE                # only the students' environment, in DIR
#
# RELEASE is a practice release of every lesson (python3 bootstrap.py release --mode practice
# --out RELEASE), never this master folder, which holds the solutions: the environment
# takes the course's engine and its data (the abstracts, the reference tables) from it,
# and every student can read them.
# install: Debian's python3-venv, git, Node.js and npm when missing; JupyterHub's proxy
# (configurable-http-proxy, from npm); the environment /opt/gg-hub/env made with the
# system's Python (every student's account can read it, unlike a pyenv under /root or
# a .venv in a lecturer's home), with the course installed from a copy of RELEASE (not
# editable) and its `campus` extra, the release's data in /opt/gg-hub/env/share/gg-course/data;
# the hub's config in /opt/gg-hub. With --service it also writes the systemd unit
# gg-hub.service and starts it.
# env: only the environment. It is rebuilt only when the release's engine or data changed
# (a fingerprint is kept in DIR/.course-fingerprint). With UV=/path/to/uv, uv installs
# (seconds from its cache) instead of pip.
set -euo pipefail
COURSE="$(cd "$(dirname "$0")/.." && pwd)"
OPT=/opt/gg-hub

fingerprint() {  # what the environment is built from: the release's package and data, the system's Python
  (cd "$1" && find pyproject.toml README.md course data -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 \
    | sort -z | xargs -0 sha256sum; /usr/bin/python3 --version) | sha256sum | cut -d' ' -f1
}

build_env() {
  local env="$1" release want
  release="$(cd "$2" && pwd)"
  if [ ! -f "$release/release.json" ] || [ ! -d "$release/course" ]; then
    echo "campus-hub: $release is not a release folder; fix: python3 bootstrap.py release --mode practice --out $2" >&2
    exit 1
  fi
  want="$(fingerprint "$release")"
  if [ -x "$env/bin/jupyterhub-singleuser" ] && [ "$(cat "$env/.course-fingerprint" 2>/dev/null)" = "$want" ]; then
    echo "campus-hub: $env is up to date"
    return
  fi
  local started=$SECONDS copy
  rm -rf "$env"
  /usr/bin/python3 -m venv "$env"
  copy="$(mktemp -d)"
  trap 'rm -rf "$copy"' RETURN
  cp -r "$release/pyproject.toml" "$release/README.md" "$release/course" "$copy/"
  if [ -n "${UV:-}" ]; then
    "$UV" pip install --quiet --python "$env/bin/python" "$copy[campus]"
  else
    "$env/bin/pip" install --quiet --disable-pip-version-check "$copy[campus]"
  fi
  mkdir -p "$env/share/gg-course"
  cp -r "$release/data" "$env/share/gg-course/data"  # COURSE_DATA_DIR of the students' servers
  chmod -R a+rX "$env"
  echo "$want" >"$env/.course-fingerprint"
  echo "campus-hub: built $env in $((SECONDS - started)) s"
}

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  local missing=()
  /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
  command -v git >/dev/null || missing+=(git)
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v configurable-http-proxy >/dev/null || npm install -g --silent --no-fund --no-audit configurable-http-proxy >/dev/null
}

write_service() {
  mkdir -p /etc/gg-hub
  [ -f /etc/gg-hub/hub.env ] || cat >/etc/gg-hub/hub.env <<'EOF'
# The campus hub's settings (docs/campus-it-guide.md). Restart after a change: systemctl restart gg-hub
COURSE_HUB_MODE=campus
COURSE_HUB_ADMINS=dosen
COURSE_HUB_URL=http://127.0.0.1:8000
COURSE_HUB_HOMES=/srv/gg-hub/homes
COURSE_HUB_STATE=/srv/gg-hub/state
# COURSE_HUB_ALLOWED=/etc/gg-hub/allowed.txt
EOF
  chmod 600 /etc/gg-hub/hub.env
  cat >/etc/systemd/system/gg-hub.service <<EOF
[Unit]
Description=JupyterHub for the good-governance course (campus mode)
After=network-online.target
Wants=network-online.target

[Service]
User=root
EnvironmentFile=/etc/gg-hub/hub.env
WorkingDirectory=$OPT
ExecStart=$OPT/env/bin/python -m jupyterhub -f $OPT/jupyterhub_config.py
Restart=on-failure

[Install]
WantedBy=multi-user.target
EOF
  systemctl daemon-reload
  systemctl enable --now gg-hub
  echo "campus-hub: gg-hub.service started; settings in /etc/gg-hub/hub.env, log: journalctl -u gg-hub"
}

case "${1:-}" in
  env)
    [ -n "${3:-}" ] || { echo "usage: $0 env DIR RELEASE" >&2; exit 2; }
    build_env "$2" "$3"
    ;;
  install)
    [ -n "${2:-}" ] || { echo "usage: sudo bash $0 install RELEASE [--service]" >&2; exit 2; }
    [ "$(id -u)" = 0 ] || { echo "campus-hub: run as root (sudo bash $0 install RELEASE)" >&2; exit 1; }
    install_packages
    build_env "$OPT/env" "$2"
    install -m 644 "$COURSE/deploy/jupyterhub_config.py" "$OPT/jupyterhub_config.py"
    if [ "${3:-}" = "--service" ]; then
      write_service
    else
      echo "campus-hub: start the hub with:"
      echo "  sudo COURSE_HUB_MODE=campus COURSE_HUB_ADMINS=dosen $OPT/env/bin/python -m jupyterhub -f $OPT/jupyterhub_config.py"
    fi
    ;;
  *)
    echo "usage: sudo bash $0 install RELEASE [--service] | env DIR RELEASE" >&2
    exit 2
    ;;
esac
