#!/usr/bin/env bash
# Uninstalls the release. The database volume and its password Secret stay (resource-policy
# keep), so a later deploy finds the data; `kubectl delete namespace todo` removes everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
release="${TODO_RELEASE:-todo}"
namespace="${TODO_NAMESPACE:-todo}"
helm=$(bash tools/helm/install-helm.sh 3)
printf ' • helm uninstall %s -n %s\n' "$release" "$namespace" >&2
"$helm" uninstall "$release" --namespace "$namespace" --wait --ignore-not-found
