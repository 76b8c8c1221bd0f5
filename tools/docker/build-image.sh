#!/usr/bin/env bash
# Builds one app's image (todo-backend or todo-frontend) from its Nx build output, through the
# app's `container` target (@nx-tools/nx-container, docker buildx), tagged with a
# digest of exactly what goes in (Dockerfile + build context), so a changed image always gets a
# new tag and an unchanged one keeps its tag. Writes the tag to dist/images/<app>.tag, which the
# load and deploy steps read.
#   tools/docker/build-image.sh backend|frontend
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf ' • %s\n' "$*" >&2; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

app="${1:-}"
case "$app" in
  backend) context_paths=(dist/apps/backend/main.js dist/apps/backend/migrations) ;;
  frontend) context_paths=(apps/frontend/.next/standalone) ;;
  *) fail "usage: $0 backend|frontend" ;;
esac
dockerfile="infra/docker/${app}.Dockerfile"
for path in "${context_paths[@]}"; do
  [ -e "$path" ] || fail "$path is missing: run \"npx nx run ${app}:build\" first (docker-build depends on it)"
done

# The official image by default (docker pulls it); TODO_OFFLINE=1 builds on the offline base for
# machines without registry access; TODO_RUNTIME_IMAGE names any other base.
base="${TODO_RUNTIME_IMAGE:-}"
if [ -z "$base" ] && [ "${TODO_OFFLINE:-0}" = 1 ]; then
  base=$(tools/docker/build-node-base.sh)
fi
base="${base:-$(sed -n 's/^ARG RUNTIME_IMAGE=//p' "$dockerfile")}"

digest=$( { echo "$base"; cat "$dockerfile"; find "${context_paths[@]}" -type f -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-12)
image="todo-${app}:${digest}"
version=$(node -p "require('./package.json').version")
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)

if docker image inspect "$image" >/dev/null 2>&1; then
  say "$image is up to date"
else
  docker buildx version >/dev/null 2>&1 || fail "docker buildx is missing: run tools/docker/install-buildx.sh"
  say "Building $image on $base (@nx-tools/nx-container, target ${app}:container)"
  # The container target's options read these through ${...} interpolation.
  TODO_IMAGE_TAG="$digest" TODO_RUNTIME_IMAGE="$base" TODO_IMAGE_VERSION="$version" \
    TODO_IMAGE_REVISION="$revision" TODO_IMAGE_CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    NX_DAEMON=false npx nx run "${app}:container" --outputStyle=static >&2 \
    || fail "building $image failed"
  docker image inspect "$image" >/dev/null 2>&1 || fail "the container target did not produce $image"
fi
mkdir -p dist/images
echo "$image" > "dist/images/${app}.tag"
say "$image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "$image"
