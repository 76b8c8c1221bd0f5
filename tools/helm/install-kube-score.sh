#!/usr/bin/env bash
# Installs kube-score (static best-practice checks on rendered manifests) and prints the binary's
# absolute path on stdout:
#   KUBE_SCORE=$(bash tools/helm/install-kube-score.sh)
# No release binary can be downloaded here, so it is compiled from the Go module proxy once per
# version into ~/.cache/todo/kube-score/<version>/ and later runs return at once. Idempotent.
set -euo pipefail

VERSION="v1.20.0" # newest on the Go module proxy: go list -m -versions github.com/zegl/kube-score

NAME=${0##*/}
say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
fail() { printf '%s: error: %s\n' "$NAME" "$*" >&2; exit 1; }

DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo}/kube-score/${VERSION}"
BIN="$DIR/kube-score"

if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || fail "go not found: it is needed once to build kube-score ${VERSION}"
  say "building kube-score ${VERSION} from the Go module proxy (once per machine)"
  # Build into a temp GOBIN and rename last, so an interrupted build never counts as installed.
  # The -X flags fill in what `kube-score version` prints (goreleaser does this for releases).
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  GOBIN="$TMP" CGO_ENABLED=0 go install -ldflags "-s -w -X main.version=${VERSION#v}" \
    "github.com/zegl/kube-score/cmd/kube-score@${VERSION}" ||
    fail "go install github.com/zegl/kube-score/cmd/kube-score@${VERSION} failed (is the Go module proxy reachable?)"
  mkdir -p "$DIR"
  mv "$TMP/kube-score" "$BIN"
fi
say "$("$BIN" version) ready"
echo "$BIN"
