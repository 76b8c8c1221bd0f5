#!/usr/bin/env bash
# The test tiers (docs/development.md, "Tests"):
#   tools/test.sh quick   format, lint, types, unit tests, the API on PGlite, the chart's
#                         templates: no root, no Docker, no cluster (the edit loop; npm run test:quick)
#   tools/test.sh         everything CI runs (npm test): first it installs and starts what the
#                         tests need (PostgreSQL, Chromium, Docker + buildx, the todo-local
#                         cluster), then the quick tier plus every e2e target (real PostgreSQL,
#                         Chromium, Docker images, the cluster and the plan's stories).
# Both end with one line, "Tests: N passed, N failed", from tools/ci/test-summary.mjs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/shell/lib.sh"
cd "$ROOT_DIR"
export NEXT_TELEMETRY_DISABLED=1

tier="${1:-full}"
# The quick tier runs two tasks at a time (nothing in it shares a port, a database or a cluster);
# the full tier one at a time (nx.json), because its e2e targets share the machine's PostgreSQL,
# Docker and the cluster, and their timings are part of what they report.
case "$tier" in
  quick) targets=(lint typecheck test) parallel=2 ;;
  full) targets=(lint typecheck test e2e) parallel=1 ;;
  *) fail "usage: ${0##*/} [quick]" ;;
esac

if [ "$tier" = full ]; then
  bash tools/test-services/postgres.sh
  bash tools/test-services/chromium.sh
  bash tools/test-services/docker.sh
  bash infra/docker/scripts/install-buildx.sh >/dev/null
  bash infra/k8s/scripts/cluster-up.sh
  # Nothing can be pulled here: the app images build on the offline base (unless one is named).
  TODO_RUNTIME_IMAGE="${TODO_RUNTIME_IMAGE:-$(bash infra/docker/scripts/build-node-base.sh)}"
  export TODO_RUNTIME_IMAGE
fi

rm -rf dist/test-results
npx nx format:check
status=0
npx nx run-many -t "${targets[@]}" --parallel="$parallel" --outputStyle=static || status=$?
# The summary also when a task failed: it names each failed test at the end of the log.
node tools/ci/test-summary.mjs || status=$((status ? status : 1))
exit "$status"
