#!/usr/bin/env bash
# Creates the cluster's certificate authority, the component certificates, the service-account
# signing key and the kubeconfigs, once: existing files are kept, so a restart keeps trusting
# the same CA. Called by cluster-up.sh.
#   infra/k8s/scripts/cluster-pki.sh KUBECTL
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
KUBECTL=${1:?usage: cluster-pki.sh KUBECTL}
command -v openssl >/dev/null || fail "openssl is missing (apt-get install openssl)"
mkdir -p "$PKI_DIR" "$KUBECONFIG_DIR"
chmod 700 "$PKI_DIR"
cd "$PKI_DIR"

if [ ! -f ca.crt ]; then
  say "Creating the cluster CA"
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
  openssl req -x509 -new -key ca.key -subj "/CN=${CLUSTER_NAME}-ca" -days 3650 -out ca.crt \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
fi

# cert NAME SUBJECT USAGE [SUBJECT_ALT_NAMES]
cert() {
  local name=$1 subject=$2 usage=$3 sans=${4:-}
  [ -f "$name.crt" ] && return 0
  openssl ecparam -name prime256v1 -genkey -noout -out "$name.key" 2>/dev/null
  local ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=$usage"
  [ -z "$sans" ] || ext+=$'\n'"subjectAltName=$sans"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
    -extfile <(printf '%s\n' "$ext") -out "$name.crt" 2>/dev/null
  rm -f "$name.csr"
}

say "Certificates in $PKI_DIR"
cert kube-apiserver "/CN=kube-apiserver" serverAuth \
  "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.${CLUSTER_DOMAIN},DNS:localhost,IP:127.0.0.1,IP:${NODE_IP},IP:${API_SERVICE_IP}"
cert kubelet-serving "/CN=${CLUSTER_NAME}" serverAuth "DNS:${CLUSTER_NAME},IP:${NODE_IP}"
cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
cert admin "/O=system:masters/CN=${CLUSTER_NAME}-admin" clientAuth
cert kube-controller-manager "/CN=system:kube-controller-manager" clientAuth
cert kube-scheduler "/CN=system:kube-scheduler" clientAuth
cert kubelet "/O=system:nodes/CN=system:node:${CLUSTER_NAME}" clientAuth
cert kube-proxy "/CN=system:kube-proxy" clientAuth
cert kube-router "/CN=kube-router" clientAuth
if [ ! -f service-account.key ]; then
  openssl genrsa -out service-account.key 2048 2>/dev/null
  openssl rsa -in service-account.key -pubout -out service-account.pub 2>/dev/null
fi
chmod 600 ./*.key

# One kubeconfig per client certificate, made once.
for user in kube-controller-manager kube-scheduler kubelet kube-proxy kube-router; do
  [ -f "$KUBECONFIG_DIR/$user.kubeconfig" ] || write_context "$KUBECTL" "$KUBECONFIG_DIR/$user.kubeconfig" "$user"
done
[ -f "$CLUSTER_KUBECONFIG" ] || write_context "$KUBECTL" "$CLUSTER_KUBECONFIG" admin
