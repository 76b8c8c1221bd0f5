#!/usr/bin/env bash
# Stops the local registry and deletes what was pushed to it. Target cluster:registry-down.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
need_root "the registry runs as root with its data in /var/lib/todo-registry"
PID_FILE=/run/todo-registry.pid
if [ -f "$PID_FILE" ]; then
  kill "$(cat "$PID_FILE")" 2>/dev/null || true
  rm -f "$PID_FILE"
fi
rm -rf /var/lib/todo-registry
ok "registry stopped, its data deleted"
