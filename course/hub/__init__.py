"""JupyterHub's campus mode: one system user per student (see deploy/jupyterhub_config.py and docs/campus-it-guide.md)."""
