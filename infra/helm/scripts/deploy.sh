#!/usr/bin/env bash
# Installs or upgrades the chart into the current kube context with the exact images the
# docker-build targets produced (infra/docker/scripts/image-ref.sh), and waits until everything
# is Ready.
#   infra/helm/scripts/deploy.sh            the whole chart with both images   (nx run infra:deploy)
#   infra/helm/scripts/deploy.sh backend    only the API's new image, into the  (nx run backend:deploy)
#   infra/helm/scripts/deploy.sh frontend   existing release; all else stays    (nx run frontend:deploy)
#   TODO_HELM_VALUES=a.yaml,b.yaml infra/helm/scripts/deploy.sh   extra values files
#   TODO_REGISTRY=host:port              the images are pulled from that registry (push-image.sh)
# On the project's cluster (context todo-local) the default is ci/todo-local-values.yaml.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/shell/lib.sh"
cd "$ROOT_DIR"

release="${TODO_RELEASE:-todo}"
namespace="${TODO_NAMESPACE:-todo}"
only="${1:-}"
case "$only" in
  "") apps=(backend frontend) ;;
  backend | frontend) apps=("$only") ;;
  *) fail "usage: $0 [backend|frontend]" ;;
esac
args=()
images=()
for app in "${apps[@]}"; do
  image=$(bash infra/docker/scripts/image-ref.sh "$app")
  images+=("$image")
  args+=(--set "${app}.image.repository=${image%:*}" --set-string "${app}.image.tag=${image##*:}")
  args+=(--set "${app}.image.registry=${TODO_REGISTRY:-}")
  # From a registry the node pulls the image (values files for loaded images may say Never).
  [ -z "${TODO_REGISTRY:-}" ] || args+=(--set "${app}.image.pullPolicy=IfNotPresent")
done
helm=$(bash infra/helm/scripts/install-helm.sh 3)
kubectl=${TODO_KUBECTL:-$(bash infra/k8s/scripts/install-kubectl.sh)}
context=$("$kubectl" config current-context 2>/dev/null) ||
  fail "no current kube context: start a cluster first (minikube start, or npx nx run cluster:up)"
on_failure="see \"kubectl -n $namespace get pods\" and \"kubectl -n $namespace get events\""

if [ -n "$only" ]; then
  # One app's image into the release as it is: every other value (the other image, the
  # cluster's values file, --set overrides) is kept, so only this app's pods roll.
  "$helm" status "$release" -n "$namespace" >/dev/null 2>&1 ||
    fail "release $release is not installed in $context/$namespace: run \"npx nx run infra:deploy\" first (it installs the whole chart)"
  say "helm upgrade $release in $context/$namespace: $only image ${images[0]}${TODO_REGISTRY:+ from $TODO_REGISTRY}"
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
ok "deployed: $("$helm" status "$release" -n "$namespace" -o json | node -e 'const s=JSON.parse(require("fs").readFileSync(0));console.log(`revision ${s.version}, ${s.info.status}`)')"
