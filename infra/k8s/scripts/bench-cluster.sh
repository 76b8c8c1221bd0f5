#!/usr/bin/env bash
# Figures for the project's cluster: the cluster binaries (cold build time as recorded when
# each was built, and size), a warm cluster-up (cluster-down, then cluster-up with everything
# cached), and the idle cluster's memory (host daemons, containerd shims and pods, by RSS).
#   infra/k8s/scripts/bench-cluster.sh        (nx run cluster:bench; needs root; recreates the cluster)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
cd "$ROOT_DIR"
need_root "it recreates the cluster (cluster-down, then cluster-up)"
SETTLE_SECONDS="${SETTLE_SECONDS:-60}"

BIN=$(cluster_bin_dir 2>/dev/null)
echo "Cluster binaries ($BIN)"
total_seconds=0
for dir in $(for link in "$BIN"/*; do dirname "$(dirname "$(readlink -f "$link")")"; done | sort -u); do
  seconds=$(cat "$dir/BUILD_SECONDS" 2>/dev/null || echo "?")
  [ "$seconds" = "?" ] || total_seconds=$((total_seconds + seconds))
  printf '  %-22s cold build %5ss  %s\n' "$(basename "$dir")" "$seconds" "$(du -sh "$dir/bin" | cut -f1)"
done
printf '  %-22s cold build %5ss  %s\n' total "$total_seconds" "$(du -shL "$BIN" | cut -f1)"

echo "Warm cluster-up (binaries and images cached)"
bash infra/k8s/scripts/cluster-down.sh >/dev/null 2>&1
start=$(date +%s.%N)
bash infra/k8s/scripts/cluster-up.sh >/dev/null 2>&1 || fail "cluster-up failed: run it alone to see why"
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "  cluster-up from nothing to a Ready node, CoreDNS and Traefik: %.1f s\n", e - s }'

echo "Idle memory after ${SETTLE_SECONDS}s (RSS)"
sleep "$SETTLE_SECONDS"
mib() { awk -v name="$1" -v kib="$2" 'BEGIN { printf "  %-26s %6.0f MiB\n", name, kib / 1024 }'; }
rss_kib() { ps -o rss= -p "$1" 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
total=0
for daemon in "${DAEMONS[@]}"; do
  kib=$(rss_kib "$(pid_of "$daemon")")
  total=$((total + kib))
  mib "$daemon" "$kib"
done
shims=$(pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCKET" | tr '\n' ',' | sed 's/,$//')
kib=$([ -z "$shims" ] && echo 0 || rss_kib "$shims")
total=$((total + kib))
mib "containerd shims" "$kib"
pods=$(find /sys/fs/cgroup/memory/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u | tr '\n' ',' | sed 's/,$//')
kib=$([ -z "$pods" ] && echo 0 || rss_kib "$pods")
total=$((total + kib))
mib "pods (CoreDNS, Traefik)" "$kib"
mib total "$total"
