#!/usr/bin/env bash
# Brings up the project's single-node Kubernetes cluster (context "todo-local") from upstream
# components running as host processes: containerd (Debian's, its own instance), etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy and kube-router
# (the NetworkPolicy engine), plus CoreDNS and the Traefik ingress controller as pods.
# Idempotent: running parts are left alone, unless a daemon runs another build of its binary
# than this checkout pins (then it is restarted).
#   infra/k8s/scripts/cluster-up.sh      (nx run cluster:up)
# Settings: infra/k8s/cluster/cluster.env. Needs root, Docker and ~13 minutes for the first build.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
START=$SECONDS
need_root "it runs containerd, the kubelet and kube-proxy, and edits iptables"

# --- host prerequisites ---------------------------------------------------------------
# shellcheck disable=SC2086 # NODE_PACKAGES is a space-separated list of package names
ensure_debs $NODE_PACKAGES
for tool in containerd containerd-shim-runc-v2 runc ctr iptables ipset ip envsubst docker; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH (packages: $NODE_PACKAGES gettext-base docker.io)"
done
for plugin in bridge host-local portmap loopback; do
  [ -x "$CNI_BIN_DIR/$plugin" ] || fail "CNI plugin $CNI_BIN_DIR/$plugin is missing (apt-get install containernetworking-plugins)"
done
modprobe br_netfilter 2>/dev/null || true
modprobe overlay 2>/dev/null || true
[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] ||
  fail "kernel module br_netfilter is not loaded (modprobe br_netfilter): Services need it"
grep -qw overlay /proc/filesystems || fail "the kernel has no overlay filesystem (modprobe overlay): containerd needs it"
sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 ||
  fail "could not set net.ipv4.ip_forward and net.bridge.bridge-nf-call-iptables"
for controller in cpu cpuacct cpuset memory pids; do
  [ -d "/sys/fs/cgroup/$controller" ] || [ -f /sys/fs/cgroup/cgroup.controllers ] ||
    fail "cgroup controller $controller is not mounted under /sys/fs/cgroup: the kubelet needs it"
done
bash "$ROOT_DIR/tools/test-services/docker.sh" >&2

say "Cluster binaries (Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, CoreDNS $COREDNS_VERSION, Traefik $TRAEFIK_VERSION, kube-router $KUBE_ROUTER_VERSION)"
BIN=$(cluster_bin_dir)

# A port held by something else would make a component crash-loop: name it now.
port_taken() { ss -Hltn "sport = :$1" | grep -q .; }
check_port() {
  local port=$1 owner=$2 variable=$3
  if ! is_running "$owner" && port_taken "$port"; then
    fail "port $port is in use by another program ($(ss -Hltnp "sport = :$port" | grep -o 'users:.*' | head -1)); $owner needs it: stop that program or set $variable"
  fi
}
check_port "$API_PORT" kube-apiserver TODO_API_PORT
check_port "$ETCD_CLIENT_PORT" etcd TODO_ETCD_PORT
check_port "$ETCD_PEER_PORT" etcd TODO_ETCD_PEER_PORT
check_port "$KUBE_ROUTER_METRICS_PORT" kube-router TODO_KUBE_ROUTER_METRICS_PORT
if ! kube -n ingress-traefik get deploy traefik >/dev/null 2>&1; then
  port_taken "$INGRESS_PORT" && fail "port $INGRESS_PORT is in use by another program; the ingress controller needs it: set TODO_INGRESS_PORT"
fi

# --- configuration --------------------------------------------------------------------
mkdir -p "$STATE_DIR"/{cni/net.d,cni/ipam,kubelet,etcd} "$LOG_DIR" "$RUN_DIR/containerd" "$PID_DIR"
chmod 700 "$STATE_DIR/etcd"
# cluster-status and cluster-down use the binaries the cluster was started with.
echo "$BIN" >"$STATE_DIR/bin-dir"
bash "$ROOT_DIR/infra/k8s/scripts/cluster-pki.sh" "$BIN/kubectl"
install_config "$CLUSTER_FILES/containerd.toml" "$STATE_DIR/containerd.toml" containerd
mkdir -p "$STATE_DIR/registries/127.0.0.1:5000"
install_config "$CLUSTER_FILES/registry-hosts.toml" "$STATE_DIR/registries/127.0.0.1:5000/hosts.toml"
install_config "$CLUSTER_FILES/cni.conflist" "$STATE_DIR/cni/net.d/10-todo-pods.conflist"
install_config "$CLUSTER_FILES/kubelet.yaml" "$STATE_DIR/kubelet.yaml" kubelet
install_config "$CLUSTER_FILES/kube-proxy.yaml" "$STATE_DIR/kube-proxy.yaml" kube-proxy
# For crictl users: crictl --config $STATE_DIR/crictl.yaml ps
printf 'runtime-endpoint: unix://%s\nimage-endpoint: unix://%s\n' "$CONTAINERD_SOCKET" "$CONTAINERD_SOCKET" >"$STATE_DIR/crictl.yaml"
# Pods with dnsPolicy Default resolve nothing outside the cluster (no host resolver).
echo "# todo-local: no upstream resolver" >"$STATE_DIR/resolv.conf"

