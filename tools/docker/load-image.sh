#!/usr/bin/env bash
# Loads one app's freshly built image (tag from dist/images/<app>.tag) into the local cluster of
# the current kube context, the way that cluster expects it:
#   minikube        → minikube image load
#   kind-<name>     → kind load docker-image --name <name>
#   todo-local      → docker save | ctr -n k8s.io images import -   (the project's own cluster)
#   tools/docker/load-image.sh backend|frontend [IMAGE]   IMAGE: another tag of the app's image
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf ' • %s\n' "$*" >&2; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

app="${1:-}"
[ "$app" = backend ] || [ "$app" = frontend ] || fail "usage: $0 backend|frontend"
tag_file="dist/images/${app}.tag"
[ -n "${2:-}" ] || [ -f "$tag_file" ] || fail "$tag_file is missing: run \"npx nx run ${app}:docker-build\" first"
image=${2:-$(cat "$tag_file")}
# The project's pinned kubectl (or TODO_KUBECTL): /usr/bin/kubectl may be something else entirely.
kubectl=${TODO_KUBECTL:-$(bash tools/kubernetes/install-kubectl.sh)} || fail "could not install kubectl (tools/kubernetes/install-kubectl.sh)"
context=$("$kubectl" config current-context 2>/dev/null) || fail "no current kube context: start a cluster (minikube start, kind create cluster or nx run infra:cluster-up)"

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
    [ -S "$socket" ] || fail "context is todo-local but $socket does not exist: is the cluster up (nx run infra:cluster-status)?"
    say "Importing $image into the project's cluster ($socket)"
    docker save "$image" | ctr --address "$socket" -n k8s.io images import - >/dev/null
    ;;
  *)
    fail "don't know how to load images into context \"$context\": push $image to a registry it can pull from"
    ;;
esac
say "Loaded $image"
