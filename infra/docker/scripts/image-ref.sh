#!/usr/bin/env bash
# Prints the image reference the last `nx run <app>:docker-build` produced, e.g.
# todo-backend:1234567890123456789. The tag is the Nx hash of that task, i.e. of exactly what
# goes into the image; the image carries it as its version label. The one place the tag is read
# back: load-image.sh, push-image.sh, deploy.sh and the tests all ask this script.
#   infra/docker/scripts/image-ref.sh backend|frontend
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

app="${1:-}"
[ "$app" = backend ] || [ "$app" = frontend ] || fail "usage: ${0##*/} backend|frontend"
# Written by @nx-tools/nx-container and restored by Nx on a cache hit (the target's output).
id_file="$ROOT_DIR/node_modules/.cache/nx-container/$app/imageid"
[ -f "$id_file" ] || fail "no todo-$app image built yet: run \"npx nx run $app:docker-build\""
id=$(cat "$id_file")
version=$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.version"}}' "$id" 2>/dev/null) ||
  fail "Docker no longer has image $id, which Nx's cache remembers as the todo-$app build of these inputs: clear the cache with \"npx nx reset\", then run the command again (docker-build rebuilds it)"
image="todo-$app:$version"
# The tag can be gone while the image is not (docker rmi of one tag among several): give it back.
[ "$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null)" = "$id" ] || docker tag "$id" "$image"
echo "$image"
