#!/usr/bin/env bash
# Installs the docker buildx CLI plugin, which @nx-tools/nx-container drives. Debian bookworm does
# not package it, so it is compiled from the Go module proxy once per version and cached outside
# the repository (~/.cache/todo/buildx/<version>); later runs only link it. Idempotent.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
VERSION="${BUILDX_VERSION:-v0.19.3}"
PLUGIN="$HOME/.docker/cli-plugins/docker-buildx"

# cached_tool's install step, into the scratch directory $1.
build_buildx() {
  command -v go >/dev/null || { say "go is not installed: it is needed once to build buildx ${VERSION}"; return 1; }
  say "Building buildx ${VERSION} from the Go module proxy (once per machine, ~2 min)"
  GOBIN="$1" CGO_ENABLED=0 go install \
    -ldflags "-s -w -X github.com/docker/buildx/version.Version=${VERSION}" \
    "github.com/docker/buildx/cmd/buildx@${VERSION}" || { say "go install of buildx ${VERSION} failed"; return 1; }
  mv "$1/buildx" "$1/docker-buildx"
} >&2

buildx=$(cached_tool buildx "$VERSION" docker-buildx build_buildx)
mkdir -p "$(dirname "$PLUGIN")"
ln -sf "$buildx" "$PLUGIN"
ok "buildx ready: $(docker buildx version)"
