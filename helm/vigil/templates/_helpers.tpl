{{/*
Named templates of the Vigil chart. Every one is prefixed "vigil.".

Per-service templates take a context dict, (dict "root" $ "key" $key "svc" $svc):
  root: the chart's root context ($)
  key:  the service's key under .Values.services (e.g. "keyService")
  svc:  .Values.services.<key>
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "vigil.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name prefix: fullnameOverride, the release name when it contains the chart
name, or "<release>-<chart>". */}}
{{- define "vigil.fullname" -}}
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

{{/* Value of the helm.sh/chart label. */}}
{{- define "vigil.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The keys of .Values.services, in render order, space-separated. */}}
{{- define "vigil.serviceKeys" -}}
gateway keyService backupService accessReviewService auditLogService
{{- end }}

{{/* The services that need the Kubernetes API (ServiceAccount token, Role, API egress). */}}
{{- define "vigil.kubernetesApiServiceKeys" -}}
gateway keyService
{{- end }}

{{/* Service name as deployed, e.g. "key-service" for key keyService. */}}
{{- define "vigil.serviceName" -}}
{{- kebabcase .key }}
{{- end }}

{{/* Resource name of one service, e.g. "vigil-key-service". */}}
{{- define "vigil.componentFullname" -}}
{{- printf "%s-%s" (include "vigil.fullname" .root) (include "vigil.serviceName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Value of app.kubernetes.io/name for one service, e.g. "vigil-key-service". */}}
{{- define "vigil.componentName" -}}
{{- printf "%s-%s" (include "vigil.name" .root) (include "vigil.serviceName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The image tag: image.tag, or the chart's appVersion. */}}
{{- define "vigil.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Labels shared by every resource of the release (no service-specific ones). */}}
{{- define "vigil.commonLabels" -}}
helm.sh/chart: {{ include "vigil.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "vigil.imageTag" . | quote }}
app.kubernetes.io/part-of: {{ include "vigil.name" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one service: only name and instance. */}}
{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil.componentName" . }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* All labels of one service's resources. */}}
{{- define "vigil.labels" -}}
helm.sh/chart: {{ include "vigil.chart" .root }}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/version: {{ include "vigil.imageTag" .root | quote }}
app.kubernetes.io/component: {{ include "vigil.serviceName" . }}
app.kubernetes.io/part-of: {{ include "vigil.name" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Labels that pick every Vigil pod of this release (NetworkPolicies only). */}}
{{- define "vigil.releasePodLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: {{ include "vigil.name" . }}
{{- end }}

{{/* Container image of one service: registry/prefix+name, then @digest or :tag. */}}
{{- define "vigil.image" -}}
{{- $image := .root.Values.image }}
{{- $repository := printf "%s%s" $image.repositoryPrefix (include "vigil.serviceName" .) }}
{{- if $image.registry }}
{{- $repository = printf "%s/%s" $image.registry $repository }}
{{- end }}
{{- if .svc.imageDigest }}
{{- printf "%s@%s" $repository .svc.imageDigest }}
{{- else }}
{{- printf "%s:%s" $repository (include "vigil.imageTag" .root) }}
{{- end }}
{{- end }}

{{/* ServiceAccount name of one service. */}}
{{- define "vigil.serviceAccountName" -}}
{{- include "vigil.componentFullname" . }}
{{- end }}

{{/* Whether one service talks to the Kubernetes API ("true" or ""): the gateway and key-service
always, backup-service when it reads target passwords from Secrets (rbac.passwordSecrets) or
CloudNativePG objects (cnpg.namespaces). */}}
{{- define "vigil.needsKubernetesApi" -}}
{{- if has .key (splitList " " (include "vigil.kubernetesApiServiceKeys" .root)) }}true
{{- else if and (eq .key "backupService") (or .svc.rbac.passwordSecrets .svc.cnpg.namespaces) }}true
{{- end }}
{{- end }}

{{/* automountServiceAccountToken of one service ("true" or "false"): serviceAccount.automountToken,
or true when backup-service reads target passwords from Secrets or CloudNativePG objects. */}}
{{- define "vigil.automountToken" -}}
{{- if or .svc.serviceAccount.automountToken (and (eq .key "backupService") (or .svc.rbac.passwordSecrets .svc.cnpg.namespaces)) }}true{{ else }}false{{ end }}
{{- end }}

{{/* Where access-review-service finds its Graph certificate and private key. */}}
{{- define "vigil.graphCertificateDir" -}}/etc/vigil/graph-certificate{{- end }}

{{/* Whether access-review-service mounts a Graph certificate Secret ("true" or empty). */}}
{{- define "vigil.graphCertificateMounted" -}}
{{- if and (eq .key "accessReviewService") .svc.graph.clientId (eq .svc.graph.credential "certificate") .svc.graph.certificate.existingSecret }}true{{ end }}
{{- end }}

{{/* Whether the pods use AKS workload identity ("true" or empty). */}}
{{- define "vigil.workloadIdentity" -}}
{{- if and (eq .key "backupService") (eq .svc.storage.kind "azure-blob") (eq .svc.storage.azure.auth "workload-identity") }}true
{{- else if and (eq .key "accessReviewService") (eq .svc.graph.credential "workload-identity") }}true{{ end }}
{{- end }}

{{/* Where backup-service finds its key-encryption keyset, backups and restore work files. */}}
{{- define "vigil.backupKekDir" -}}/etc/vigil/backup-kek{{- end }}
{{- define "vigil.backupStorageDir" -}}/var/lib/vigil/backups{{- end }}
{{- define "vigil.restoreWorkDir" -}}/var/lib/vigil/restore-work{{- end }}

{{/* Name of backup-service's backup volume claim: storage.existingClaim or "<fullname>-backup-storage". */}}
{{- define "vigil.backupStorageClaim" -}}
{{- .svc.storage.existingClaim | default (printf "%s-backup-storage" (include "vigil.fullname" .root) | trunc 63 | trimSuffix "-") }}
{{- end }}

{{/* Fails the render, naming the value, when a required value is empty. Renders nothing.
(helm lint only logs missing required values.) */}}
{{- define "vigil.validateValues" -}}
{{- $_ := required "oidc.tenantId is required: set it to your Microsoft Entra ID tenant ID (--set oidc.tenantId=...)" .Values.oidc.tenantId }}
{{- $_ = required "oidc.clientId is required: set it to the client ID of the Vigil API app registration (--set oidc.clientId=...)" .Values.oidc.clientId }}
{{- $_ = required "database.host is required: set it to the host name of your PostgreSQL server (--set database.host=...)" .Values.database.host }}
{{- $_ = required "kafka.bootstrapServers is required: set it to your Kafka bootstrap servers (--set kafka.bootstrapServers=kafka:9092)" .Values.kafka.bootstrapServers }}
{{- $secretNeeded := false }}
{{- range $key := splitList " " (include "vigil.serviceKeys" .) }}
{{- $svc := index $.Values.services $key }}
{{- if and $svc.enabled (not $svc.database.existingSecret) }}
{{- $secretNeeded = true }}
{{- end }}
{{- end }}
{{- if $secretNeeded }}
{{- $_ = required "database.existingSecret is required: name an existing Secret that holds the services' runtime database passwords (--set database.existingSecret=...)" .Values.database.existingSecret }}
{{- end }}
{{- $_ = required "database.migrations.existingSecret is required: name an existing Secret that holds the migration roles' passwords, which only the migration Jobs get (--set database.migrations.existingSecret=...)" .Values.database.migrations.existingSecret }}
{{- $roles := dict }}
{{- range $key := splitList " " (include "vigil.serviceKeys" .) }}
{{- $db := (index $.Values.services $key).database }}
{{- range $field := list "user" "owner" "migrationUser" "pruneRole" }}
{{- with index $db $field }}
{{- if hasKey $roles . }}
{{- fail (printf "services.%s.database.%s is %s, which %s already uses: every service needs its own database roles" $key $field . (get $roles .)) }}
{{- end }}
{{- $_ := set $roles . (printf "services.%s.database.%s" $key $field) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.services.auditLogService.enabled }}
{{- $_ = required "services.auditLogService.checkpoint.existingSecret is required: name an existing Secret with the Ed25519 checkpoint signing key (keys private-key and public-key, docs/operations.md#database-roles-and-key-pinning); audit-log-service does not start without it (--set services.auditLogService.checkpoint.existingSecret=vigil-audit-checkpoint-key)" .Values.services.auditLogService.checkpoint.existingSecret }}
{{- end }}
{{- $access := .Values.services.accessReviewService }}
{{- if $access.enabled }}
{{- $graph := $access.graph }}
{{- if not (has $graph.credential (list "client-secret" "certificate" "workload-identity")) }}
{{- fail (printf "services.accessReviewService.graph.credential %s is not supported: use client-secret, certificate or workload-identity" $graph.credential) }}
{{- end }}
{{- if and (eq $graph.credential "certificate") $graph.clientId }}
{{- $_ = required "services.accessReviewService.graph.certificate.existingSecret is required for credential certificate: name the Secret holding the app registration's certificate and PKCS#8 private key (--set services.accessReviewService.graph.certificate.existingSecret=vigil-graph-certificate)" $graph.certificate.existingSecret }}
{{- end }}
{{- if eq $graph.credential "workload-identity" }}
{{- $_ = required "services.accessReviewService.graph.clientId is required for credential workload-identity: the ServiceAccount is annotated with it (--set services.accessReviewService.graph.clientId=...)" $graph.clientId }}
{{- end }}
{{- end }}
{{- $backup := .Values.services.backupService }}
{{- if $backup.enabled }}
{{- $_ = required "services.backupService.encryption.kekSecret is required: name an existing Secret that holds the backup key-encryption keyset, created with backup-recovery's new-keyset (k8s/README.md); backup-service does not start without it (--set services.backupService.encryption.kekSecret=vigil-backup-kek)" $backup.encryption.kekSecret }}
{{- if not (has $backup.storage.kind (list "filesystem" "s3" "azure-blob")) }}
{{- fail (printf "services.backupService.storage.kind %s is not supported: use filesystem, s3 or azure-blob" $backup.storage.kind) }}
{{- end }}
{{- if eq $backup.storage.kind "s3" }}
{{- $_ = required "services.backupService.storage.s3.bucket is required for storage.kind s3 (--set services.backupService.storage.s3.bucket=...)" $backup.storage.s3.bucket }}
{{- end }}
{{- if eq $backup.storage.kind "azure-blob" }}
{{- $_ = required "services.backupService.storage.azure.container is required for storage.kind azure-blob (--set services.backupService.storage.azure.container=...)" $backup.storage.azure.container }}
{{- if eq $backup.storage.azure.auth "connection-string" }}
{{- $_ = required "services.backupService.storage.azure.existingSecret is required for auth connection-string: name the Secret holding the connection string" $backup.storage.azure.existingSecret }}
{{- else if eq $backup.storage.azure.auth "workload-identity" }}
{{- $_ = required "services.backupService.storage.azure.endpoint is required for auth workload-identity (https://<account>.blob.core.windows.net)" $backup.storage.azure.endpoint }}
{{- else }}
{{- fail (printf "services.backupService.storage.azure.auth %s is not supported: use workload-identity or connection-string" $backup.storage.azure.auth) }}
{{- end }}
{{- end }}
{{- if and (eq $backup.storage.kind "filesystem") (gt (int $backup.replicas) 1) (ne $backup.storage.accessMode "ReadWriteMany") }}
{{- fail (printf "services.backupService.replicas is %d but services.backupService.storage.accessMode is %s: every replica mounts the same backup volume, so more than one replica requires a ReadWriteMany volume (--set services.backupService.storage.accessMode=ReadWriteMany with a storage class that supports it, or --set services.backupService.replicas=1)" (int $backup.replicas) $backup.storage.accessMode) }}
{{- end }}
{{- if and $backup.restoreServer.existingSecret (not $backup.restoreServer.existingSecretPasswordKey) }}
{{- fail "services.backupService.restoreServer.existingSecretPasswordKey is required when restoreServer.existingSecret is set: name the key of the restore role's password in that Secret (--set services.backupService.restoreServer.existingSecretPasswordKey=...)" }}
{{- end }}
{{- $namespaces := list }}
{{- range $backup.rbac.passwordSecrets }}
{{- $namespace := .namespace | default $.Release.Namespace }}
{{- if has $namespace $namespaces }}
{{- fail (printf "services.backupService.rbac.passwordSecrets names namespace %s more than once: list all of its Secrets in one entry" $namespace) }}
{{- end }}
{{- $namespaces = append $namespaces $namespace }}
{{- end }}
{{- end }}
{{- end }}

{{/* The environment of one service's container. */}}
{{- define "vigil.env" -}}
{{- $values := .root.Values }}
{{- $db := .svc.database -}}
- name: VIGIL_DB_HOST
  value: {{ $values.database.host | quote }}
- name: VIGIL_DB_PORT
  value: {{ $values.database.port | quote }}
- name: VIGIL_DB_NAME
  value: {{ $db.name | quote }}
- name: VIGIL_DB_USER
  value: {{ $db.user | quote }}
- name: VIGIL_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret | default $values.database.existingSecret | quote }}
      key: {{ $db.existingSecretPasswordKey | quote }}
# Migrations run in the pre-install/pre-upgrade Job as the schema owner, never from this pod.
- name: QUARKUS_FLYWAY_MIGRATE_AT_START
  value: "false"
{{- if eq .key "auditLogService" }}
{{- $checkpoint := .svc.checkpoint }}
- name: VIGIL_AUDIT_DB_APP_USER
  value: {{ $db.user | quote }}
- name: VIGIL_AUDIT_DB_APP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret | default $values.database.existingSecret | quote }}
      key: {{ $db.existingSecretPasswordKey | quote }}
- name: VIGIL_AUDIT_DB_PRUNE_ROLE
  value: {{ $db.pruneRole | quote }}
- name: VIGIL_AUDIT_CHECKPOINT_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $checkpoint.existingSecret | quote }}
      key: {{ $checkpoint.privateKeyKey | quote }}
- name: VIGIL_AUDIT_CHECKPOINT_PUBLIC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $checkpoint.existingSecret | quote }}
      key: {{ $checkpoint.publicKeyKey | quote }}
{{- with $checkpoint.trustedPublicKeys }}
- name: VIGIL_AUDIT_CHECKPOINT_TRUSTED_PUBLIC_KEYS
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- with .svc.fingerprintPepperKey }}
- name: VIGIL_KEYS_FINGERPRINT_PEPPER
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret | default $values.database.existingSecret | quote }}
      key: {{ . | quote }}
{{- end }}
{{- if eq .key "gateway" }}
{{- range $route, $key := dict "KEYS" "keyService" "BACKUPS" "backupService" "ACCESS_REVIEWS" "accessReviewService" "AUDIT" "auditLogService" }}
- name: VIGIL_ROUTES_{{ $route }}
  value: {{ printf "http://%s:8080" (include "vigil.componentFullname" (dict "root" $.root "key" $key)) | quote }}
{{- end }}
- name: VIGIL_POSTURE_NAMESPACES
  value: {{ join "," (.svc.rbac.postureNamespaces | default (list $.root.Release.Namespace)) | quote }}
{{- with .svc.posture.httpsProbeUrl }}
- name: VIGIL_POSTURE_HTTPS_PROBE_URL
  value: {{ . | quote }}
{{- end }}
{{- with .svc.trustedProxies }}
- name: VIGIL_EDGE_TRUSTED_PROXIES
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if eq .key "keyService" }}
- name: VIGIL_KEYS_RELEASE_NAMESPACE
  value: {{ .root.Release.Namespace | quote }}
{{- end }}
{{- if .svc.kubeconfigSecret }}
- name: VIGIL_KEYS_KUBECONFIG
  value: /etc/vigil/kubeconfig/kubeconfig
{{- end }}
{{- if eq .key "backupService" }}
{{- $restore := .svc.restoreServer }}
- name: VIGIL_BACKUPS_ENCRYPTION_KEK_FILE
  value: {{ printf "%s/keyset.json" (include "vigil.backupKekDir" .) | quote }}
- name: VIGIL_BACKUPS_STORAGE_KIND
  value: {{ .svc.storage.kind | quote }}
{{- if eq .svc.storage.kind "filesystem" }}
- name: VIGIL_BACKUPS_STORAGE_DIRECTORY
  value: {{ include "vigil.backupStorageDir" . | quote }}
{{- end }}
{{- if eq .svc.storage.kind "s3" }}
{{- with .svc.storage.s3 }}
- name: VIGIL_BACKUPS_STORAGE_S3_BUCKET
  value: {{ .bucket | quote }}
- name: VIGIL_BACKUPS_STORAGE_S3_REGION
  value: {{ .region | quote }}
- name: VIGIL_BACKUPS_STORAGE_S3_PATH_STYLE
  value: {{ .pathStyle | quote }}
{{- if .prefix }}
- name: VIGIL_BACKUPS_STORAGE_S3_PREFIX
  value: {{ .prefix | quote }}
{{- end }}
{{- if .endpoint }}
- name: VIGIL_BACKUPS_STORAGE_S3_ENDPOINT
  value: {{ .endpoint | quote }}
{{- end }}
{{- if .existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .accessKeyIdKey | quote }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .secretAccessKeyKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq .svc.storage.kind "azure-blob" }}
{{- with .svc.storage.azure }}
- name: VIGIL_BACKUPS_STORAGE_AZURE_CONTAINER
  value: {{ .container | quote }}
