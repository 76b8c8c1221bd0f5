# Shared by the cluster-*.sh and monitoring-*.sh scripts: settings, the daemons' PID files and
# the cluster's helpers. Messages, ROOT_DIR and need_root come from the shared shell library.
# shellcheck shell=bash disable=SC2034 # its settings are used by the scripts that source it
# shellcheck source-path=SCRIPTDIR source=../../../tools/shell/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
CLUSTER_FILES="$ROOT_DIR/infra/k8s/cluster"
# shellcheck source=../cluster/cluster.env
source "$CLUSTER_FILES/cluster.env"
# shellcheck source=../build/versions.env
source "$ROOT_DIR/infra/k8s/build/versions.env"

PID_DIR="$RUN_DIR/pids"
LOG_DIR="$STATE_DIR/logs"
PKI_DIR="$STATE_DIR/pki"
KUBECONFIG_DIR="$STATE_DIR/kubeconfigs"

# Cluster images, built locally (nothing is pulled) and imported into the cluster's containerd.
PAUSE_IMAGE="localhost/todo-cluster/pause:${PAUSE_VERSION}"
COREDNS_IMAGE="localhost/todo-cluster/coredns:${COREDNS_VERSION}"
TRAEFIK_IMAGE="localhost/todo-cluster/traefik:${TRAEFIK_VERSION}"

# The directory of the built cluster binaries (a cold build takes ~12 minutes, then it is cached).
cluster_bin_dir() {
  bash "$ROOT_DIR/infra/k8s/scripts/build-binaries.sh" || fail "building the cluster binaries failed (see the log above)"
}

# kubectl against this cluster, whatever the user's current context is.
kube() { "$BIN/kubectl" --kubeconfig "$CLUSTER_KUBECONFIG" "$@"; }

# Fills ${NAME} placeholders in a template with the variables of that name (only those, so
# the $(VAR) references Kubernetes expands itself pass through).
render() {
  local vars
  vars=$(grep -o '\${[A-Z_]*}' "$1" | sort -u | tr '\n' ' ')
  for var in $(tr -d '${}' <<<"$vars"); do
    [ -n "${!var+set}" ] || fail "template $1 uses \${$var}, which is not set"
    export "${var?}"
  done
  envsubst "$vars" <"$1"
}

# install_config TEMPLATE DEST [DAEMON]: renders TEMPLATE to DEST only when the content
# differs (kube-proxy exits whenever its file is rewritten); a running DAEMON that reads it is
# stopped, so that cluster-up starts it again with the new content.
install_config() {
  local template=$1 dest=$2 daemon=${3:-} rendered
  rendered=$(render "$template") || exit 1
  if [ -f "$dest" ] && [ "$rendered" = "$(cat "$dest")" ]; then return 0; fi
  printf '%s\n' "$rendered" >"$dest.new"
  mv "$dest.new" "$dest"
  if [ -n "$daemon" ] && is_running "$daemon"; then
    say "$(basename "$dest") changed: restarting $daemon"
    stop_daemon "$daemon"
  fi
}

# The binaries the running cluster was started with (recorded by cluster-up; never a build).
recorded_bin_dir() { cat "$STATE_DIR/bin-dir" 2>/dev/null || true; }

# The kubeconfig kubectl reads by default: the first file of $KUBECONFIG, or ~/.kube/config.
# Sets BIN to the running cluster's binaries, or fails: for scripts that add to the cluster.
require_running_cluster() {
  BIN=$(recorded_bin_dir)
  [ -n "$BIN" ] && kube get --raw /readyz >/dev/null 2>&1 ||
    fail "the cluster is not running: start it with \"npx nx run cluster:up\""
}

user_kubeconfig() {
  local file="${KUBECONFIG:-$HOME/.kube/config}"
  echo "${file%%:*}"
}

# write_context KUBECTL FILE CERT: puts the cluster, the credentials of $PKI_DIR/CERT.{crt,key}
# (embedded) and the context $CLUSTER_NAME into FILE, and makes that context current.
write_context() {
  local kubectl=$1 file=$2 cert=$3
  kc() { "$kubectl" --kubeconfig "$file" config "$@" >/dev/null; }
  mkdir -p "$(dirname "$file")"
  kc set-cluster "$CLUSTER_NAME" --server "https://${NODE_IP}:${API_PORT}" \
    --certificate-authority "$PKI_DIR/ca.crt" --embed-certs
  kc set-credentials "$CLUSTER_NAME" --client-certificate "$PKI_DIR/$cert.crt" \
    --client-key "$PKI_DIR/$cert.key" --embed-certs
  kc set-context "$CLUSTER_NAME" --cluster "$CLUSTER_NAME" --user "$CLUSTER_NAME"
  kc use-context "$CLUSTER_NAME"
  chmod 600 "$file"
}

