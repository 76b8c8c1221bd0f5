#!/usr/bin/env bash
# Builds the CNCF Distribution registry (the local OCI registry, infra/k8s/registry/config.yml)
# from the Go module proxy, once per version, into the cache outside the repo. Prints the
# binary's path on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
VERSION="${TODO_REGISTRY_VERSION:-v3.1.2}"
MODULE=github.com/distribution/distribution/v3

build_registry() {
  command -v go >/dev/null || fail "go is not installed: it builds the registry ($VERSION needs Go >= 1.26)"
  say "Building registry $VERSION from the Go module proxy"
  local started=$SECONDS
  (cd "$1" && GOBIN="$1" GOWORK=off GOFLAGS=-trimpath CGO_ENABLED=0 \
    go install -ldflags "-s -w -X $MODULE/version.version=$VERSION" "$MODULE/cmd/registry@$VERSION") >&2 ||
    return 1
  ok "registry $VERSION built ($((SECONDS - started)) s)"
}
cached_tool registry "$VERSION" registry build_registry
