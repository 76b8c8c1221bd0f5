#!/usr/bin/env bash
# Packs the cluster's own images (pause, CoreDNS, Traefik) from the built binaries, each a
# single static binary on an empty filesystem, and imports any that the cluster's containerd
# lacks. Nothing is pulled. Called by cluster-up.sh.
#   infra/k8s/scripts/cluster-images.sh BIN_DIR [MORE_DOCKER_IMAGES...]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
BIN=${1:?usage: cluster-images.sh BIN_DIR}
docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (tools/test-services/docker.sh starts it): images are packed with docker"

pack_image "$PAUSE_IMAGE" "$BIN/pause"
pack_image "$COREDNS_IMAGE" "$BIN/coredns"
pack_image "$TRAEFIK_IMAGE" "$BIN/traefik"

for image in "$PAUSE_IMAGE" "$COREDNS_IMAGE" "$TRAEFIK_IMAGE" "${@:2}"; do
  import_image "$BIN" "$image"
done
