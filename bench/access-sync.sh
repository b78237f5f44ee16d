#!/usr/bin/env bash
# Entra ID sync at scale: access-review-service, with the heap the Helm chart gives it (a 512Mi
# limit with -XX:MaxRAMPercentage=75: -Xmx384m), syncs 100,000 users and 300,000 app role
# assignments (--quick: 10,000 and 30,000) from a local Graph stub with real paging ($top=999,
# @odata.nextLink), timed from the sync request to its answer (pages written, snapshot built and
# swapped in, revocations checked, controls evaluated). Baseline, in the same run: the same pages
# fetched and parsed, every row inserted with batched JDBC in one transaction. Peak heap from the
# service's GC log. A second sync then reads only the changes (users/delta).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=$1
users=$([[ $quick == true ]] && echo 10000 || echo 100000)
assignments=$((users * 3))
PG_HOST=${VIGIL_TEST_PG_HOST:-127.0.0.1} PG_PORT=${VIGIL_TEST_PG_PORT:-5432} PG_USER=${VIGIL_TEST_PG_USER:-postgres}
KAFKA_PORT=${VIGIL_BENCH_KAFKA_PORT:-19192}
HTTP_PORT=${VIGIL_BENCH_HTTP_PORT:-18083}
GRAPH_PORT=${VIGIL_BENCH_GRAPH_PORT:-18190}
ISSUER_PORT=${VIGIL_BENCH_ISSUER_PORT:-18181}
TENANT=8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21
CLIENT=0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10
HEAP_MB=384
DB=vigil_bench_access
BASE=vigil_bench_access_baseline
PSQL="psql -h $PG_HOST -p $PG_PORT -U $PG_USER -v ON_ERROR_STOP=1 -q -X"
SERVICE="http://127.0.0.1:$HTTP_PORT"
GRAPH="http://127.0.0.1:$GRAPH_PORT"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in $DB $BASE; do $PSQL -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 240); do port_open "$1" && return; sleep 0.25; done; echo "port $1 did not open" >&2; exit 1; }
now() { date +%s.%N; }

source "$ROOT/dev-stack/built.sh"
if [[ ! -f "$ROOT/bench/target/classpath.txt" || ! -d "$ROOT/testing/target/classes" ]] \
    || ! is_built "$ROOT/access-review-service/target/quarkus-app/quarkus-run.jar" access-review-service bench testing; then
  echo "[bench] building"
  # package, not install: the shared ~/.m2 artifacts stay as they are.
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench,access-review-service -am)
fi
bench_cp="$(cat "$ROOT/bench/target/classpath.txt"):$ROOT/bench/target/classes"
# The local issuer needs only Jackson and jose4j, which the service's own libraries carry.
issuer_cp="$ROOT/testing/target/classes:$ROOT/access-review-service/target/quarkus-app/lib/main/*"

for db in $DB $BASE; do $PSQL -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"; done

echo "[bench] starting the Graph stub ($users users, $assignments app role assignments), Kafka and the issuer"
java -Xmx256m -cp "$bench_cp" dev.vigil.bench.AccessSyncBench stub "$GRAPH_PORT" "$users" "$assignments" >"$work/stub.out" 2>&1 &
pids+=($!)
java -Xmx384m -cp "$bench_cp" dev.vigil.bench.BenchKafka "$KAFKA_PORT" $((KAFKA_PORT + 1)) >"$work/kafka.out" 2>&1 &
pids+=($!)
java -cp "$issuer_cp" dev.vigil.testing.oidc.EntraIdDevIssuer "$ISSUER_PORT" "$TENANT" "$CLIENT" >"$work/issuer.out" 2>&1 &
pids+=($!)
for port in "$GRAPH_PORT" "$KAFKA_PORT" "$ISSUER_PORT"; do wait_port "$port"; done

echo "[bench] baseline: the same pages fetched, parsed and inserted with batched JDBC"
java -cp "$bench_cp" dev.vigil.bench.AccessSyncBench baseline "$GRAPH" \
  "jdbc:postgresql://$PG_HOST:$PG_PORT/$BASE?user=$PG_USER&reWriteBatchedInserts=true" | tee "$work/baseline.out"
