#!/usr/bin/env bash
# Audit ingestion: the audit-log-service jar against its own database and a KRaft broker. The
# events wait on vigil.audit before the service starts, so the figure is the service's own rate
# from Kafka to stored, chained and queryable entries, not shared with a producer on the same
# cores. Baseline, in the same run: plain batched JDBC inserts of the same rows into a database with
# the same schema. Then produce-to-queryable latency at half the measured rate, with brute-force
# bursts timed to their alert.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=$1
events=$([[ $quick == true ]] && echo 20000 || echo 200000)
warmup=$([[ $quick == true ]] && echo 10000 || echo 20000)
latency_seconds=$([[ $quick == true ]] && echo 8 || echo 60)
PG_HOST=${VIGIL_TEST_PG_HOST:-127.0.0.1} PG_PORT=${VIGIL_TEST_PG_PORT:-5432} PG_USER=${VIGIL_TEST_PG_USER:-postgres}
KAFKA_PORT=${VIGIL_BENCH_KAFKA_PORT:-19092}
HTTP_PORT=${VIGIL_BENCH_HTTP_PORT:-18084}
PG="psql -h $PG_HOST -p $PG_PORT -U $PG_USER -v ON_ERROR_STOP=1 -q"
DB=vigil_bench_ingest
BASE=vigil_bench_ingest_baseline
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $BASE WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

source "$ROOT/dev-stack/built.sh"
if [[ ! -f "$ROOT/bench/target/classpath.txt" || ! -f "$ROOT/dev-stack/target/classpath.txt" ]] \
    || ! is_built "$ROOT/audit-log-service/target/quarkus-app/quarkus-run.jar" audit-log-service bench dev-stack testing; then
  echo "[bench] building"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl bench,dev-stack,audit-log-service -am)
fi

for db in $DB $BASE; do $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"; done
for f in "$ROOT"/common/src/main/resources/db/migration/V*.sql "$ROOT"/audit-log-service/src/main/resources/db/migration/V*.sql; do
  sed -e 's/\${appUser}/vigil_audit_app/g' -e 's/\${pruneMinAge}/1 day/g' -e 's/\${pruneRole}/vigil_audit_pruner/g' "$f" | $PG -d $BASE   # Flyway's placeholder
done

echo "[bench] starting Kafka on 127.0.0.1:$KAFKA_PORT"
VIGIL_STATE_DIR="$work/stack" VIGIL_KAFKA_PORT=$KAFKA_PORT VIGIL_KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1)) \
  "$ROOT/vigil" kafka >"$work/kafka.out" 2>&1 &
pids+=($!)
for _ in $(seq 120); do port_open "$KAFKA_PORT" && break; sleep 0.5; done

bench() { java -cp "$(cat "$ROOT/bench/target/classpath.txt"):$ROOT/bench/target/classes" dev.vigil.bench.AuditIngestBench "$@"; }
jdbc="jdbc:postgresql://$PG_HOST:$PG_PORT"
bench backlog "127.0.0.1:$KAFKA_PORT" "$jdbc/$DB?user=$PG_USER" "$jdbc/$BASE?user=$PG_USER" "$warmup" "$events" | tee "$work/backlog.out"
baseline=$(awk '/^baseline-rate/ {print $2}' "$work/backlog.out")

# Heap as in the Helm chart: a 512Mi limit with -XX:MaxRAMPercentage=75.
echo "[bench] starting audit-log-service on 127.0.0.1:$HTTP_PORT"
QUARKUS_HTTP_PORT=$HTTP_PORT VIGIL_DB_HOST=$PG_HOST VIGIL_DB_PORT=$PG_PORT VIGIL_DB_USER=$PG_USER VIGIL_DB_NAME=$DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT VIGIL_AUDIT_CHECKPOINT_EPHEMERAL_KEY_ALLOWED=true \
  VIGIL_OIDC_TENANT_ID=8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21 VIGIL_OIDC_CLIENT_ID=0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10 \
  java -Xmx384m -jar "$ROOT/audit-log-service/target/quarkus-app/quarkus-run.jar" >"$work/service.log" 2>&1 &
pids+=($!)
# Measured from the first entry the poller sees stored, so start-up time does not count.
for _ in $(seq 240); do curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready" || { tail -20 "$work/service.log"; exit 1; }
bench drain "127.0.0.1:$KAFKA_PORT" "$jdbc/$DB?user=$PG_USER" "$jdbc/$BASE?user=$PG_USER" "$warmup" "$events" "$baseline" "$latency_seconds"
