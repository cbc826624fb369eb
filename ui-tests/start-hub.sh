#!/usr/bin/env bash
# The UI tests' hub: the demo configuration with fresh state, so every run starts from nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CATALYST_STATE_DIR=${CATALYST_STATE_DIR:-$(mktemp -d /tmp/catalyst-ui-hub-XXXXXX)}
export CATALYST_SERVICE_PORT=${CATALYST_SERVICE_PORT:-$((CATALYST_HUB_PORT + 90))}
# Galata's in-page helpers (shipped with JupyterLab) in every user's server; tests only.
galata=$(.venv/bin/python -c 'import jupyterlab.galata, os; print(os.path.dirname(jupyterlab.galata.__file__))')
export CATALYST_SINGLEUSER_ARGS="--LabServerApp.extra_labextensions_path=$galata --LabApp.expose_app_in_browser=True"
# Kernels can outlive their server (IRkernel does), and the service outlives a hub that gave up on it
# (its own session, started by the hub): either would hold this script's output open, which keeps the
# test runner waiting forever. When the hub exits, stop whatever still runs from its state directory
# and whatever still listens on the service's port.
cleanup() {
  pkill -f -- "$CATALYST_STATE_DIR" || true
  fuser -k -TERM -n tcp "$CATALYST_SERVICE_PORT" 2>/dev/null || true
}
trap cleanup EXIT
.venv/bin/jupyterhub -f demo/jupyterhub_config.py &
hub=$!
# The runner stops the hub with SIGTERM: pass it on and wait, so the hub stops its proxy, service and servers.
trap 'kill -TERM "$hub" 2>/dev/null || true; wait "$hub"' TERM INT
wait "$hub"