- name: VIGIL_BACKUPS_STORAGE_AZURE_AUTH
  value: {{ .auth | quote }}
{{- if .prefix }}
- name: VIGIL_BACKUPS_STORAGE_AZURE_PREFIX
  value: {{ .prefix | quote }}
{{- end }}
{{- if .endpoint }}
- name: VIGIL_BACKUPS_STORAGE_AZURE_ENDPOINT
  value: {{ .endpoint | quote }}
{{- end }}
{{- if eq .auth "connection-string" }}
- name: VIGIL_BACKUPS_STORAGE_AZURE_CONNECTION_STRING
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .connectionStringKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- with .svc.cnpg.namespaces }}
- name: VIGIL_BACKUPS_CNPG_NAMESPACES
  value: {{ join "," . | quote }}
{{- end }}
- name: VIGIL_BACKUPS_RESTORE_WORK_DIRECTORY
  value: {{ include "vigil.restoreWorkDir" . | quote }}
- name: VIGIL_BACKUPS_RESTORE_SERVER_HOST
  value: {{ $restore.host | default $values.database.host | quote }}
- name: VIGIL_BACKUPS_RESTORE_SERVER_PORT
  value: {{ $restore.port | default $values.database.port | quote }}
- name: VIGIL_BACKUPS_RESTORE_SERVER_USER
  value: {{ $restore.user | quote }}
{{- if $restore.existingSecret }}
- name: VIGIL_BACKUPS_RESTORE_SERVER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $restore.existingSecret | quote }}
      key: {{ $restore.existingSecretPasswordKey | quote }}
{{- end }}
{{- end }}
{{- if eq .key "accessReviewService" }}
{{- with .svc.graph }}
{{- if .clientId }}
- name: VIGIL_ACCESS_GRAPH_CLIENT_ID
  value: {{ .clientId | quote }}
