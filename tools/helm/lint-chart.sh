#!/usr/bin/env bash
# `helm lint --strict` of infra/helm/todo with its defaults and with every ci/*-values.yaml, under
# Helm 3 and Helm 4, for Kubernetes 1.34. Fails on the first variant that does not lint.
#   tools/helm/lint-chart.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf ' • %s\n' "$*" >&2; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

chart=infra/helm/todo
for major in 3 4; do
  helm=$(bash tools/helm/install-helm.sh "$major")
  for values in "" "$chart"/ci/*-values.yaml; do
    say "helm $major lint --strict ${values:-(defaults)}"
    "$helm" lint "$chart" --strict --quiet --kube-version 1.34.0 ${values:+--values "$values"} >/dev/null ||
      fail "helm $major lint --strict failed for ${values:-the defaults}: run it without --quiet to see why"
  done
done
say "the chart lints with Helm 3 and Helm 4"
