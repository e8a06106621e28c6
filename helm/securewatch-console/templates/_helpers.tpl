{{/* Chart name, shortened to the 63 characters of a label value. */}}
{{- define "securewatch-console.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects: fullnameOverride, or the release name when it already contains the chart
name, or "<release>-<chart>"; at most 63 characters, as Kubernetes names and labels allow.
*/}}
{{- define "securewatch-console.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "securewatch-console.selectorLabels" -}}
app.kubernetes.io/name: {{ include "securewatch-console.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "securewatch-console.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "securewatch-console.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: console
app.kubernetes.io/part-of: securewatch
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "securewatch-console.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "securewatch-console.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: the digest when set, else the tag, which defaults to the chart's appVersion. */}}
{{- define "securewatch-console.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Secret name and key of a secret value {existingSecret, key, value}, as "name/key" on one line, or nothing when
both existingSecret and value are empty. A value stored by the chart lives in the release's own Secret under the
given generated key. Arguments: root context, the value object and the generated key.
*/}}
{{- define "securewatch-console.secretRef" -}}
{{- $root := index . 0 }}
{{- $secret := index . 1 }}
{{- $generatedKey := index . 2 }}
{{- if $secret.existingSecret }}
{{- printf "%s/%s" $secret.existingSecret $secret.key }}
{{- else if $secret.value }}
{{- printf "%s/%s" (include "securewatch-console.fullname" $root) $generatedKey }}
{{- end }}
{{- end }}

{{/*
An env entry that reads a secret value. Arguments: root context, the variable name, the value object, the
generated key and the value's path for the error message; with an empty path the entry is optional and left out
when the value is unset.
*/}}
{{- define "securewatch-console.secretEnv" -}}
{{- $root := index . 0 }}
{{- $variable := index . 1 }}
{{- $secret := index . 2 }}
{{- $generatedKey := index . 3 }}
{{- $path := index . 4 }}
{{- $ref := include "securewatch-console.secretRef" (list $root $secret $generatedKey) }}
{{- if $ref }}
- name: {{ $variable }}
  valueFrom:
    secretKeyRef:
      name: {{ index (splitList "/" $ref) 0 }}
      key: {{ index (splitList "/" $ref) 1 }}
{{- else if $path }}
{{- fail (printf "%s: set existingSecret (the name of a Secret holding it) or value" $path) }}
{{- end }}
{{- end }}

{{/* Values stored in the release's own Secret: generated key to value. */}}
{{- define "securewatch-console.generatedSecrets" -}}
{{- $entries := dict }}
{{- $secret := .Values.oidc.clientSecret }}
{{- if and .Values.oidc.enabled (not $secret.existingSecret) $secret.value }}
{{- $_ := set $entries "oidc-client-secret" $secret.value }}
{{- end }}
{{- toYaml $entries }}
{{- end }}