# --- network --------------------------------------------------------------------------
# The bridge exists before any pod so that the API server and the kubelet can listen on
# its address; the CNI bridge plugin adopts it.
if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
  say "Creating bridge $BRIDGE ($NODE_IP/${POD_CIDR#*/})"
  ip link add "$BRIDGE" type bridge
fi
ip -4 addr show dev "$BRIDGE" | grep -q "inet $NODE_IP/" || ip addr add "$NODE_IP/${POD_CIDR#*/}" dev "$BRIDGE"
ip link set "$BRIDGE" up
# Docker sets the FORWARD policy to DROP. Pod traffic is accepted by a chain at the END of
# FORWARD, after kube-router's policy chain (position 1): an ACCEPT in DOCKER-USER would let
# pods bypass their NetworkPolicies whenever Docker moves its jump back to the top.
iptables -N "$FORWARD_CHAIN" 2>/dev/null || true
for direction in -s -d; do
  iptables -C "$FORWARD_CHAIN" "$direction" "$POD_CIDR" -j ACCEPT 2>/dev/null ||
    iptables -A "$FORWARD_CHAIN" "$direction" "$POD_CIDR" -j ACCEPT
  # Clusters made before kube-router accepted pod traffic in DOCKER-USER.
  while iptables -D DOCKER-USER "$direction" "$POD_CIDR" -j ACCEPT 2>/dev/null; do :; done
done
iptables -C FORWARD -j "$FORWARD_CHAIN" 2>/dev/null || iptables -A FORWARD -j "$FORWARD_CHAIN"

# --- container runtime ----------------------------------------------------------------
start_daemon containerd /usr/bin/containerd --config "$STATE_DIR/containerd.toml"
wait_for containerd 60 ctr --address "$CONTAINERD_SOCKET" version ||
  fail "containerd did not answer on $CONTAINERD_SOCKET; see $LOG_DIR/containerd.log"
# The chart's database image, which cannot be pulled here (see ci/todo-local-values.yaml).
postgres_image=$(bash "$ROOT_DIR/infra/docker/scripts/build-postgres-image.sh" | tail -1)
bash "$ROOT_DIR/infra/k8s/scripts/cluster-images.sh" "$BIN" "$postgres_image"

# --- control plane --------------------------------------------------------------------
start_daemon etcd "$BIN/etcd" --name "$CLUSTER_NAME" --data-dir "$STATE_DIR/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "$CLUSTER_NAME=http://127.0.0.1:$ETCD_PEER_PORT"
wait_for etcd 60 "$BIN/etcdctl" --endpoints "127.0.0.1:$ETCD_CLIENT_PORT" endpoint health ||
  fail "etcd is not healthy; see $LOG_DIR/etcd.log"

start_daemon kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --client-ca-file "$PKI_DIR/ca.crt" \
  --tls-cert-file "$PKI_DIR/kube-apiserver.crt" --tls-private-key-file "$PKI_DIR/kube-apiserver.key" \
  --kubelet-client-certificate "$PKI_DIR/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$PKI_DIR/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority "$PKI_DIR/ca.crt" --kubelet-preferred-address-types InternalIP \
  --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
  --service-account-key-file "$PKI_DIR/service-account.pub" \
  --service-account-signing-key-file "$PKI_DIR/service-account.key" \
  --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
  --allow-privileged=true --profiling=false
wait_for kube-apiserver 120 kube get --raw /readyz ||
  fail "kube-apiserver is not ready; see $LOG_DIR/kube-apiserver.log"

