#!/usr/bin/env bash
# Uninstalls the release. The database volume and its password Secret stay (resource-policy
# keep), so a later deploy finds the data; `kubectl delete namespace todo` removes everything.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"
release="${TODO_RELEASE:-todo}"
namespace="${TODO_NAMESPACE:-todo}"
helm=$(bash infra/helm/scripts/install-helm.sh 3)
say "helm uninstall $release -n $namespace"
"$helm" uninstall "$release" --namespace "$namespace" --wait --ignore-not-found
