{{/*
Names. Kept to 63 characters because they end up in labels and DNS names.
*/}}
{{- define "gpushift.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name alone when it already contains the chart name (e.g. "gpushift"). */}}
{{- define "gpushift.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "gpushift.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: must never change between upgrades (Deployment selectors are immutable). */}}
{{- define "gpushift.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gpushift.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gpushift.labels" -}}
helm.sh/chart: {{ include "gpushift.chart" . }}
{{ include "gpushift.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: gpushift
{{- end }}

{{- define "gpushift.serviceAccountName" -}}
{{- default (include "gpushift.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{- define "gpushift.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Refuse combinations the schema cannot express. Two replicas without leader election
would both reconcile and could promise one GPU twice.
*/}}
{{- define "gpushift.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail "replicaCount > 1 requires leaderElection.enabled=true: two active operators could promise one GPU twice" }}
{{- end }}
{{- end }}