controller_kubeconfig="$KUBECONFIG_DIR/kube-controller-manager.kubeconfig"
start_daemon kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$controller_kubeconfig" --authentication-kubeconfig "$controller_kubeconfig" \
  --authorization-kubeconfig "$controller_kubeconfig" \
  --bind-address 127.0.0.1 --leader-elect=false --cluster-name "$CLUSTER_NAME" \
  --service-account-private-key-file "$PKI_DIR/service-account.key" --root-ca-file "$PKI_DIR/ca.crt" \
  --use-service-account-credentials=true --service-cluster-ip-range "$SERVICE_CIDR" \
  --enable-hostpath-provisioner=true --profiling=false

scheduler_kubeconfig="$KUBECONFIG_DIR/kube-scheduler.kubeconfig"
start_daemon kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig "$scheduler_kubeconfig" --authentication-kubeconfig "$scheduler_kubeconfig" \
  --authorization-kubeconfig "$scheduler_kubeconfig" \
  --bind-address 127.0.0.1 --leader-elect=false --profiling=false

# --- node -----------------------------------------------------------------------------
start_daemon kubelet "$BIN/kubelet" --config "$STATE_DIR/kubelet.yaml" \
  --kubeconfig "$KUBECONFIG_DIR/kubelet.kubeconfig" --root-dir "$STATE_DIR/kubelet" \
  --hostname-override "$CLUSTER_NAME" --node-ip "$NODE_IP"
start_daemon kube-proxy "$BIN/kube-proxy" --config "$STATE_DIR/kube-proxy.yaml"

# --- add-ons --------------------------------------------------------------------------
wait_for "the node to register" 120 kube get node "$CLUSTER_NAME" ||
  fail "node $CLUSTER_NAME did not register; see $LOG_DIR/kubelet.log"
say "Applying add-ons: default StorageClass, CoreDNS, Traefik, kube-router's access"
for addon in storage-class coredns traefik kube-router; do
  render "$CLUSTER_FILES/addons/$addon.yaml" | kube apply -f - >/dev/null ||
    fail "applying add-on $addon failed"
done

# The NetworkPolicy engine: kube-router's firewall only (routes and Services stay with the
# bridge CNI and kube-proxy). No health port (it would listen on every interface); metrics and
# /healthz on loopback.
start_daemon kube-router "$BIN/kube-router" --kubeconfig "$KUBECONFIG_DIR/kube-router.kubeconfig" \
  --hostname-override "$CLUSTER_NAME" --run-firewall=true --run-router=false \
  --run-service-proxy=false --run-loadbalancer=false --enable-ipv4=true --enable-ipv6=false \
  --service-cluster-ip-range "$SERVICE_CIDR" --health-port=0 \
  --metrics-addr 127.0.0.1 --metrics-port "$KUBE_ROUTER_METRICS_PORT" --iptables-sync-period=1m
wait_for kube-router 90 iptables -n -L KUBE-ROUTER-FORWARD ||
  fail "kube-router did not program its firewall; see $LOG_DIR/kube-router.log"

# --- kube context ---------------------------------------------------------------------
user_kubeconfig=$(user_kubeconfig)
write_context "$BIN/kubectl" "$user_kubeconfig" admin

# --- readiness ------------------------------------------------------------------------
say "Waiting for the node, CoreDNS and Traefik to be Ready"
kube wait --for=condition=Ready "node/$CLUSTER_NAME" --timeout=180s >/dev/null ||
  fail "node $CLUSTER_NAME is not Ready; see $LOG_DIR/kubelet.log and: kubectl describe node $CLUSTER_NAME"
kube -n kube-system rollout status deploy/coredns --timeout=180s >/dev/null ||
  fail "CoreDNS is not Ready; see: kubectl -n kube-system describe pods -l k8s-app=kube-dns"
kube -n ingress-traefik rollout status deploy/traefik --timeout=180s >/dev/null ||
  fail "Traefik is not Ready; see: kubectl -n ingress-traefik logs deploy/traefik"

ok "Cluster $CLUSTER_NAME is up in $((SECONDS - START))s: Kubernetes $("$BIN/kubectl" version -o json --kubeconfig "$CLUSTER_KUBECONFIG" | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | tail -1)"
say "kube context: $CLUSTER_NAME (current context in $user_kubeconfig)"
say "kubectl:      $BIN/kubectl (or any kubectl ≥ 1.33)"
say "ingress:      http://127.0.0.1:$INGRESS_PORT (add \"127.0.0.1 todo.local\" to /etc/hosts for http://todo.local)"
echo "$CLUSTER_KUBECONFIG"
