#!/usr/bin/env bash
# The UI tests' hub: the demo configuration with fresh state, so every run starts from nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CATALYST_STATE_DIR=${CATALYST_STATE_DIR:-$(mktemp -d /tmp/catalyst-ui-hub-XXXXXX)}
export CATALYST_SERVICE_PORT=${CATALYST_SERVICE_PORT:-$((CATALYST_HUB_PORT + 90))}
# Galata's in-page helpers (shipped with JupyterLab) in every user's server; tests only.
galata=$(.venv/bin/python -c 'import jupyterlab.galata, os; print(os.path.dirname(jupyterlab.galata.__file__))')
export CATALYST_SINGLEUSER_ARGS="--LabServerApp.extra_labextensions_path=$galata --LabApp.expose_app_in_browser=True"
# The hub, its service, user servers and kernels write to a file, not to the test runner: a process that
# outlives the hub (IRkernel does; so does a service the hub gave up on, which runs in its own session)
# would otherwise hold the runner's pipe open and keep it waiting forever. The file stays for reading.
log="$CATALYST_STATE_DIR/hub.log"
echo "UI test hub on port $CATALYST_HUB_PORT; its log: $log"
# When the hub exits, stop whatever still runs from its state directory or listens on the service's port.
cleanup() {
  local status=$?
  pkill -f -- "$CATALYST_STATE_DIR" || true
  fuser -k -TERM -n tcp "$CATALYST_SERVICE_PORT" 2>/dev/null || true
  if [ "$status" -ne 0 ] && [ -f "$log" ]; then
    echo "The UI test hub exited with status $status; the end of $log:"
    tail -n 40 "$log"
  fi
}
trap cleanup EXIT
.venv/bin/jupyterhub -f demo/jupyterhub_config.py >"$log" 2>&1 &
hub=$!
# The runner stops the hub with SIGTERM: pass it on and wait, so the hub stops its proxy, service and servers.
trap 'kill -TERM "$hub" 2>/dev/null || true; wait "$hub"' TERM INT
wait "$hub"
