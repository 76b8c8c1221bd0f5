#!/usr/bin/env bash
# Build every binary a single-node Kubernetes cluster needs, from source fetched
# through the Go module proxy, and cache them per component and version under
# ~/.cache/todo/k8s/<component>-<version>/. A cold build takes ~11 minutes on
# 2 cores (half of it Kubernetes) and fills ~7 GB of Go build cache and ~4.5 GB
# of module cache; later runs only check the cache and take well under a second.
#
# Usage: build-binaries.sh [cluster|monitoring] [--force]
#   cluster     the cluster's own binaries (the default)
#   monitoring  the Prometheus Operator, its config reloader, Prometheus and promtool
#   --force     rebuild every component of the set even if it is cached
# Environment: versions from versions.env (each overridable), TODO_K8S_CACHE
# (cache root), JOBS (go build -p, default 2), NICE (default 10).
#
# Progress goes to stderr; the only thing on stdout is the bin directory (a
# folder of symlinks to this version set), so callers can do
#   BIN=$(infra/k8s/build/build-binaries.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$HERE/versions.env"

CACHE=${TODO_K8S_CACHE:-${TODO_CACHE_DIR:-$HOME/.cache/todo}/k8s}
JOBS=${JOBS:-2}
NICE=${NICE:-10}
FORCE=${FORCE:-0}

SET=cluster
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    cluster | monitoring) SET=$arg ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

