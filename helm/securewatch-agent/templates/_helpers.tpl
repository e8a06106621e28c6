{{/* Chart name, shortened to the 63 characters of a label value. */}}
{{- define "securewatch-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects: fullnameOverride, or the release name when it already contains the chart
name, or "<release>-<chart>"; at most 63 characters, as Kubernetes names and labels allow.
*/}}
{{- define "securewatch-agent.fullname" -}}
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

{{- define "securewatch-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "securewatch-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "securewatch-agent.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "securewatch-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: agent
app.kubernetes.io/part-of: securewatch
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "securewatch-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "securewatch-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: the digest when set, else the tag, which defaults to the chart's appVersion. */}}
{{- define "securewatch-agent.image" -}}
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
{{- define "securewatch-agent.secretRef" -}}
{{- $root := index . 0 }}
{{- $secret := index . 1 }}
{{- $generatedKey := index . 2 }}
{{- if $secret.existingSecret }}
{{- printf "%s/%s" $secret.existingSecret $secret.key }}
{{- else if $secret.value }}
{{- printf "%s/%s" (include "securewatch-agent.fullname" $root) $generatedKey }}
{{- end }}
{{- end }}

{{/*
An optional env entry that reads a secret value, left out when the value is unset. With optional set, the pod also
starts when the Secret is missing. Arguments: root context, the variable name, the value object, the generated key
and whether the Secret may be missing.
*/}}
{{- define "securewatch-agent.secretEnv" -}}
{{- $root := index . 0 }}
{{- $variable := index . 1 }}
{{- $secret := index . 2 }}
{{- $generatedKey := index . 3 }}
{{- $optional := index . 4 }}
{{- $ref := include "securewatch-agent.secretRef" (list $root $secret $generatedKey) }}
{{- if $ref }}
- name: {{ $variable }}
  valueFrom:
    secretKeyRef:
      name: {{ index (splitList "/" $ref) 0 }}
      key: {{ index (splitList "/" $ref) 1 }}
      {{- if $optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/* Values stored in the release's own Secret: generated key to value. */}}
{{- define "securewatch-agent.generatedSecrets" -}}
{{- $entries := dict }}
{{- if and (not .Values.registrationToken.existingSecret) .Values.registrationToken.value }}
{{- $_ := set $entries "registration-token" .Values.registrationToken.value }}
{{- end }}
{{- if and (not .Values.consul.token.existingSecret) .Values.consul.token.value }}
{{- $_ := set $entries "consul-token" .Values.consul.token.value }}
{{- end }}
{{- toYaml $entries }}
{{- end }}

{{/* Name of the state directory's PersistentVolumeClaim. */}}
{{- define "securewatch-agent.claimName" -}}
{{- default (printf "%s-state" (include "securewatch-agent.fullname" .)) .Values.state.persistence.existingClaim }}
{{- end }}

{{/*
Rules for writing the namespaced kinds the agent manages. It replaces objects whole (update, never patch) and
deletes those that leave the desired state; it never watches.
*/}}
{{- define "securewatch-agent.writeRules" -}}
- apiGroups: [""]
  resources: [resourcequotas, limitranges, services]
  verbs: [create, update, delete]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [create, update, delete]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [create, update, delete]
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [create, update, delete]
{{- end }}
