#!/usr/bin/env bash
# Pushes one app's image (the last docker-build, see image-ref.sh) to the registry TODO_REGISTRY
# names (host[:port]), under the same content-addressed tag, for clusters that pull their images
# (any multi-node cluster). deploy.sh then points the chart's image.registry at it.
#   TODO_REGISTRY=registry.example:5000 infra/docker/scripts/push-image.sh backend|frontend
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"

app="${1:-}"
[ "$app" = backend ] || [ "$app" = frontend ] || fail "usage: TODO_REGISTRY=host[:port] ${0##*/} backend|frontend"
registry="${TODO_REGISTRY:-}"
[ -n "$registry" ] || fail "TODO_REGISTRY is not set: name the registry to push to, e.g. TODO_REGISTRY=127.0.0.1:5000"
[[ "$registry" =~ ^[a-zA-Z0-9.-]+(:[0-9]+)?(/[a-z0-9._/-]+)?$ ]] ||
  fail "TODO_REGISTRY=$registry is not a registry host[:port][/path]"
image=$(bash infra/docker/scripts/image-ref.sh "$app")
target="$registry/$image"
say "Pushing $target"
docker tag "$image" "$target"
digest=$(docker push "$target" | sed -n 's/.*digest: \(sha256:[0-9a-f]*\).*/\1/p') ||
  fail "docker push $target failed: is the registry up and reachable (curl http://$registry/v2/)?"
ok "pushed $target ($digest)"