- name: VIGIL_ACCESS_GRAPH_TOKEN_ENDPOINT
  value: {{ printf "%s/%s/oauth2/v2.0/token" $values.oidc.authority $values.oidc.tenantId | quote }}
- name: VIGIL_ACCESS_GRAPH_CREDENTIAL
  value: {{ .credential | quote }}
{{- end }}
{{- with .platformServicePrincipalId }}
- name: VIGIL_ACCESS_GRAPH_PLATFORM_SERVICE_PRINCIPAL_ID
  value: {{ . | quote }}
{{- end }}
{{- if and (eq .credential "client-secret") .existingSecret }}
- name: VIGIL_ACCESS_GRAPH_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .existingSecretKey | quote }}
{{- end }}
{{- if and (eq .credential "certificate") .certificate.existingSecret }}
- name: VIGIL_ACCESS_GRAPH_CERTIFICATE_FILE
  value: {{ printf "%s/certificate.pem" (include "vigil.graphCertificateDir" .) | quote }}
- name: VIGIL_ACCESS_GRAPH_PRIVATE_KEY_FILE
  value: {{ printf "%s/private-key.pem" (include "vigil.graphCertificateDir" .) | quote }}
{{- end }}
{{- end }}
{{- with .svc.scim }}
{{- if .existingSecret }}
- name: VIGIL_ACCESS_SCIM_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .existingSecretKey | quote }}
{{- end }}
{{- end }}
{{- end }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $values.kafka.bootstrapServers | quote }}
- name: VIGIL_OIDC_AUTHORITY
  value: {{ $values.oidc.authority | quote }}
