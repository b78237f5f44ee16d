#!/usr/bin/env bash
# Gateway overhead: GET /api/v1/keys/environments sent straight to key-service (baseline) and
# through the gateway (Entra ID token validation, rate limiting, routing, an audit event through
# the outbox), in the same run: at a fixed 100 req/s (p99 added latency) and at saturation with
# 16 callers (throughput), after a warm-up that lasts until neither JVM is still JIT-compiling much.
# Each saturated phase also reports the CPU each process spent per request. Rate limits are raised
# so the benchmark measures cost, not refusals.
set -euo pipefail
quick=$1
seconds=$([[ $quick == true ]] && echo 5 || echo 30)
rounds=$([[ $quick == true ]] && echo 1 || echo 2)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/dev-stack/built.sh"
if ! is_built "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" gateway; then
  echo "[bench] building the gateway"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl gateway -am)
fi
# Both JVMs as the Helm chart runs them: a 384 MB heap (a 512Mi limit at MaxRAMPercentage=75) and
# one CPU (the chart's limit), so each sizes itself as in its pod: 2 event loops, the serial GC.
SERVICE_JVM_OPTIONS="-XX:ActiveProcessorCount=1"
source "$ROOT/bench/key-service-stack.sh"

GATEWAY_PORT=${VIGIL_BENCH_GATEWAY_PORT:-18080}
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
GATEWAY_DB=vigil_bench_gateway
trap 'cleanup; $PG -d postgres -c "DROP DATABASE IF EXISTS $GATEWAY_DB WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
$PG -d postgres -c "DROP DATABASE IF EXISTS $GATEWAY_DB WITH (FORCE)" -c "CREATE DATABASE $GATEWAY_DB"

echo "[bench] starting the gateway on 127.0.0.1:$GATEWAY_PORT"
QUARKUS_HTTP_PORT=$GATEWAY_PORT VIGIL_DB_HOST=$PG_HOST VIGIL_DB_PORT=$PG_PORT VIGIL_DB_USER=$PG_USER VIGIL_DB_NAME=$GATEWAY_DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  VIGIL_OIDC_AUTHORITY=http://127.0.0.1:$ISSUER_PORT VIGIL_OIDC_TENANT_ID=$TENANT VIGIL_OIDC_CLIENT_ID=$CLIENT \
  VIGIL_ROUTES_KEYS="$SERVICE" QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL="$KUBERNETES" VIGIL_POSTURE_ENABLED=false \
  VIGIL_EDGE_PER_PRINCIPAL_PER_SECOND=1000000 VIGIL_EDGE_PER_PRINCIPAL_BURST=1000000 \
  VIGIL_EDGE_PER_SOURCE_PER_SECOND=1000000 VIGIL_EDGE_PER_SOURCE_BURST=1000000 \
  java -Xmx384m $SERVICE_JVM_OPTIONS -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
for _ in $(seq 240); do curl -fs -o /dev/null "$GATEWAY/q/health/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$GATEWAY/q/health/ready" || { tail -20 "$work/gateway.log"; exit 1; }

kafka_pid=$(pgrep -f "$work/stack/kafka" | head -1 || true)
bench GatewayOverheadBench "$SERVICE" "$GATEWAY" "$(token Vigil.Admin)" "$seconds" 100 16 "$rounds" \
  "gateway=$gateway_pid,service=$SERVICE_PID,kafka=${kafka_pid:-0}"
