#!/usr/bin/env bash
# Ensures a Docker engine is running for the image tests: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background when none answers. Idempotent.
set -euo pipefail
say() { printf ' • %s\n' "$*"; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

if ! command -v dockerd >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "Docker is not installed; run as root, or: apt-get install docker.io"
  say "Installing docker.io from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || fail "The Docker daemon is not running and only root can start it here"
  say "Starting dockerd (log: /var/log/dockerd-todo.log)"
  nohup dockerd >/var/log/dockerd-todo.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start; see /var/log/dockerd-todo.log"
fi
say "Docker ready: engine $(docker version -f '{{.Server.Version}}')"
