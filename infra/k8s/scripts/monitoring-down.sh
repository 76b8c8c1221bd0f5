#!/usr/bin/env bash
# Removes what monitoring-up.sh added to the project's cluster: the Prometheus, the operator, its
# CRDs (and with them every ServiceMonitor and PrometheusRule in the cluster), the namespace and
# the cluster-wide RBAC. The images stay in containerd and Docker, the binaries in the cache.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
MONITORING_NAMESPACE="${TODO_MONITORING_NAMESPACE:-monitoring}"

require_running_cluster
say "Removing monitoring (namespace $MONITORING_NAMESPACE, the operator's CRDs and RBAC)"
# The Prometheus first, while the operator can still clean up after it.
kube -n "$MONITORING_NAMESPACE" delete prometheuses.monitoring.coreos.com --all --wait=true \
  --ignore-not-found >/dev/null 2>&1 || true
kube delete namespace "$MONITORING_NAMESPACE" --ignore-not-found --wait=true --timeout=180s >/dev/null
kube delete clusterrole,clusterrolebinding prometheus-operator todo-local:prometheus \
  --ignore-not-found >/dev/null
kube get crd -o name | { grep '\.monitoring\.coreos\.com$' || true; } |
  xargs -r "$BIN/kubectl" --kubeconfig "$CLUSTER_KUBECONFIG" delete --wait=true >/dev/null
ok "Monitoring removed"
