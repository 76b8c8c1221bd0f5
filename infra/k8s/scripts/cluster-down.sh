#!/usr/bin/env bash
# Stops the project's cluster and removes its state: pods (through the CRI, so the CNI
# releases their addresses), the processes cluster-up started (by their recorded PIDs, nothing
# else), its iptables rules, bridge, mounts, state directories, hostPath volumes and kube
# context. The built binaries and images stay cached.
#   infra/k8s/scripts/cluster-down.sh      (nx run cluster:down)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
need_root "it stops containerd, the kubelet and kube-proxy, and edits iptables"
BIN=$(recorded_bin_dir)

# The kubelet first, so it does not restart what is being removed.
stop_daemon kubelet
if is_running containerd && [ -x "$BIN/crictl" ]; then
  say "Removing pods"
  crictl() { "$BIN/crictl" --config "$STATE_DIR/crictl.yaml" --timeout 60s "$@"; }
  crictl stopp $(crictl pods -q) >/dev/null 2>&1 || true
  crictl rmp -f $(crictl pods -q) >/dev/null 2>&1 || true
fi
for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do
  stop_daemon "${DAEMONS[i]}"
done

# kube-proxy's Service rules, then the rules and bridge cluster-up added.
[ ! -x "$BIN/kube-proxy" ] || "$BIN/kube-proxy" --cleanup >/dev/null 2>&1 || true
# The kubelet's own chains (kube-proxy --cleanup leaves them).
for tables in iptables ip6tables; do
  command -v "$tables" >/dev/null || continue
  for hook in INPUT OUTPUT; do
    while "$tables" -D "$hook" -j KUBE-FIREWALL 2>/dev/null; do :; done
  done
  for table_chain in filter/KUBE-FIREWALL filter/KUBE-KUBELET-CANARY nat/KUBE-KUBELET-CANARY \
    mangle/KUBE-KUBELET-CANARY mangle/KUBE-IPTABLES-HINT; do
    "$tables" -t "${table_chain%/*}" -F "${table_chain#*/}" 2>/dev/null &&
      "$tables" -t "${table_chain%/*}" -X "${table_chain#*/}" 2>/dev/null || true
  done
done
# kube-router leaves its firewall enforcing after it stops (and its --cleanup-config does not
# work in v2.1): remove its jumps, chains and ipsets.
for hook in INPUT FORWARD OUTPUT; do
  iptables -n -L "$hook" --line-numbers 2>/dev/null | awk -v chain="KUBE-ROUTER-$hook" '$2 == chain { print $1 }' |
    sort -rn | while read -r rule; do iptables -D "$hook" "$rule"; done
done
kube_router_chains=$(iptables -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^(KUBE-ROUTER-(INPUT|FORWARD|OUTPUT)|KUBE-POD-FW-|KUBE-NWPLCY-)/ { print $2 }')
for chain in $kube_router_chains; do iptables -F "$chain" 2>/dev/null || true; done
for chain in $kube_router_chains; do iptables -X "$chain" 2>/dev/null || true; done
if command -v ipset >/dev/null; then
  for set in $(ipset list -n 2>/dev/null | grep -E '^KUBE-(SRC|DST)-'); do ipset destroy "$set" 2>/dev/null || true; done
fi
# The pod traffic cluster-up accepted (and, from older clusters, the DOCKER-USER rules).
while iptables -D FORWARD -j "$FORWARD_CHAIN" 2>/dev/null; do :; done
iptables -F "$FORWARD_CHAIN" 2>/dev/null && iptables -X "$FORWARD_CHAIN" 2>/dev/null || true
for chain in DOCKER-USER FORWARD; do
  for direction in -s -d; do
    while iptables -D "$chain" "$direction" "$POD_CIDR" -j ACCEPT 2>/dev/null; do :; done
  done
done
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link delete "$BRIDGE"
  say "bridge $BRIDGE removed"
fi

# Mounts left by pods and containerd (volumes, overlay snapshots, sandbox /dev/shm).
for dir in "$STATE_DIR" "$RUN_DIR"; do
  { findmnt -rn -o TARGET | grep "^$dir/" || true; } | sort -r | while read -r target; do
    umount -l "$target" 2>/dev/null || true
  done
done
rm -rf "$STATE_DIR" "$RUN_DIR" /tmp/hostpath_pv
say "state removed ($STATE_DIR, $RUN_DIR, /tmp/hostpath_pv)"

user_kubeconfig=$(user_kubeconfig)
KUBECTL="$BIN/kubectl"
if [ -x "$KUBECTL" ] && [ -f "$user_kubeconfig" ] &&
  "$KUBECTL" --kubeconfig "$user_kubeconfig" config get-contexts "$CLUSTER_NAME" >/dev/null 2>&1; then
  uk() { "$KUBECTL" --kubeconfig "$user_kubeconfig" config "$@" >/dev/null 2>&1 || true; }
  [ "$("$KUBECTL" --kubeconfig "$user_kubeconfig" config current-context 2>/dev/null)" = "$CLUSTER_NAME" ] &&
    uk unset current-context
  uk delete-context "$CLUSTER_NAME"
  uk delete-cluster "$CLUSTER_NAME"
  uk delete-user "$CLUSTER_NAME"
  say "kube context $CLUSTER_NAME removed from $user_kubeconfig"
fi
ok "cluster $CLUSTER_NAME is down"
