#!/usr/bin/env bash
# Installs or upgrades the chart into the current kube context with the exact image tags the
# docker-build targets produced (dist/images/<app>.tag), and waits until everything is Ready.
#   tools/helm/deploy.sh            the whole chart with both images       (nx run infra:deploy)
#   tools/helm/deploy.sh backend    only the API's new image, into the      (nx run backend:deploy)
#   tools/helm/deploy.sh frontend   existing release; all else stays as is  (nx run frontend:deploy)
#   TODO_HELM_VALUES=a.yaml,b.yaml tools/helm/deploy.sh   extra values files, e.g. a cluster's
# On the project's cluster (context todo-local) the default is ci/todo-local-values.yaml.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf ' • %s\n' "$*" >&2; }
fail() { printf ' ✗ %s\n' "$*" >&2; exit 1; }

release="${TODO_RELEASE:-todo}"
namespace="${TODO_NAMESPACE:-todo}"
only="${1:-}"
case "$only" in
  "") apps=(backend frontend) ;;
  backend | frontend) apps=("$only") ;;
  *) fail "usage: $0 [backend|frontend]" ;;
esac
args=()
for app in "${apps[@]}"; do
  tag_file="dist/images/${app}.tag"
  [ -f "$tag_file" ] || fail "$tag_file is missing: run \"npx nx run ${app}:docker-build\" first"
  image=$(cat "$tag_file")
  args+=(--set "${app}.image.repository=${image%:*}" --set "${app}.image.tag=${image##*:}")
done
helm=$(bash tools/helm/install-helm.sh 3)
kubectl=${TODO_KUBECTL:-$(bash tools/kubernetes/install-kubectl.sh)}
context=$("$kubectl" config current-context 2>/dev/null) ||
  fail "no current kube context: start a cluster first (minikube start, or npx nx run infra:cluster-up)"
on_failure="see \"kubectl -n $namespace get pods\" and \"kubectl -n $namespace get events\""

if [ -n "$only" ]; then
  # One app's image into the release as it is: every other value (the other image, the
  # cluster's values file, --set overrides) is kept, so only this app's pods roll.
  "$helm" status "$release" -n "$namespace" >/dev/null 2>&1 ||
    fail "release $release is not installed in $context/$namespace: run \"npx nx run infra:deploy\" first (it installs the whole chart)"
  say "helm upgrade $release in $context/$namespace: $only image $(cat "dist/images/$only.tag")"
  "$helm" upgrade "$release" infra/helm/todo --namespace "$namespace" --reset-then-reuse-values \
    --wait --timeout "${TODO_DEPLOY_TIMEOUT:-5m}" "${args[@]}" || fail "helm upgrade failed: $on_failure"
else
  # The project's own cluster has its own ingress class, storage class and database image.
  values_files="${TODO_HELM_VALUES-}"
  if [ -z "$values_files" ] && [ "$context" = todo-local ]; then
    values_files=infra/helm/todo/ci/todo-local-values.yaml
  fi
  IFS=',' read -r -a extra <<<"$values_files"
  for file in "${extra[@]}"; do
    [ -f "$file" ] || fail "TODO_HELM_VALUES names $file, which does not exist"
    say "values: $file"
    args+=(--values "$file")
  done
  say "helm upgrade --install $release into $context/$namespace"
  "$helm" upgrade --install "$release" infra/helm/todo --namespace "$namespace" --create-namespace \
    --wait --timeout "${TODO_DEPLOY_TIMEOUT:-5m}" "${args[@]}" ||
    fail "helm upgrade --install failed: $on_failure"
fi
say "deployed: $("$helm" status "$release" -n "$namespace" -o json | node -e 'const s=JSON.parse(require("fs").readFileSync(0));console.log(`revision ${s.version}, ${s.info.status}`)')"