pid_of() { cat "$PID_DIR/$1.pid" 2>/dev/null; }

# True when the recorded PID of a daemon is alive and still runs the binary it was started
# with (a PID alone could have been reused by an unrelated process). A binary rebuilt since
# then shows as "PATH (deleted)": still our daemon.
is_running() {
  local pid exe
  pid=$(pid_of "$1") || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [ "${exe% (deleted)}" = "$(cat "$PID_DIR/$1.exe" 2>/dev/null)" ]
}

# True when a running daemon's binary file has been replaced since it started (a rebuild).
runs_replaced_binary() {
  [[ "$(readlink "/proc/$(pid_of "$1")/exe" 2>/dev/null)" == *" (deleted)" ]]
}

# start_daemon NAME BINARY ARGS...: starts a daemon in its own session, logging to
# $LOG_DIR/NAME.log, unless it is already running.
start_daemon() {
  local name=$1 binary
  binary=$(readlink -f "$2")
  shift 2
  if is_running "$name"; then
    if [ "$(cat "$PID_DIR/$name.exe")" != "$binary" ]; then
      # Another build of it (a version change, or another cache directory): run this one.
      say "$name runs $(cat "$PID_DIR/$name.exe"), not $binary: restarting it"
      stop_daemon "$name"
    elif runs_replaced_binary "$name"; then
      say "$name runs a build of $binary that has been rebuilt since: restarting it"
      stop_daemon "$name"
    else
      say "$name already running (pid $(pid_of "$name"))"
      return 0
    fi
  fi
  mkdir -p "$PID_DIR" "$LOG_DIR"
  setsid "$binary" "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  echo "$binary" >"$PID_DIR/$name.exe"
  say "$name started (pid $!, log $LOG_DIR/$name.log)"
}

# stop_daemon NAME [TIMEOUT]: SIGTERM, then SIGKILL after TIMEOUT seconds. Only the recorded
# process is signalled.
stop_daemon() {
  local name=$1 timeout=${2:-20} pid
  if is_running "$name"; then
    pid=$(pid_of "$name")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((timeout * 5))); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
    if [ -d "/proc/$pid" ]; then
      say "$name did not stop in ${timeout}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    say "$name stopped"
  fi
  rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.exe"
}

# wait_for DESCRIPTION TIMEOUT COMMAND...: polls COMMAND every second.
wait_for() {
  local what=$1 timeout=$2
  shift 2
  for _ in $(seq 1 "$timeout"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

# Components in start order; cluster-down stops them in reverse.
DAEMONS=(containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kube-router)

# pack_image IMAGE BINARY [DIR]: a Docker image of one static binary at DIR/NAME (default /) on an
# empty filesystem, its entrypoint; nothing happens if IMAGE exists. Nothing is pulled.
pack_image() {
  local image=$1 binary=$2 dir=${3:-/} name
  name=$(basename "$binary")
  if docker image inspect "$image" >/dev/null 2>&1; then return 0; fi
  say "Packing $image"
  tar -C "$(dirname "$(readlink -f "$binary")")" -c --transform "s|^|${dir%/}/|" --owner 0 --group 0 "$name" |
    docker import --change "ENTRYPOINT [\"${dir%/}/$name\"]" \
      --change "LABEL org.opencontainers.image.description=built-locally-by-todo-cluster" - "$image" >/dev/null
}

# import_image BIN_DIR IMAGE: copies a Docker image into the cluster's containerd unless the same
# image (by ID: a rebuilt image keeps its tag) is there already.
import_image() {
  local bin=$1 image=$2 cri_id
  cri_id=$("$bin/crictl" --runtime-endpoint "unix://$CONTAINERD_SOCKET" --image-endpoint "unix://$CONTAINERD_SOCKET" \
    inspecti -o go-template --template '{{.status.id}}' "$image" 2>/dev/null || true)
  [ "$cri_id" = "$(docker image inspect -f '{{.Id}}' "$image")" ] && return 0
  say "Importing $image into the cluster's containerd"
  docker save "$image" | ctr --address "$CONTAINERD_SOCKET" -n k8s.io images import - >/dev/null ||
    fail "importing $image into containerd ($CONTAINERD_SOCKET) failed"
}
