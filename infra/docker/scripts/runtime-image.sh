#!/usr/bin/env bash
# Makes sure the base image of the app images exists before docker-build (target
# images:runtime-image). TODO_RUNTIME_IMAGE=todo-node-base:<node version> is built here, offline
# (build-node-base.sh); any other name, such as the official default in .env.docker-build, is
# left to `docker build`, which pulls it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

base="${TODO_RUNTIME_IMAGE:-}"
case "$base" in
  todo-node-base:*)
    bash "$ROOT_DIR/tools/test-services/docker.sh" >/dev/null
    bash "$ROOT_DIR/infra/docker/scripts/build-node-base.sh" "${base#todo-node-base:}" >/dev/null
    ok "runtime image $base (built offline)"
    ;;
  "") ok "runtime image: the Dockerfiles' default (.env.docker-build)" ;;
  *) ok "runtime image $base (docker build pulls it if it is missing)" ;;
esac
