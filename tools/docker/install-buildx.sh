#!/usr/bin/env bash
# Installs the docker buildx CLI plugin, which @nx-tools/nx-container drives. Debian bookworm does
# not package it, so it is compiled from the Go module proxy once per version and cached outside
# the repository (~/.cache/todo/buildx/<version>); later runs only link it. Idempotent.
set -euo pipefail
VERSION="${BUILDX_VERSION:-v0.19.3}"
CACHE="${TODO_CACHE_DIR:-$HOME/.cache/todo}/buildx/${VERSION}"
PLUGIN="$HOME/.docker/cli-plugins/docker-buildx"
say() { printf ' • %s\n' "$*"; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

if [ ! -x "$CACHE/docker-buildx" ]; then
  command -v go >/dev/null || fail "go is not installed: it is needed once to build buildx ${VERSION}"
  say "Building buildx ${VERSION} from the Go module proxy (once per machine, ~2 min)"
  mkdir -p "$CACHE"
  GOBIN="$CACHE" CGO_ENABLED=0 go install \
    -ldflags "-s -w -X github.com/docker/buildx/version.Version=${VERSION}" \
    "github.com/docker/buildx/cmd/buildx@${VERSION}" || fail "go install of buildx ${VERSION} failed"
  mv "$CACHE/buildx" "$CACHE/docker-buildx"
fi
mkdir -p "$(dirname "$PLUGIN")"
ln -sf "$CACHE/docker-buildx" "$PLUGIN"
say "buildx ready: $(docker buildx version)"
