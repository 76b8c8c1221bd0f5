#!/usr/bin/env bash
# `helm lint --strict` of infra/helm/todo with its defaults and with every ci/*-values.yaml, under
# Helm 3 and Helm 4, for Kubernetes 1.34. Fails on the first variant that does not lint.
#   infra/helm/scripts/lint-chart.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"

chart=infra/helm/todo
for major in 3 4; do
  helm=$(bash infra/helm/scripts/install-helm.sh "$major")
  for values in "" "$chart"/ci/*-values.yaml; do
    say "helm $major lint --strict ${values:-(defaults)}"
    "$helm" lint "$chart" --strict --quiet --kube-version 1.34.0 ${values:+--values "$values"} >/dev/null ||
      fail "helm $major lint --strict failed for ${values:-the defaults}: run it without --quiet to see why"
  done
done
ok "the chart lints with Helm 3 and Helm 4"
