#!/usr/bin/env bash
# All benchmarks, one after another (each compares its targets side by side within one run).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
fi
[ -d ui-tests/node_modules ] || npm --prefix ui-tests ci --no-audit --no-fund --loglevel=error
echo "== service HTTP (issue 2 §8)"; node bench/http.mjs
echo "== feedback submissions (issue 5)"; node bench/feedback.mjs
echo "== training progress updates (issue 4)"; node bench/training.mjs
echo "== admin console on a 10,000-user hub (issue 3)"; node bench/admin.mjs
echo "== JupyterLab load and size (issue 2 §8)"; node bench/lab.mjs
echo "== federation: instances on one PostgreSQL, Core Team tables (issue 7)"; node bench/federation.mjs
