#!/usr/bin/env bash
# Packs the cluster's own images (pause, CoreDNS, Traefik) from the built binaries, each a
# single static binary on an empty filesystem, and imports any that the cluster's containerd
# lacks. Nothing is pulled. Called by cluster-up.sh.
#   tools/kubernetes/cluster-images.sh BIN_DIR [MORE_DOCKER_IMAGES...]
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"
BIN=${1:?usage: cluster-images.sh BIN_DIR}
docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (tools/test-services/docker.sh starts it): images are packed with docker"

# pack IMAGE BINARY [ENTRYPOINT-ARGS-JSON]
pack() {
  local image=$1 binary=$2 name
  name=$(basename "$binary")
  if docker image inspect "$image" >/dev/null 2>&1; then return 0; fi
  say "Packing $image"
  tar -C "$(dirname "$(readlink -f "$binary")")" -c --transform "s|^|/|" --owner 0 --group 0 "$name" |
    docker import --change "ENTRYPOINT [\"/$name\"]" \
      --change "LABEL org.opencontainers.image.description=built-locally-by-todo-cluster" - "$image" >/dev/null
}
pack "$PAUSE_IMAGE" "$BIN/pause"
pack "$COREDNS_IMAGE" "$BIN/coredns"
pack "$TRAEFIK_IMAGE" "$BIN/traefik"

# The image ID (its config digest) as containerd's CRI sees it; empty when absent.
cri_image_id() {
  "$BIN/crictl" --runtime-endpoint "unix://$CONTAINERD_SOCKET" --image-endpoint "unix://$CONTAINERD_SOCKET" \
    inspecti -o go-template --template '{{.status.id}}' "$1" 2>/dev/null || true
}
for image in "$PAUSE_IMAGE" "$COREDNS_IMAGE" "$TRAEFIK_IMAGE" "${@:2}"; do
  # Same name is not enough: a rebuilt image keeps its tag.
  [ "$(cri_image_id "$image")" = "$(docker image inspect -f '{{.Id}}' "$image")" ] && continue
  say "Importing $image into the cluster's containerd"
  docker save "$image" | ctr --address "$CONTAINERD_SOCKET" -n k8s.io images import - >/dev/null ||
    fail "importing $image into containerd ($CONTAINERD_SOCKET) failed"
done
