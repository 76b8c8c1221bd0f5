{{/* Chart name, or nameOverride. */}}
{{- define "todo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart> (or just the release when it already contains the chart name), max 63. */}}
{{- define "todo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: (dict "root" $ "component" "backend"). */}}
{{- define "todo.componentName" -}}
{{- printf "%s-%s" (include "todo.fullname" .root | trunc 52 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "todo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: the stable subset, never changed by an upgrade. */}}
{{- define "todo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every label: selector labels plus version, chart and ownership. */}}
{{- define "todo.labels" -}}
{{ include "todo.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: todo
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "todo.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata name, namespace, labels and common annotations of a component object. */}}
{{- define "todo.metadata" -}}
name: {{ include "todo.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "todo.labels" . | nindent 2 }}
{{- with .root.Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* registry/repository:tag or @digest; the tag defaults to appVersion. */}}
{{- define "todo.image" -}}
{{- $image := .image -}}
{{- $repository := ternary (printf "%s/%s" $image.registry $image.repository) $image.repository (ne $image.registry "") -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "todo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "todo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Pod settings shared by every pod of the chart. */}}
{{- define "todo.podDefaults" -}}
serviceAccountName: {{ include "todo.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Soft or hard anti-affinity across nodes: (dict "root" $ "component" "backend" "preset" "soft"). */}}
{{- define "todo.podAntiAffinity" -}}
{{- if eq .preset "soft" }}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "todo.selectorLabels" . | nindent 12 }}
{{- else if eq .preset "hard" }}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "todo.selectorLabels" . | nindent 10 }}
{{- end }}
{{- end -}}

{{/* An HTTP probe from values: (dict "probe" .Values.backend.livenessProbe "path" "/health"). */}}
{{- define "todo.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: http
{{- range $key := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "failureThreshold" }}
{{- if hasKey $.probe $key }}
{{ $key }}: {{ index $.probe $key }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Name of the Secret with the database password (in-chart PostgreSQL). */}}
{{- define "todo.postgresql.secretName" -}}
{{- default (include "todo.componentName" (dict "root" . "component" "db")) .Values.postgresql.auth.existingSecret -}}
{{- end -}}

{{/* Name of the Secret with DATABASE_URL (external database). */}}
{{- define "todo.externalDatabase.secretName" -}}
{{- default (include "todo.componentName" (dict "root" . "component" "db")) .Values.externalDatabase.existingSecret -}}
{{- end -}}

{{/* The database's ClusterIP Service: what clients connect to. */}}
{{- define "todo.postgresql.host" -}}
{{- include "todo.componentName" (dict "root" . "component" "postgresql") -}}
{{- end -}}

{{/* The StatefulSet's headless governing Service: the client Service's name plus -hl, max 63. */}}
{{- define "todo.postgresql.headlessName" -}}
{{- printf "%s-hl" (include "todo.postgresql.host" . | trunc 60 | trimSuffix "-") -}}
{{- end -}}

{{/*
The database environment of the API and its migrate init container. In-chart: a password-free URL
plus PGPASSWORD from the Secret (node-postgres reads it), so any password works unescaped.
*/}}
{{- define "todo.databaseEnv" -}}
{{- if .Values.postgresql.enabled }}
- name: DATABASE_URL
  value: {{ printf "postgres://%s@%s:5432/%s" .Values.postgresql.auth.username (include "todo.postgresql.host" .) .Values.postgresql.auth.database | quote }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "todo.postgresql.secretName" . }}
      key: {{ .Values.postgresql.auth.existingSecretPasswordKey }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "todo.externalDatabase.secretName" . }}
      key: {{ .Values.externalDatabase.existingSecretUrlKey }}
{{- end }}
{{- end -}}

{{/* Fails the render when values contradict each other, naming the value at fault. */}}
{{- define "todo.validateValues" -}}
{{- if and (not .Values.postgresql.enabled) (not .Values.externalDatabase.url) (not .Values.externalDatabase.existingSecret) -}}
{{- fail "postgresql.enabled is false: set externalDatabase.url or externalDatabase.existingSecret" -}}
{{- end -}}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) -}}
{{- fail "ingress.tls.enabled is true: set ingress.tls.secretName to a kubernetes.io/tls Secret" -}}
{{- end -}}
{{- if and .Values.metrics.prometheusRule.enabled (not .Values.metrics.serviceMonitor.enabled) -}}
{{- fail "metrics.prometheusRule.enabled is true: set metrics.serviceMonitor.enabled too (the alerts read the series its scrape produces)" -}}
{{- end -}}
{{- range $component := list "backend" "frontend" -}}
{{- $scaling := index $.Values $component "autoscaling" -}}
{{- if and $scaling.enabled (gt (int $scaling.minReplicas) (int $scaling.maxReplicas)) -}}
{{- fail (printf "%s.autoscaling.minReplicas (%v) is greater than maxReplicas (%v)" $component $scaling.minReplicas $scaling.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Pod annotations that roll the pods when their configuration changes. The secret checksum hashes
the values the Secret is made from, not the rendered Secret: a generated password is stable
across upgrades and must not roll the pods, while a new password or URL must.
*/}}
{{- define "todo.checksums" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap-" .component ".yaml") .root | sha256sum }}
checksum/secret: {{ list .root.Values.postgresql.enabled .root.Values.postgresql.auth .root.Values.externalDatabase | toJson | sha256sum }}
{{- end -}}
