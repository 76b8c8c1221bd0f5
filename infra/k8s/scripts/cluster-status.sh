#!/usr/bin/env bash
# Reports each part of the project's cluster: the host processes (by recorded PID), the node,
# the add-ons, and how to reach it. Exits 0 when everything is up, 1 otherwise.
#   infra/k8s/scripts/cluster-status.sh      (nx run cluster:status)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
BIN=$(recorded_bin_dir)
healthy=1
row() { printf '  %-26s %-8s %s\n' "$1" "$2" "$3"; }
bad() { row "$1" DOWN "$2"; healthy=0; }

if [ ! -d "$STATE_DIR" ]; then
  echo "cluster $CLUSTER_NAME: not created (nx run cluster:up)"
  exit 1
fi
echo "cluster $CLUSTER_NAME ($STATE_DIR)"
for daemon in "${DAEMONS[@]}"; do
  if is_running "$daemon"; then
    row "$daemon" up "pid $(pid_of "$daemon"), $(ps -o rss= -p "$(pid_of "$daemon")" | awk '{printf "%.0f MiB", $1/1024}')"
  else
    bad "$daemon" "not running (log: $LOG_DIR/$daemon.log)"
  fi
done

if [ -x "$BIN/kubectl" ] && is_running kube-apiserver && kube get --raw /readyz >/dev/null 2>&1; then
  node=$(kube get node "$CLUSTER_NAME" -o jsonpath='{.status.nodeInfo.kubeletVersion} {.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)
  if [ "${node#* }" = True ]; then row "node $CLUSTER_NAME" Ready "kubelet ${node% *}"; else bad "node $CLUSTER_NAME" "not Ready ($node)"; fi
  for addon in kube-system/coredns ingress-traefik/traefik; do
    ready=$(kube -n "${addon%/*}" get deploy "${addon#*/}" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>/dev/null || true)
    if [ -n "$ready" ] && [ "${ready%/*}" = "${ready#*/}" ]; then row "${addon#*/}" Ready "$ready pods"; else bad "${addon#*/}" "pods ready: ${ready:-none}"; fi
  done
  default_class=$(kube get storageclass -o jsonpath='{range .items[?(@.metadata.annotations.storageclass\.kubernetes\.io/is-default-class=="true")]}{.metadata.name}{end}')
  if [ -n "$default_class" ]; then row storage ok "default StorageClass $default_class"; else bad storage "no default StorageClass"; fi
else
  bad api "kube-apiserver does not answer at https://$NODE_IP:$API_PORT"
fi

echo
echo "  kubeconfig  $CLUSTER_KUBECONFIG (context $CLUSTER_NAME)"
echo "  kubectl     ${BIN:-?}/kubectl"
echo "  ingress     http://127.0.0.1:$INGRESS_PORT"
echo "  containerd  $CONTAINERD_SOCKET"
[ "$healthy" = 1 ] || { echo "cluster $CLUSTER_NAME is not healthy"; exit 1; }