baseline=$(awk '/^baseline-seconds/ {print $2}' "$work/baseline.out")

echo "[bench] starting access-review-service (-Xmx${HEAP_MB}m)"
QUARKUS_HTTP_PORT=$HTTP_PORT VIGIL_DB_HOST=$PG_HOST VIGIL_DB_PORT=$PG_PORT VIGIL_DB_USER=$PG_USER VIGIL_DB_NAME=$DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  VIGIL_OIDC_AUTHORITY=http://127.0.0.1:$ISSUER_PORT VIGIL_OIDC_TENANT_ID=$TENANT VIGIL_OIDC_CLIENT_ID=$CLIENT \
  VIGIL_ACCESS_GRAPH_BASE_URL=$GRAPH VIGIL_ACCESS_GRAPH_TOKEN_ENDPOINT=$GRAPH/tenant/oauth2/v2.0/token \
  VIGIL_ACCESS_GRAPH_CLIENT_ID=vigil-bench VIGIL_ACCESS_GRAPH_CLIENT_SECRET=bench-secret \
  VIGIL_ACCESS_GRAPH_PLATFORM_SERVICE_PRINCIPAL_ID=sp-platform VIGIL_ACCESS_SYNC_INTERVAL=off \
  java -Xmx${HEAP_MB}m -Xlog:gc:file="$work/gc.log" -jar "$ROOT/access-review-service/target/quarkus-app/quarkus-run.jar" \
  >"$work/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -fs -o /dev/null "$SERVICE/q/health/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$SERVICE/q/health/ready" || { tail -20 "$work/service.log"; exit 1; }
TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$ISSUER_PORT/$TENANT/oauth2/v2.0/token" \
  -d grant_type=client_credentials -d client_id=vigil-bench -d roles=Vigil.Admin | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/"; }

source_id=$(api -X POST "$SERVICE/api/v1/access-reviews/sources" -d '{"name":"bench-entra","kind":"ENTRA"}' | field id)
start=$(now)
outcome=$(api -X POST "$SERVICE/api/v1/access-reviews/sources/$source_id/sync" -d '{}')
vigil=$(echo "$(now) - $start" | bc)
[[ $(echo "$outcome" | field outcome) == SYNCED ]] || { echo "sync failed: $outcome"; tail -20 "$work/service.log"; exit 1; }
accounts=$($PSQL -d $DB -At -c "SELECT account_count FROM access_snapshot WHERE source_id = $source_id AND state = 'CURRENT'")
grants=$($PSQL -d $DB -At -c "SELECT count(*) FROM access_account a, json_array_elements_text(a.roles::json) r, access_snapshot s WHERE s.id = a.snapshot_id AND s.source_id = $source_id AND s.state = 'CURRENT'")
[[ $accounts == "$users" && $grants == "$assignments" ]] || { echo "snapshot has $accounts accounts and $grants role grants, expected $users and $assignments"; exit 1; }
printf '[bench] full sync: %d accounts with %d role grants in %.2f s (baseline %.2f s)\n' "$accounts" "$grants" "$vigil" "$baseline"

start=$(now)
outcome=$(api -X POST "$SERVICE/api/v1/access-reviews/sources/$source_id/sync" -d '{}')
delta=$(echo "$(now) - $start" | bc)
[[ $(echo "$outcome" | field outcome) == SYNCED ]] || { echo "delta sync failed: $outcome"; exit 1; }
printf '[bench] delta sync (users/delta, no change; assignments and registrations read again): %.2f s\n' "$delta"

# G1 lines: "GC(n) Pause Young (...) 250M->40M(384M) 12.3ms": before -> after (committed).
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | cut -d- -f1 | tr -d M | sort -n | tail -1)
live=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | cut -d'>' -f2 | tr -d M | sort -n | tail -1)
echo "[bench] peak heap ${peak:-0} MiB used (largest after a GC ${live:-0} MiB) of ${HEAP_MB} MiB max heap (chart: 512Mi limit, MaxRAMPercentage=75)"
printf 'access-sync: %.2f s, baseline %.2f s, ratio %.2f\n' "$vigil" "$baseline" "$(echo "$baseline / $vigil" | bc -l)"
