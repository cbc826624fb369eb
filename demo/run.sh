#!/usr/bin/env bash
# Start the local demo hub (built by `make demo`), print where to log in, stop everything on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export CATALYST_STATE_DIR=${CATALYST_STATE_DIR:-$PWD/.demo}
port=${CATALYST_HUB_PORT:-8000}
mkdir -p "$CATALYST_STATE_DIR"
log="$CATALYST_STATE_DIR/jupyterhub.log"

.venv/bin/jupyterhub -f demo/jupyterhub_config.py >"$log" 2>&1 &
hub=$!
# The hub stops its proxy, the service and the user servers when it gets SIGTERM.
stop() {
  trap - INT TERM
  echo; echo "Stopping the demo hub..."
  kill -TERM $hub 2>/dev/null || true
  wait $hub 2>/dev/null || true
  echo "Stopped."
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 300); do
  if ! kill -0 $hub 2>/dev/null; then echo "The hub did not start; its log:"; tail -n 40 "$log"; exit 1; fi
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/services/catalyst/ready")" = 200 ] && break
  sleep 0.2
done
if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/services/catalyst/ready")" != 200 ]; then
  echo "The Catalyst service did not become ready within a minute; see $log"
fi

cat <<MSG

  Catalyst demo hub is running:  http://127.0.0.1:$port/

  Log in with any of these users, password "${CATALYST_DEMO_PASSWORD:-catalyst}":
    member     a hub member
    champion   Hub Champion
    community  Community Champion
    coreteam   Catalyst Core Team

  Companion service API docs:    http://127.0.0.1:$port/services/catalyst/docs
  Logs: $log
  Press Ctrl-C to stop the hub, its service and every server it started.

MSG
wait $hub
