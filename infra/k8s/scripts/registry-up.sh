#!/usr/bin/env bash
# Starts the local OCI registry on loopback (127.0.0.1:5000, plain HTTP, infra/k8s/registry/
# config.yml) for the registry path: push-image.sh pushes there and the todo-local node pulls
# from it (containerd uses plain HTTP for loopback hosts). Idempotent. Target cluster:registry-up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
need_root "the registry keeps its data in /var/lib/todo-registry"
STATE=/var/lib/todo-registry
PID_FILE=/run/todo-registry.pid
ADDR=127.0.0.1:5000

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  ok "registry already running on $ADDR"
  exit 0
fi
bin=$(bash "$ROOT_DIR/infra/k8s/scripts/install-registry.sh")
mkdir -p "$STATE/data"
REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY="$STATE/data" OTEL_TRACES_EXPORTER=none \
  REGISTRY_HTTP_SECRET=todo-local-single-instance \
  nohup "$bin" serve "$ROOT_DIR/infra/k8s/registry/config.yml" >"$STATE/registry.log" 2>&1 &
echo $! >"$PID_FILE"
for _ in $(seq 50); do
  curl -fsS "http://$ADDR/v2/" >/dev/null 2>&1 && {
    ok "registry on $ADDR (log: $STATE/registry.log)"
    exit 0
  }
  kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
  sleep 0.2
done
fail "the registry did not answer on http://$ADDR/v2/: see $STATE/registry.log"
