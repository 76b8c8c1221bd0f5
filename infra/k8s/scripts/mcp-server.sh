#!/usr/bin/env bash
# Starts kubernetes-mcp-server, the Model Context Protocol server an AI assistant (kubectl-ai,
# kagent, an editor's agent) uses to act on a cluster, read-only twice over: only its read-only
# tools are exposed (--read-only), and it holds a token of the `view` role, which cannot change
# anything or read a Secret (infra/k8s/mcp/viewer-rbac.yaml).
#   infra/k8s/scripts/mcp-server.sh              MCP over stdio (what an assistant launches)
#   infra/k8s/scripts/mcp-server.sh --port 8765  Streamable HTTP on http://127.0.0.1:8765/mcp
# It works on the current kube context (todo-local, Minikube, any cluster you administer).
# Progress goes to stderr: in stdio mode stdout carries the protocol.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"

port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:-}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) fail "unknown argument \"$1\"; usage: $0 [--port PORT]" ;;
  esac
done
if [ -n "$port" ] && ! [[ "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ]]; then
  fail "--port must be a TCP port number (1-65535), not \"$port\""
fi
server=$(bash infra/k8s/scripts/install-mcp-server.sh)

kubectl=${TODO_KUBECTL:-$(bash infra/k8s/scripts/install-kubectl.sh 2>/dev/null)}
context=$("$kubectl" config current-context 2>/dev/null) ||
  fail "no current kube context: start a cluster first (minikube start, or npx nx run cluster:up)"
"$kubectl" apply -f infra/k8s/mcp/viewer-rbac.yaml >/dev/null ||
  fail "could not create the read-only identity in $context (applying infra/k8s/mcp/viewer-rbac.yaml needs cluster-admin)"
token=$("$kubectl" -n kube-system create token todo-mcp-viewer --duration="${TODO_MCP_TOKEN_DURATION:-12h}") ||
  fail "could not issue a token for todo-mcp-viewer in $context"

# A kubeconfig with the current cluster and only the viewer's token, readable by this user only
# (TODO_MCP_KUBECONFIG chooses where).
kubeconfig="${TODO_MCP_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/todo/mcp/$context.kubeconfig}"
mkdir -p "$(dirname "$kubeconfig")"
umask 077
"$kubectl" config view --raw --minify --flatten -o json | node -e '
  const [token, context] = process.argv.slice(1);
  const current = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const { cluster } = current.clusters[0];
  process.stdout.write(JSON.stringify({
    apiVersion: "v1", kind: "Config", "current-context": context,
    clusters: [{ name: context, cluster }],
    users: [{ name: "todo-mcp-viewer", user: { token } }],
    contexts: [{ name: context, context: { cluster: context, user: "todo-mcp-viewer" } }],
  }, null, 2));
' "$token" "$context" >"$kubeconfig.new"
mv "$kubeconfig.new" "$kubeconfig"

args=(--kubeconfig "$kubeconfig" --read-only --disable-multi-cluster)
if [ -n "$port" ]; then
  say "kubernetes-mcp-server on http://127.0.0.1:$port/mcp: read-only, as todo-mcp-viewer in $context"
  exec "$server" "${args[@]}" --port "$port" --bind-address 127.0.0.1
fi
say "kubernetes-mcp-server on stdio: read-only, as todo-mcp-viewer in $context"
exec "$server" "${args[@]}"
