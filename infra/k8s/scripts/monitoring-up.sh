#!/usr/bin/env bash
# Starts monitoring on the project's cluster (todo-local): the Prometheus Operator with its CRDs
# and one Prometheus, both from binaries built from the Go module proxy
# (infra/k8s/scripts/build-binaries.sh monitoring) and packed into local images; nothing is pulled.
# Prometheus selects ServiceMonitors and PrometheusRules labelled
# `release: kube-prometheus-stack` in every namespace, as kube-prometheus-stack does.
# Idempotent: a second run only checks. Its API: `kubectl get --raw
# /api/v1/namespaces/monitoring/services/prometheus-operated:9090/proxy/api/v1/query?query=up`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
need_root "it imports images into the cluster's containerd"

export MONITORING_NAMESPACE="${TODO_MONITORING_NAMESPACE:-monitoring}"
export MONITORING_RELEASE="${TODO_MONITORING_RELEASE:-kube-prometheus-stack}"
export PROMETHEUS_VERSION
OPERATOR_IMAGE="localhost/todo-cluster/prometheus-operator:${PROMETHEUS_OPERATOR_VERSION}"
RELOADER_IMAGE="localhost/todo-cluster/prometheus-config-reloader:${PROMETHEUS_OPERATOR_VERSION}"
export PROMETHEUS_IMAGE="localhost/todo-cluster/prometheus:${PROMETHEUS_VERSION}"

require_running_cluster
docker info >/dev/null 2>&1 || fail "the Docker daemon is not running (tools/test-services/docker.sh starts it): images are packed with docker"

say "Building the monitoring binaries (cached per version)"
MONITORING_BIN=$(bash "$ROOT_DIR/infra/k8s/scripts/build-binaries.sh" monitoring) ||
  fail "building the monitoring binaries failed (see the log above)"
# The operator's CRDs and its RBAC ship in its Go module, already in the module cache.
OPERATOR_DIR=$(cd / && go mod download -json "github.com/prometheus-operator/prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}" |
  jq -er .Dir) || fail "the prometheus-operator ${PROMETHEUS_OPERATOR_VERSION} module is not in the Go module cache"

# The official images keep their binaries in /bin, and the operator mounts the data volume at
# /prometheus: the same layout here.
pack_image "$OPERATOR_IMAGE" "$MONITORING_BIN/operator" /bin
pack_image "$RELOADER_IMAGE" "$MONITORING_BIN/prometheus-config-reloader" /bin
pack_image "$PROMETHEUS_IMAGE" "$MONITORING_BIN/prometheus" /bin
for image in "$OPERATOR_IMAGE" "$RELOADER_IMAGE" "$PROMETHEUS_IMAGE"; do
  import_image "$BIN" "$image"
done

say "Applying the Prometheus Operator ${PROMETHEUS_OPERATOR_VERSION}: CRDs, RBAC, Deployment (namespace $MONITORING_NAMESPACE)"
kube create namespace "$MONITORING_NAMESPACE" --dry-run=client -o yaml | kube apply -f - >/dev/null
# Server-side: some CRDs are larger than the annotation client-side apply keeps.
kube apply --server-side --force-conflicts -f "$OPERATOR_DIR/example/prometheus-operator-crd/" >/dev/null ||
  fail "applying the operator's CRDs failed"
kube wait --for=condition=Established --timeout=60s -f "$OPERATOR_DIR/example/prometheus-operator-crd/" >/dev/null
# Upstream's example manifests, moved to our namespace and images. No kubelet Service: nothing
# here scrapes the kubelet.
for file in service-account cluster-role cluster-role-binding deployment service; do
  sed -e "s|namespace: default|namespace: $MONITORING_NAMESPACE|" \
    -e "s|quay.io/prometheus-operator/prometheus-operator:${PROMETHEUS_OPERATOR_VERSION}|$OPERATOR_IMAGE|" \
    -e "s|quay.io/prometheus-operator/prometheus-config-reloader:${PROMETHEUS_OPERATOR_VERSION}|$RELOADER_IMAGE|" \
    -e '/--kubelet-service=/d' -e '/--kubelet-endpoints=/d' -e '/--kubelet-endpointslice=/d' \
    "$OPERATOR_DIR/example/rbac/prometheus-operator/prometheus-operator-$file.yaml"
  echo ---
done | kube apply -f - >/dev/null || fail "applying the operator failed"
kube -n "$MONITORING_NAMESPACE" rollout status deployment/prometheus-operator --timeout=120s >/dev/null ||
  fail "the operator did not become ready; see: kubectl -n $MONITORING_NAMESPACE logs deploy/prometheus-operator"

say "Applying Prometheus ${PROMETHEUS_VERSION} ($MONITORING_NAMESPACE/$MONITORING_RELEASE)"
render "$ROOT_DIR/infra/k8s/monitoring/prometheus.yaml" | kube apply -f - >/dev/null ||
  fail "applying infra/k8s/monitoring/prometheus.yaml failed"
wait_for "Prometheus to be ready" 180 kube get --raw \
  "/api/v1/namespaces/$MONITORING_NAMESPACE/services/prometheus-operated:9090/proxy/-/ready" ||
  fail "Prometheus did not become ready; see: kubectl -n $MONITORING_NAMESPACE describe prometheus $MONITORING_RELEASE"
ok "Monitoring is up: Prometheus selects ServiceMonitors labelled release=$MONITORING_RELEASE"