- name: VIGIL_OIDC_TENANT_ID
  value: {{ $values.oidc.tenantId | quote }}
- name: VIGIL_OIDC_CLIENT_ID
  value: {{ $values.oidc.clientId | quote }}
- name: VIGIL_OIDC_STEP_UP_CONTEXT
  value: {{ $values.oidc.stepUpContext | default "c1" | quote }}
{{- with $values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- with $values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with .svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* A label selector as YAML after "key:": " {}" when empty, else an indented block.
Call with (dict "selector" $selector "indent" N). */}}
{{- define "vigil.selectorYaml" -}}
{{- if .selector }}
{{- toYaml .selector | nindent (int .indent) }}
{{- else }} {}
{{- end }}
{{- end }}

{{/* Egress rules every Vigil pod gets: DNS, PostgreSQL, Kafka, HTTPS and the extra rules. */}}
{{- define "vigil.commonEgress" -}}
{{- $egress := .Values.networkPolicy.egress -}}
- ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
  to:
    - namespaceSelector: {{- include "vigil.selectorYaml" (dict "selector" $egress.dns.namespaceSelector "indent" 8) }}
      podSelector: {{- include "vigil.selectorYaml" (dict "selector" $egress.dns.podSelector "indent" 8) }}
- ports:
    - protocol: TCP
      port: {{ .Values.database.port }}
  {{- with $egress.database.to }}
  to: {{- toYaml . | nindent 4 }}
  {{- end }}
