#!/usr/bin/env bash
# Loads one app's image (the last docker-build, see image-ref.sh) into the local cluster of the
# current kube context, the way that cluster expects it:
#   minikube        → minikube image load
#   kind-<name>     → kind load docker-image --name <name>
#   todo-local      → docker save | ctr -n k8s.io images import -   (the project's own cluster)
# With TODO_REGISTRY set, nothing is loaded: the cluster pulls from that registry (push-image.sh).
#   infra/docker/scripts/load-image.sh backend|frontend [IMAGE]   IMAGE: another tag of the app's image
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"

app="${1:-}"
[ "$app" = backend ] || [ "$app" = frontend ] || fail "usage: ${0##*/} backend|frontend [IMAGE]"
if [ -n "${TODO_REGISTRY:-}" ]; then
  exec bash infra/docker/scripts/push-image.sh "$app"
fi
image=${2:-$(bash infra/docker/scripts/image-ref.sh "$app")}
# The project's pinned kubectl (or TODO_KUBECTL): /usr/bin/kubectl may be something else entirely.
kubectl=${TODO_KUBECTL:-$(bash infra/k8s/scripts/install-kubectl.sh)} || fail "could not install kubectl (infra/k8s/scripts/install-kubectl.sh)"
context=$("$kubectl" config current-context 2>/dev/null) || fail "no current kube context: start a cluster (minikube start, kind create cluster or nx run cluster:up)"

case "$context" in
  minikube)
    command -v minikube >/dev/null || fail "context is minikube but the minikube command is missing"
    say "Loading $image into minikube"
    minikube image load "$image"
    ;;
  kind-*)
    command -v kind >/dev/null || fail "context is $context but the kind command is missing"
    say "Loading $image into kind cluster ${context#kind-}"
    kind load docker-image "$image" --name "${context#kind-}"
    ;;
  todo-local)
    socket="${TODO_CONTAINERD_SOCKET:-/run/todo-cluster/containerd/containerd.sock}"
    [ -S "$socket" ] || fail "context is todo-local but $socket does not exist: is the cluster up (nx run cluster:status)?"
    say "Importing $image into the project's cluster ($socket)"
    docker save "$image" | ctr --address "$socket" -n k8s.io images import - >/dev/null
    ;;
  *)
    fail "don't know how to load images into context \"$context\": set TODO_REGISTRY to a registry it pulls from (docs/development.md: images through a registry)"
    ;;
esac
ok "Loaded $image"
