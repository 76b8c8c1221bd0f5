#!/usr/bin/env bash
# Installs kubernetes-mcp-server (a Go binary, published in one npm package per platform) and
# prints the binary's absolute path on stdout:
#   SERVER=$(bash tools/kubernetes/install-mcp-server.sh)
# Unpacked once per version into ~/.cache/todo/kubernetes-mcp-server/<version>/; later runs return
# at once. Not an npm dependency: its wrapper package lists every platform's binary package, and a
# registry that serves only this platform's leaves `npm ci` unable to use the lock file.
set -euo pipefail

VERSION="0.0.67"

NAME=${0##*/}
say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
fail() { printf '%s: error: %s\n' "$NAME" "$*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-amd64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=darwin-amd64 ;;
  Darwin-arm64) platform=darwin-arm64 ;;
  *) fail "no kubernetes-mcp-server build for $(uname -s) $(uname -m)" ;;
esac
PKG="kubernetes-mcp-server-${platform}@${VERSION}"
DIR="${TODO_CACHE_DIR:-$HOME/.cache/todo}/kubernetes-mcp-server/${VERSION}"
BIN="$DIR/kubernetes-mcp-server"

if [ ! -x "$BIN" ]; then
  say "unpacking $PKG from the npm registry (once per machine)"
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  tarball=$(cd "$TMP" && npm pack "$PKG" --silent 2>/dev/null) ||
    fail "npm pack $PKG failed (is the npm registry reachable?)"
  tar -xzf "$TMP/$tarball" -C "$TMP" "package/bin/kubernetes-mcp-server-${platform}" ||
    fail "$PKG holds no bin/kubernetes-mcp-server-${platform}"
  mkdir -p "$DIR"
  chmod +x "$TMP/package/bin/kubernetes-mcp-server-${platform}"
  mv "$TMP/package/bin/kubernetes-mcp-server-${platform}" "$BIN" # rename last: a half copy never counts
fi
say "kubernetes-mcp-server $("$BIN" --version 2>&1 | head -1) ready"
echo "$BIN"
