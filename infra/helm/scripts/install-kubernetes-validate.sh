#!/usr/bin/env bash
# Installs kubernetes-validate (validates manifests against the Kubernetes JSON schemas it bundles,
# offline) and prints the absolute path of its entry point on stdout:
#   KV=$(bash infra/helm/scripts/install-kubernetes-validate.sh)
# It lives in its own venv at ~/.cache/todo/kubernetes-validate/<version>/, made once per version;
# later runs only check that the entry point still starts. Idempotent.
# Not cached_tool: that builds in a scratch directory and renames it, and a venv cannot be moved.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

VERSION="1.37.0" # newest on PyPI; bundles schemas for Kubernetes 1.25 .. 1.37

DIR="$TODO_CACHE/kubernetes-validate/${VERSION}"
BIN="$DIR/bin/kubernetes-validate"
# Debian's interpreter, not a pyenv shim: it stays put, and apt can repair its venv module.
PYTHON=/usr/bin/python3

if ! "$BIN" --version >/dev/null 2>&1; then
  # Debian splits venv/ensurepip out of python3 into python3-venv.
  if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    command -v apt-get >/dev/null || fail "$PYTHON with its venv module is missing (Debian package python3-venv)"
    ensure_debs python3-venv
  fi
  say "installing kubernetes-validate ${VERSION} from PyPI into ${DIR} (once per machine)"
  rm -rf "$DIR" # a venv cannot be moved, so build in place and start clean after a broken attempt
  "$PYTHON" -m venv "$DIR" >&2 || fail "python3 -m venv ${DIR} failed"
  "$DIR/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==${VERSION}" >&2 ||
    fail "pip install kubernetes-validate==${VERSION} failed (is PyPI reachable?)"
  GOT=$("$BIN" --version)
  [ "$GOT" = "$VERSION" ] || fail "installed kubernetes-validate reports '${GOT}', expected ${VERSION}"
fi
ok "kubernetes-validate $("$BIN" --version) ready"
echo "$BIN"
