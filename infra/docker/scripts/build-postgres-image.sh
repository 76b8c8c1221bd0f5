#!/usr/bin/env bash
# Builds the Debian-packaged PostgreSQL image (infra/docker/postgres.Dockerfile) on the offline
# Debian base, for clusters that cannot pull the official image. Rebuilt only when the
# Dockerfile or the entrypoint changed.
#   infra/docker/scripts/build-postgres-image.sh        prints the image name on the last line
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"
IMAGE="${TODO_POSTGRES_IMAGE:-localhost/todo-cluster/postgres:15-bookworm}"

recipe=$(cat infra/docker/postgres.Dockerfile infra/docker/postgres/* | sha256sum | cut -c1-16)
if [ "$(docker image inspect -f '{{index .Config.Labels "todo.recipe"}}' "$IMAGE" 2>/dev/null)" = "$recipe" ]; then
  ok "$IMAGE already built"
  echo "$IMAGE"
  exit 0
fi
base=$(bash infra/docker/scripts/build-debian-base.sh | tail -1)
say "Building $IMAGE on $base"
docker build -q -f infra/docker/postgres.Dockerfile --build-arg "BASE_IMAGE=$base" \
  --label "todo.recipe=$recipe" -t "$IMAGE" infra/docker/postgres >/dev/null ||
  fail "docker build of $IMAGE failed (rerun: docker build -f infra/docker/postgres.Dockerfile --build-arg BASE_IMAGE=$base infra/docker/postgres)"
ok "Built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
echo "$IMAGE"