- ports:
    {{- range $egress.kafka.ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
  {{- with $egress.kafka.to }}
  to: {{- toYaml . | nindent 4 }}
  {{- end }}
{{- if $egress.https.enabled }}
- ports:
    {{- range $egress.https.ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
  {{- with $egress.https.to }}
  to: {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- with $egress.extra }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The environment of one service's migration Job: the migration role's credentials, the schema
owner to become, and the non-secret settings the service reads at start. Never a runtime password
or the checkpoint key. */}}
{{- define "vigil.migrationEnv" -}}
{{- $values := .root.Values }}
{{- $db := .svc.database -}}
- name: QUARKUS_INIT_AND_EXIT
  value: "true"
- name: QUARKUS_FLYWAY_MIGRATE_AT_START
  value: "true"
- name: QUARKUS_FLYWAY_INIT_SQL
  value: {{ printf "SET ROLE %s" $db.owner | quote }}
- name: VIGIL_DB_HOST
  value: {{ $values.database.host | quote }}
- name: VIGIL_DB_PORT
  value: {{ $values.database.port | quote }}
- name: VIGIL_DB_NAME
  value: {{ $db.name | quote }}
- name: VIGIL_DB_USER
  value: {{ $db.migrationUser | quote }}
- name: VIGIL_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $values.database.migrations.existingSecret | quote }}
      key: {{ $db.migrationPasswordKey | quote }}
{{- if eq .key "auditLogService" }}
- name: VIGIL_AUDIT_DB_APP_USER
  value: {{ $db.user | quote }}
- name: VIGIL_AUDIT_DB_PRUNE_ROLE
  value: {{ $db.pruneRole | quote }}
{{- end }}
{{- if eq .key "backupService" }}
# Required configuration at start; the Job exits before anything reads the keyset, so it is not mounted.
- name: VIGIL_BACKUPS_ENCRYPTION_KEK_FILE
  value: {{ printf "%s/keyset.json" (include "vigil.backupKekDir" .) | quote }}
{{- end }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $values.kafka.bootstrapServers | quote }}
- name: VIGIL_OIDC_AUTHORITY
  value: {{ $values.oidc.authority | quote }}
- name: VIGIL_OIDC_TENANT_ID
  value: {{ $values.oidc.tenantId | quote }}
- name: VIGIL_OIDC_CLIENT_ID
  value: {{ $values.oidc.clientId | quote }}
{{- with $values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end }}
