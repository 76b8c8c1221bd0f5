#!/usr/bin/env bash
# Installs kubernetes-mcp-server (a Go binary, published in one npm package per platform) and
# prints the binary's absolute path on stdout:
#   SERVER=$(bash infra/k8s/scripts/install-mcp-server.sh)
# Unpacked once per version into ~/.cache/todo/kubernetes-mcp-server/<version>/; later runs return
# at once. Not an npm dependency: its wrapper package lists every platform's binary package, and a
# registry that serves only this platform's leaves `npm ci` unable to use the lock file.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

VERSION="0.0.67"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-amd64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=darwin-amd64 ;;
  Darwin-arm64) platform=darwin-arm64 ;;
  *) fail "no kubernetes-mcp-server build for $(uname -s) $(uname -m)" ;;
esac
PKG="kubernetes-mcp-server-${platform}@${VERSION}"

# cached_tool's install step, into the scratch directory $1.
unpack_mcp_server() {
  local scratch=$1 tarball
  say "unpacking $PKG from the npm registry (once per machine)"
  # npm pack checks the tarball against the registry's integrity hash.
  tarball=$(cd "$scratch" && npm pack "$PKG" --silent 2>/dev/null) ||
    { say "npm pack $PKG failed (is the npm registry reachable?)"; return 1; }
  tar -xzf "$scratch/$tarball" -C "$scratch" "package/bin/kubernetes-mcp-server-${platform}" ||
    { say "$PKG holds no bin/kubernetes-mcp-server-${platform}"; return 1; }
  chmod +x "$scratch/package/bin/kubernetes-mcp-server-${platform}" &&
    mv "$scratch/package/bin/kubernetes-mcp-server-${platform}" "$scratch/kubernetes-mcp-server" &&
    rm -rf "${scratch:?}/package" "${scratch:?}/$tarball"
} >&2

BIN=$(cached_tool kubernetes-mcp-server "$VERSION" kubernetes-mcp-server unpack_mcp_server)
ok "kubernetes-mcp-server $("$BIN" --version 2>&1 | head -1) ready"
echo "$BIN"
