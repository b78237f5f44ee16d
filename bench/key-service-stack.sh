# Sourced by the key-service benchmarks: builds what is missing, then starts a KRaft broker, the
# in-memory Kubernetes API, the local issuer and the key-service jar on its own database, and stops
# them all on exit. Afterwards: $SERVICE (URL), $SERVICE_PID, $KUBERNETES (URL), $JDBC, token ROLE,
# bench CLASS ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_HOST=${VIGIL_TEST_PG_HOST:-127.0.0.1} PG_PORT=${VIGIL_TEST_PG_PORT:-5432} PG_USER=${VIGIL_TEST_PG_USER:-postgres}
KAFKA_PORT=${VIGIL_BENCH_KAFKA_PORT:-19092}
HTTP_PORT=${VIGIL_BENCH_HTTP_PORT:-18081}
KUBE_PORT=${VIGIL_BENCH_KUBERNETES_PORT:-18186}
ISSUER_PORT=${VIGIL_BENCH_ISSUER_PORT:-18180}
TENANT=8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21
CLIENT=0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10
PG="psql -h $PG_HOST -p $PG_PORT -U $PG_USER -v ON_ERROR_STOP=1 -q"
DB=vigil_bench_keys
SERVICE="http://127.0.0.1:$HTTP_PORT"
KUBERNETES="http://127.0.0.1:$KUBE_PORT"
JDBC="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB?user=$PG_USER"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 240); do port_open "$1" && return; sleep 0.25; done; echo "port $1 did not open" >&2; exit 1; }

source "$ROOT/dev-stack/built.sh"
if [[ ! -f "$ROOT/bench/target/classpath.txt" || ! -f "$ROOT/dev-stack/target/classpath.txt" ]] \
    || ! is_built "$ROOT/key-service/target/quarkus-app/quarkus-run.jar" key-service bench dev-stack testing; then
  echo "[bench] building"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl bench,dev-stack,key-service -am)
fi
dev_cp="$(cat "$ROOT/dev-stack/target/classpath.txt"):$ROOT/dev-stack/target/classes:$ROOT/testing/target/classes"

$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

echo "[bench] starting Kafka, the Kubernetes API and the issuer"
VIGIL_STATE_DIR="$work/stack" VIGIL_KAFKA_PORT=$KAFKA_PORT VIGIL_KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1)) \
  "$ROOT/vigil" kafka >"$work/kafka.out" 2>&1 &
pids+=($!)
java -cp "$dev_cp" dev.vigil.devstack.DevKubernetes "$KUBE_PORT" >"$work/kubernetes.out" 2>&1 &
pids+=($!)
java -cp "$dev_cp" dev.vigil.testing.oidc.EntraIdDevIssuer "$ISSUER_PORT" "$TENANT" "$CLIENT" >"$work/issuer.out" 2>&1 &
pids+=($!)
for port in "$KAFKA_PORT" "$KUBE_PORT" "$ISSUER_PORT"; do wait_port "$port"; done

# Heap as in the Helm chart: a 512Mi limit with -XX:MaxRAMPercentage=75. A benchmark may add JVM
# options through SERVICE_JVM_OPTIONS (gateway-overhead sizes the CPU as the chart does).
echo "[bench] starting key-service on 127.0.0.1:$HTTP_PORT"
QUARKUS_HTTP_PORT=$HTTP_PORT VIGIL_DB_HOST=$PG_HOST VIGIL_DB_PORT=$PG_PORT VIGIL_DB_USER=$PG_USER VIGIL_DB_NAME=$DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  VIGIL_OIDC_AUTHORITY=http://127.0.0.1:$ISSUER_PORT VIGIL_OIDC_TENANT_ID=$TENANT VIGIL_OIDC_CLIENT_ID=$CLIENT \
  VIGIL_KEYS_FINGERPRINT_PEPPER="bench-pepper-$(head -c 24 /dev/urandom | base64)" \
  QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL="$KUBERNETES" \
  VIGIL_KEYS_REENCRYPTION_POLL_INTERVAL=200ms \
  VIGIL_KEYS_LEAK_SCAN_POLL_INTERVAL=1s VIGIL_KEYS_LEAK_SCAN_ALLOW_LOCAL_REPOSITORIES=true \
  VIGIL_KEYS_LEAK_SCAN_WORK_DIRECTORY="$work/mirrors" \
  java -Xmx384m ${SERVICE_JVM_OPTIONS:-} -jar "$ROOT/key-service/target/quarkus-app/quarkus-run.jar" >"$work/service.log" 2>&1 &
SERVICE_PID=$!
pids+=($SERVICE_PID)
for _ in $(seq 240); do curl -fs -o /dev/null "$SERVICE/q/health/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$SERVICE/q/health/ready" || { tail -20 "$work/service.log"; exit 1; }

token() {
  curl -fsS -X POST "http://127.0.0.1:$ISSUER_PORT/$TENANT/oauth2/v2.0/token" \
    -d grant_type=client_credentials -d client_id=vigil-bench -d "roles=$1" -d acrs=c1 \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
bench() { java -cp "$(cat "$ROOT/bench/target/classpath.txt"):$ROOT/bench/target/classes" "dev.vigil.bench.$1" "${@:2}"; }
