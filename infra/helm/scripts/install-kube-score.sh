#!/usr/bin/env bash
# Installs kube-score (static best-practice checks on rendered manifests) and prints the binary's
# absolute path on stdout:
#   KUBE_SCORE=$(bash infra/helm/scripts/install-kube-score.sh)
# No release binary can be downloaded here, so it is compiled from the Go module proxy once per
# version into ~/.cache/todo/kube-score/<version>/ and later runs return at once. Idempotent.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

VERSION="v1.20.0" # newest on the Go module proxy: go list -m -versions github.com/zegl/kube-score

# cached_tool's install step, into the scratch directory $1 (renamed into place only when it
# succeeded, so an interrupted build never counts as installed).
build_kube_score() {
  command -v go >/dev/null || { say "go not found: it is needed once to build kube-score ${VERSION}"; return 1; }
  say "building kube-score ${VERSION} from the Go module proxy (once per machine)"
  # The -X flags fill in what `kube-score version` prints (goreleaser does this for releases).
  GOBIN="$1" CGO_ENABLED=0 go install -ldflags "-s -w -X main.version=${VERSION#v}" \
    "github.com/zegl/kube-score/cmd/kube-score@${VERSION}" ||
    { say "go install github.com/zegl/kube-score/cmd/kube-score@${VERSION} failed (is the Go module proxy reachable?)"; return 1; }
} >&2

BIN=$(cached_tool kube-score "$VERSION" kube-score build_kube_score)
ok "$("$BIN" version) ready"
echo "$BIN"
