#!/usr/bin/env bash
# Saves what an operator looks at first when a release misbehaves: every object of the
# namespace, `kubectl describe` of its pods, their logs (and the previous container's, after a
# restart), the events in time order, and Helm's status and history of the release.
#   infra/k8s/scripts/collect-diagnostics.sh OUT_DIR [NAMESPACE] [RELEASE]
# Works on any cluster kubectl reaches (the current context); never fails on a missing piece.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR" || exit 1

out=${1:?usage: collect-diagnostics.sh OUT_DIR [NAMESPACE] [RELEASE]}
namespace=${2:-${TODO_NAMESPACE:-todo}}
release=${3:-${TODO_RELEASE:-todo}}
kubectl=${TODO_KUBECTL:-$(bash infra/k8s/scripts/install-kubectl.sh)}
helm=$(bash infra/helm/scripts/install-helm.sh 3)
mkdir -p "$out/logs"
k() { "$kubectl" -n "$namespace" "$@"; }

k get all,pvc,configmaps,secrets,endpointslices,networkpolicies,ingresses,jobs -o wide >"$out/objects.txt" 2>&1
k describe pods >"$out/describe-pods.txt" 2>&1
k get events --sort-by=.lastTimestamp -o wide >"$out/events.txt" 2>&1
"$kubectl" get nodes -o wide >"$out/nodes.txt" 2>&1
{ "$helm" status "$release" -n "$namespace"; "$helm" history "$release" -n "$namespace"; } >"$out/helm.txt" 2>&1
for pod in $(k get pods -o name 2>/dev/null); do
  for container in $(k get "$pod" -o jsonpath='{.spec.initContainers[*].name} {.spec.containers[*].name}'); do
    name="${pod#pod/}.$container"
    k logs "$pod" -c "$container" --timestamps >"$out/logs/$name.log" 2>&1
    k logs "$pod" -c "$container" --timestamps --previous >"$out/logs/$name.previous.log" 2>/dev/null ||
      rm -f "$out/logs/$name.previous.log"
  done
done
ok "diagnostics of $namespace (release $release) saved in $out"
