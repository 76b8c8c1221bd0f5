#!/usr/bin/env bash
# Builds a minimal Debian bookworm base image offline (debootstrap --variant=minbase from the
# Debian mirror, imported into Docker), for machines with no container registry. Users with a
# registry never need it: Dockerfiles that take it default to the official debian image.
#   infra/docker/scripts/build-debian-base.sh        prints the image name on the last line
# Cached: an existing image with that tag is kept.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
SUITE=bookworm
IMAGE="todo-debian-base:${SUITE}"
MIRROR="${TODO_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (tools/test-services/docker.sh starts it)"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  ok "$IMAGE already built"
  echo "$IMAGE"
  exit 0
fi
command -v debootstrap >/dev/null || ensure_debs debootstrap

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
say "debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$rootfs.log" 2>&1 ||
  { tail -20 "$rootfs.log" >&2; fail "debootstrap failed (full log: $rootfs.log)"; }
rm -f "$rootfs.log"
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
say "Importing $IMAGE"
tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' \
  --change "LABEL org.opencontainers.image.title=todo-debian-base org.opencontainers.image.version=${SUITE}" \
  - "$IMAGE" >/dev/null
ok "Built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "$IMAGE"
