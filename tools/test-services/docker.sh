#!/usr/bin/env bash
# Ensures a Docker engine is running for the image tests: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background when none answers. Idempotent.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../shell/lib.sh"

command -v dockerd >/dev/null || ensure_debs docker.io
if ! docker info >/dev/null 2>&1; then
  need_root "the Docker daemon is not running, and only root can start it here"
  say "Starting dockerd (log: /var/log/dockerd-todo.log)"
  nohup dockerd >/var/log/dockerd-todo.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start; see /var/log/dockerd-todo.log"
fi
ok "Docker ready: engine $(docker version -f '{{.Server.Version}}')"
