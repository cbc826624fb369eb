#!/usr/bin/env bash
# Every test, in order of speed; stops at the first failing stage and says which.
set -euo pipefail
cd "$(dirname "$0")/.."

# The PostgreSQL server on this kind of machine: tests use it when it answers.
if [ -z "${TEST_DATABASE_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
fi
[ -n "${TEST_DATABASE_URL:-}" ] && echo "PostgreSQL tests: $TEST_DATABASE_URL" || echo "PostgreSQL tests: skipped (no server answered on 127.0.0.1:5432)"

stage() {
  local name=$1; shift
  echo; echo "==> $name"
  local start=$SECONDS
  if ! "$@"; then echo "FAILED: $name"; exit 1; fi
  echo "--- $name: $((SECONDS - start)) s"
}

# The two lint stages share nothing and each keeps one core busy: run them side by side, then print each
# one's output in turn so that a failure reads as it would alone.
lint_both() {
  local ext srv status=0
  ext=$(mktemp) srv=$(mktemp)
  bash -c 'npm run --silent lint:check && npm run --silent typecheck' >"$ext" 2>&1 &
  local ext_pid=$!
  bash -c 'npm --prefix server run --silent lint:check && npm --prefix server run --silent typecheck' >"$srv" 2>&1 &
  local srv_pid=$!
  wait "$ext_pid" || { status=1; echo "extension: FAILED"; }
  wait "$srv_pid" || { status=1; echo "service: FAILED"; }
  echo "-- extension:"; cat "$ext"; echo "-- service:"; cat "$srv"
  rm -f "$ext" "$srv"
  return "$status"
}
stage "lint and types (extension and service, side by side)" lint_both
stage "extension unit tests (jest)" npm test --silent
stage "service tests (PGlite and PostgreSQL)" npm --prefix server test --silent
# The stages with real hubs, servers and kernels get a ceiling, so that a process that never exits
# fails the run in minutes instead of holding CI until its own limit.
stage "integration tests (real JupyterHub 5.4)" timeout --kill-after=30 600 npm --prefix server run --silent test:integration
stage "UI tests (galata, Debian chromium, real hub)" timeout --kill-after=30 900 npm --prefix ui-tests test --silent
echo; echo "All test stages passed in $SECONDS s."
