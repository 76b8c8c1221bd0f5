#!/usr/bin/env bash
# Builds one app's image (todo-backend or todo-frontend) from its Nx build output, tagged with a
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
  say "Building $image on $base"
  DOCKER_BUILDKIT=0 docker build -q -f "$dockerfile" \
    --build-arg RUNTIME_IMAGE="$base" \
    --build-arg VERSION="$version" \
    --build-arg REVISION="$revision" \
    --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -t "$image" . >/dev/null 2> >(grep -v -e DEPRECATED -e 'legacy builder' -e BuildKit -e '^\s*$' -e 'environment-variable' >&2) \
    || fail "docker build of $image failed"
fi
mkdir -p dist/images
echo "$image" > "dist/images/${app}.tag"
say "$image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "$image"
