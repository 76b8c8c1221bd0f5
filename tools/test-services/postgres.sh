#!/usr/bin/env bash
# Ensures a local PostgreSQL server (Debian's package) is running on 127.0.0.1:5432 with the
# role the integration tests use. Idempotent; installs the package only when it is missing.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../shell/lib.sh"

ROLE=todo_test
PASSWORD=todo_test

command -v pg_ctlcluster >/dev/null || ensure_debs postgresql

cluster=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  say "Creating cluster $version/main"
  pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version name port status _ <<<"$cluster"

if [ "$status" != online ]; then
  say "Starting PostgreSQL $version/$name on port $port"
  pg_ctlcluster "$version" "$name" start
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(as_postgres psql -p "$port" -tAc "select 1 from pg_roles where rolname = '$ROLE'")" != 1 ]; then
  say "Creating role $ROLE"
  as_postgres psql -p "$port" -qc "create role $ROLE login createdb password '$PASSWORD'"
fi

ok "PostgreSQL $version ready: TEST_DATABASE_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$port/postgres"