START=$SECONDS
log() { echo "[build-binaries +$((SECONDS - START))s] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Builders run with their output sent to a log file; fd 3 keeps a way to
# report per-step progress on the real stderr.
exec 3>&2
step() { echo "[build-binaries +$((SECONDS - START))s]   $*" >&3; }

# Another engineer shares the machine: lower priority, limited parallelism.
run() { nice -n "$NICE" "$@"; }
export GOFLAGS="-p=$JOBS ${GOFLAGS:-}"

command -v go >/dev/null || die "go is not on PATH (Go >= 1.24 needed for the tool directive)"
command -v gcc >/dev/null || die "gcc is not on PATH (needed for kubelet's cgo and for pause)"
command -v jq >/dev/null || die "jq is not on PATH (apt-get install jq; reads go mod download -json)"

mkdir -p "$CACHE/logs" "$CACHE/work"
cd "$CACHE"  # keep go commands away from any go.mod/go.work in the caller's tree
# One build at a time per machine; a second caller waits, then finds the cache.
exec 9>"$CACHE/.lock"
flock -n 9 || { log "another build holds $CACHE/.lock, waiting..."; flock 9; }

# ---------------------------------------------------------------- helpers --

# Download module@version into the module cache; print the field ($2: Dir,
# GoMod, Info) of `go mod download -json`.
mod_field() {
  local json
  json=$(go mod download -json "$1") || { echo "$json" >&2; return 1; }
  jq -er ".$2" <<<"$json"
}

# The commit time of a module version (from the proxy's .info), used as the
# build date so that a rebuild of the same version embeds the same date.
mod_time() { jq -er .Time "$(mod_field "$1" Info)"; }

# Print the directives of an upstream go.mod that a wrapper module must carry,
# one per line, normalised: "go V", "godebug K=V", "exclude M V",
# "replace OLD [V] => NEW [V]". Comments and other directives are dropped.
mod_directives() {
  awk '
    { sub(/[ \t]*\/\/.*$/, "") }                      # strip comments
    /^[a-z]+[ \t]*\($/ { blk = $1; next }             # block opens: replace (
    /^\)/ { blk = ""; next }
    NF == 0 { next }
    blk != "" { $1 = $1; if (blk ~ /^(replace|exclude|godebug)$/) print blk, $0; next }
    /^(go|godebug|exclude|replace)[ \t]/ { $1 = $1; print }
  ' "$1"
}

# Write a wrapper module in directory $1 for the modules "$2..." (path@version),
# whose go.mod files use replace directives, which `go install m@v` refuses.
# Non-local replaces and excludes are copied. A replace that points into the
# upstream repo (./x, ../x) is handed to the function named by LOCAL_REPLACE,
# which prints a published module version to use instead, or nothing to drop it.
# The wrapper keeps the upstream `go` line (it picks the GODEBUG defaults).
write_wrapper() {
  local dir=$1; shift
  local mv gomod go_line="" line old new out directives=""
  rm -rf "$dir"; mkdir -p "$dir"
  for mv in "$@"; do
    gomod=$(mod_field "$mv" GoMod)
    while IFS= read -r line; do
      case "$line" in
        "go "*) if [[ -z "$go_line" ]]; then go_line=${line#go }; fi ;;
        "replace "*)
          old=${line#replace }; old=${old%% => *}; new=${line#* => }
          if [[ "$new" == .* || "$new" == /* ]]; then
            out=$("$LOCAL_REPLACE" "$old" "$new") || return 1
            if [[ -n "$out" ]]; then directives+="replace $old => $out"$'\n'; fi
          else
            directives+="$line"$'\n'
          fi ;;
        *) directives+="$line"$'\n' ;;
      esac
    done < <(mod_directives "$gomod")
  done
  {
    echo "// Generated by infra/k8s/build/build-binaries.sh; do not edit."
    echo "module todo.local/k8s-build"
    echo
    echo "go $go_line"
    echo
    sort -u <<<"$directives" | grep -v -e '^replace ' -e '^$' || true
    echo
    echo "replace ("
    sort -u <<<"$directives" | sed -n 's/^replace /\t/p'
    echo ")"
  } >"$dir/go.mod"
}

# Default LOCAL_REPLACE: any in-repo replace is a surprise worth stopping on.
no_local_replace() {
  echo "upstream go.mod replaces $1 with in-repo path $2; no published module to use instead" >&2
  return 1
}

# Add tool directives for the main packages and let `go mod tidy` resolve the
# full requirement list and go.sum (the wrapper has no code of its own).
resolve_tools() {
  local dir=$1 pkg mv; shift
  local args=()
  for mv in "${REQUIRES[@]}"; do args+=("-require=$mv"); done
  for pkg in "$@"; do args+=("-tool=$pkg"); done
  (cd "$dir" && go mod edit "${args[@]}" && run go mod tidy)
}

# ------------------------------------------------------------- components --
# Each build_<component> VERSION OUTDIR puts binaries in OUTDIR/bin and runs
# with `set -e` in a subshell whose output goes to the component's log file.

build_kubernetes() {
  local v=$1 out=$2 minor staging date work="$CACHE/work/kubernetes-$1"
  minor=${v#v1.}; minor=${minor%%.*}
  staging="v0.${v#v1.}"                     # k8s.io/api etc. are tagged v0.34.4
  date=$(mod_time "k8s.io/kubernetes@$v")

  # kubernetes' go.mod replaces its ~30 staging modules (k8s.io/api,
  # k8s.io/client-go, ...) with ./staging/src/k8s.io/*; swap in the
  # published staging modules of the same release.
  k8s_staging() {
    if [[ "$1" == k8s.io/* && "$2" == ./staging/* ]]; then echo "$1 $staging"; else no_local_replace "$@"; fi
  }
  LOCAL_REPLACE=k8s_staging REQUIRES=("k8s.io/kubernetes@$v")
  step "wrapper module in $work (staging modules -> $staging)"
  write_wrapper "$work" "k8s.io/kubernetes@$v"
  local cmds=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
  resolve_tools "$work" "${cmds[@]/#/k8s.io/kubernetes/cmd/}"

  # Without these -X flags the binaries report v0.0.0 (hack/lib/version.sh).
  local ldflags="-s -w" pkg key val
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    for kv in "gitVersion=$v" gitMajor=1 "gitMinor=$minor" gitTreeState=clean "buildDate=$date"; do
      ldflags+=" -X $pkg.$kv"
    done
  done
  # Same flags and tags as upstream non-debug builds (hack/lib/golang.sh).
  # Everything is static (CGO_ENABLED=0) except kubelet, which upstream
  # builds with cgo.
  local cmd cgo t0
  for cmd in "${cmds[@]}"; do
    cgo=0
    if [[ "$cmd" == kubelet ]]; then cgo=1; fi
    t0=$SECONDS
    (cd "$work" && CGO_ENABLED=$cgo run go build -trimpath -tags=selinux,notest,grpcnotrace \
      -ldflags "$ldflags" -o "$out/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd")
    step "$cmd built ($((SECONDS - t0))s, CGO_ENABLED=$cgo)"
  done
}

build_pause() {
  local v=$1 out=$2 src tag
  # pause.c ships in the kubernetes module zip; the version is the Makefile TAG.
  src=$(mod_field "k8s.io/kubernetes@$K8S_VERSION" Dir)/build/pause
  tag=$(sed -n 's/^TAG ?= *//p' "$src/Makefile")
  [[ "$tag" == "$v" ]] || { echo "PAUSE_VERSION=$v but kubernetes $K8S_VERSION ships pause $tag" >&2; return 1; }
  [[ "$(gcc -print-file-name=libc.a)" == /* ]] || { echo "no static libc (apt-get install libc6-dev)" >&2; return 1; }
  # Upstream CFLAGS (build/pause/Makefile); static so it runs in a scratch image.
  run gcc -Os -Wall -Werror -static "-DVERSION=v$v-$K8S_VERSION" -o "$out/bin/pause" "$src/linux/pause.c"
  strip "$out/bin/pause"
}

build_etcd() {
  local v=$1 out=$2 work="$CACHE/work/etcd-$1"
  # The etcd server's main package is the root of go.etcd.io/etcd/server/v3;
  # etcdctl's is go.etcd.io/etcd/etcdctl/v3. Their go.mod files point the
  # sibling etcd modules at ../api etc., but also require the same published
  # versions, so those replaces (and the FORBIDDEN_DEPENDENCY guards) are dropped.
  etcd_local() { if [[ "$1" != go.etcd.io/* ]]; then no_local_replace "$@"; fi; }
  LOCAL_REPLACE=etcd_local REQUIRES=("go.etcd.io/etcd/server/v3@$v" "go.etcd.io/etcd/etcdctl/v3@$v")
  write_wrapper "$work" "${REQUIRES[@]}"
  resolve_tools "$work" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3
  # etcd's scripts/build.sh builds with CGO_ENABLED=0 -trimpath; the version
  # string is a constant in the source.
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w" -o "$out/bin/etcd" go.etcd.io/etcd/server/v3)
  step "etcd built"
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w" -o "$out/bin/etcdctl" go.etcd.io/etcd/etcdctl/v3)
  step "etcdctl built"
}

build_coredns() {
  local v=$1 out=$2 work="$CACHE/work/coredns-$1"
  # No replace directives upstream; a wrapper anyway keeps one code path and
  # records the go.sum used.
  LOCAL_REPLACE=no_local_replace REQUIRES=("github.com/coredns/coredns@$v")
  write_wrapper "$work" "${REQUIRES[@]}"
  resolve_tools "$work" github.com/coredns/coredns
  # Upstream Makefile: CGO_ENABLED=0; version is a constant (coremain.CoreVersion).
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w" -o "$out/bin/coredns" github.com/coredns/coredns)
}

build_traefik() {
  local v=$1 out=$2 work="$CACHE/work/traefik-$1" dir codename date
  # Traefik's go.mod replaces a few modules with forks (github.com/containous/*)
  # and excludes one; write_wrapper copies those.
  LOCAL_REPLACE=no_local_replace REQUIRES=("github.com/traefik/traefik/v3@$v")
  write_wrapper "$work" "${REQUIRES[@]}"
  resolve_tools "$work" github.com/traefik/traefik/v3/cmd/traefik
  dir=$(mod_field "github.com/traefik/traefik/v3@$v" Dir)
  codename=$(sed -n 's/^CODENAME ?= *//p' "$dir/Makefile")
  date=$(mod_time "github.com/traefik/traefik/v3@$v")
  # Upstream Makefile flags. The web dashboard assets are not in the module
  # (they are built with node), so the dashboard is empty; the proxy works.
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w \
      -X github.com/traefik/traefik/v3/pkg/version.Version=${v#v} \
      -X github.com/traefik/traefik/v3/pkg/version.Codename=$codename \
      -X github.com/traefik/traefik/v3/pkg/version.BuildDate=$date" \
    -o "$out/bin/traefik" github.com/traefik/traefik/v3/cmd/traefik)
}

build_critools() {
  local v=$1 out=$2 work="$CACHE/work/critools-$1"
  # crictl: how cluster-down removes pod sandboxes cleanly (CNI DEL included)
  # and how a user inspects the node's containers. No replace directives.
  LOCAL_REPLACE=no_local_replace REQUIRES=("sigs.k8s.io/cri-tools@$v")
  write_wrapper "$work" "${REQUIRES[@]}"
  resolve_tools "$work" sigs.k8s.io/cri-tools/cmd/crictl
  # Upstream Makefile: CGO_ENABLED=0, version through pkg/version.Version.
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w \
      -X sigs.k8s.io/cri-tools/pkg/version.Version=$v" \
    -o "$out/bin/crictl" sigs.k8s.io/cri-tools/cmd/crictl)
}

build_kuberouter() {
  local v=$1 out=$2 work="$CACHE/work/kube-router-$1" date
  # The NetworkPolicy controller of todo-local. No replace directives upstream.
  LOCAL_REPLACE=no_local_replace REQUIRES=("github.com/cloudnativelabs/kube-router/v2@$v")
  write_wrapper "$work" "${REQUIRES[@]}"
  resolve_tools "$work" github.com/cloudnativelabs/kube-router/v2/cmd/kube-router
  date=$(mod_time "github.com/cloudnativelabs/kube-router/v2@$v")
  # Upstream Makefile: CGO_ENABLED=0, version and build date through pkg/version.
  (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "-s -w \
      -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$v \
      -X github.com/cloudnativelabs/kube-router/v2/pkg/version.BuildDate=$date" \
    -o "$out/bin/kube-router" github.com/cloudnativelabs/kube-router/v2/cmd/kube-router)
}

# The ldflags of the Prometheus projects' builds (promu, the operator's Makefile): what
# `--version` prints comes from github.com/prometheus/common/version.
prometheus_version_ldflags() {
  local module=$1 version=$2 date
  date=$(date -u -d "$(mod_time "$module")" +%Y%m%d-%H:%M:%S)
  printf -- '-s -w -X github.com/prometheus/common/version.%s ' "Version=$version" \
    "Revision=$module" Branch=HEAD "BuildUser=todo@build-binaries" "BuildDate=$date"
}

build_promoperator() {
  local v=$1 out=$2 work="$CACHE/work/prometheus-operator-$1" module
  module="github.com/prometheus-operator/prometheus-operator@$v"
  # Its go.mod replaces its own pkg/apis/monitoring and pkg/client submodules with in-repo
  # paths; both are published at the same version.
  operator_submodule() {
    if [[ "$1" == github.com/prometheus-operator/prometheus-operator/pkg/* && "$2" == ./pkg/* ]]; then
      echo "$1 $v"
    else no_local_replace "$@"; fi
  }
  LOCAL_REPLACE=operator_submodule REQUIRES=("$module")
  write_wrapper "$work" "$module"
  resolve_tools "$work" github.com/prometheus-operator/prometheus-operator/cmd/operator \
    github.com/prometheus-operator/prometheus-operator/cmd/prometheus-config-reloader
  local ldflags cmd
  ldflags=$(prometheus_version_ldflags "$module" "${v#v}")
  for cmd in operator prometheus-config-reloader; do
    (cd "$work" && CGO_ENABLED=0 run go build -trimpath -ldflags "$ldflags" -o "$out/bin/$cmd" \
      "github.com/prometheus-operator/prometheus-operator/cmd/$cmd")
  done
}

build_prometheus() {
  local v=$1 out=$2 work="$CACHE/work/prometheus-$1" module major minor patch
  # The Go module tags release X.Y.Z as v0.(100X+Y).Z (for its Go API): 3.5.1 is v0.305.1.
  IFS=. read -r major minor patch <<<"${v#v}"
  local tag="v0.$((major * 100 + minor)).$patch"
  module="github.com/prometheus/prometheus@$tag"
  LOCAL_REPLACE=no_local_replace REQUIRES=("$module")
  write_wrapper "$work" "$module"
  resolve_tools "$work" github.com/prometheus/prometheus/cmd/prometheus \
    github.com/prometheus/prometheus/cmd/promtool
  local ldflags cmd
  ldflags=$(prometheus_version_ldflags "$module" "${v#v}")
  # promu's tags, less `builtinassets`: the web UI's built assets are not in the module (they
  # are built with node), so the UI pages are empty; the HTTP API, which everything here uses,
  # is complete.
  for cmd in prometheus promtool; do
    (cd "$work" && CGO_ENABLED=0 run go build -trimpath -tags netgo -ldflags "$ldflags" \
      -o "$out/bin/$cmd" "github.com/prometheus/prometheus/cmd/$cmd")
  done
}

# Print a binary's version line(s); used to verify a build and stored in the
# component's VERSION file.
version_of() {
  local b=$1
  case "${b##*/}" in
    kubectl) "$b" version --client ;;
    etcdctl | traefik) "$b" version ;;
    pause) "$b" -v ;;
    coredns) "$b" -version ;;
    *) "$b" --version ;;
  esac 2>&1
}

# ------------------------------------------------------------ the driver --

# The recipe is a hash of the builder and the helpers it uses, so editing how
# a component is built invalidates its cache entry even at the same version.
recipe_of() {
  local helpers=(write_wrapper mod_directives resolve_tools version_of)
  case "$1" in promoperator | prometheus) helpers+=(prometheus_version_ldflags) ;; esac
  declare -f "build_$1" "${helpers[@]}" | sha256sum | cut -c1-16
}

BIN_LINKS=()
# component VERSION EXPECTED-VERSION-STRING BINARIES...
component() {
  local name=$1 v=$2 expect=$3; shift 3
  local dest="$CACHE/$name-$v" recipe b t0=$SECONDS rc
  local logf="$CACHE/logs/$name-$v.log"
  recipe=$(recipe_of "$name")

  if [[ "$FORCE" != 1 && -f "$dest/.complete" && "$(cat "$dest/.complete")" == "$recipe" ]]; then
    local ok=1
    for b in "$@"; do [[ -x "$dest/bin/$b" ]] || ok=0; done
    if [[ $ok == 1 ]]; then
      log "$name $v: cached"
      for b in "$@"; do BIN_LINKS+=("$dest/bin/$b"); done
      return 0
    fi
  fi

  log "$name $v: building (log: $logf)"
  rm -rf "$dest.partial"; mkdir -p "$dest.partial/bin"
  # Not `if !` / `||`: those would switch off set -e inside the builder.
  set +e
  (set -e; "build_$name" "$v" "$dest.partial") >"$logf" 2>&1
  rc=$?
  set -e
  if [[ $rc != 0 ]]; then
    tail -n 25 "$logf" | sed 's/^/    /' >&2
    rm -rf "$dest.partial"
    die "component '$name' ($v) failed to build after $((SECONDS - t0))s (exit $rc); full log: $logf"
  fi

  # Check every binary exists and reports the version we asked for (this is
  # what catches a Kubernetes build without its version ldflags: v0.0.0).
  : >"$dest.partial/VERSION"
  for b in "$@"; do
    [[ -x "$dest.partial/bin/$b" ]] || die "component '$name' ($v): $b was not produced"
    local vout
    vout=$(version_of "$dest.partial/bin/$b") || true
    grep -qF -- "$expect" <<<"$vout" ||
      die "component '$name' ($v): $b reports '$vout', expected '$expect'"
    printf '%s: %s\n' "$b" "$(tr '\n' ' ' <<<"$vout")" >>"$dest.partial/VERSION"
  done
  # For tools/bench/cluster-bench.sh: how long this cold build took.
  echo $((SECONDS - t0)) >"$dest.partial/BUILD_SECONDS"
  echo "$recipe" >"$dest.partial/.complete"
  rm -rf "$dest"; mv "$dest.partial" "$dest"
  log "$name $v: built in $((SECONDS - t0))s ($(du -sh "$dest/bin" | cut -f1))"
  for b in "$@"; do BIN_LINKS+=("$dest/bin/$b"); done
}

log "cache: $CACHE (set $SET, go $(go env GOVERSION), GOFLAGS=$GOFLAGS, nice $NICE)"
if [[ "$SET" == monitoring ]]; then
  component promoperator "$PROMETHEUS_OPERATOR_VERSION" "version ${PROMETHEUS_OPERATOR_VERSION#v}" \
    operator prometheus-config-reloader
  component prometheus "$PROMETHEUS_VERSION" "version ${PROMETHEUS_VERSION#v}" prometheus promtool
else
  # Cheapest first, so a broken toolchain shows up before the long build.
  component pause      "$PAUSE_VERSION"   "v$PAUSE_VERSION"    pause
  component coredns    "$COREDNS_VERSION" "${COREDNS_VERSION#v}" coredns
  component etcd       "$ETCD_VERSION"    "${ETCD_VERSION#v}"  etcd etcdctl
  component traefik    "$TRAEFIK_VERSION" "${TRAEFIK_VERSION#v}" traefik
  component critools   "$CRITOOLS_VERSION" "$CRITOOLS_VERSION"  crictl
  component kuberouter "$KUBE_ROUTER_VERSION" "version $KUBE_ROUTER_VERSION" kube-router
  component kubernetes "$K8S_VERSION"     "$K8S_VERSION" \
    kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl
fi

# One bin directory per version set, named by a hash of the versions, holding
# symlinks into the per-component directories. Different checkouts pinning
# different versions thus never flip each other's binaries.
set_id=$(printf '%s\n' "${BIN_LINKS[@]}" | sha256sum | cut -c1-12)
bindir="$CACHE/bin-$set_id"
mkdir -p "$bindir"
for target in "${BIN_LINKS[@]}"; do
  ln -sfn "../${target#"$CACHE/"}" "$bindir/${target##*/}"
done
log "done in $((SECONDS - START))s; bin dir: $bindir ($(du -shL "$bindir" | cut -f1))"
echo "$bindir"
