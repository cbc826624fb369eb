#!/usr/bin/env bash
# The UI tests' hub: the demo configuration with fresh state, so every run starts from nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CATALYST_STATE_DIR=${CATALYST_STATE_DIR:-$(mktemp -d /tmp/catalyst-ui-hub-XXXXXX)}
export CATALYST_SERVICE_PORT=${CATALYST_SERVICE_PORT:-$((CATALYST_HUB_PORT + 90))}
# Galata's in-page helpers (shipped with JupyterLab) in every user's server; tests only.
galata=$(.venv/bin/python -c 'import jupyterlab.galata, os; print(os.path.dirname(jupyterlab.galata.__file__))')
export CATALYST_SINGLEUSER_ARGS="--LabServerApp.extra_labextensions_path=$galata --LabApp.expose_app_in_browser=True"
exec .venv/bin/jupyterhub -f demo/jupyterhub_config.py
