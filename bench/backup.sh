#!/usr/bin/env bash
# Backup and restore-test time against plain pg_dump / pg_restore on the same database, in the same
# run, interleaved. Vigil's backup: snapshot and manifest (exact row counts), pg_dump -Fc through
# SHA-256 and Tink streaming AEAD into filesystem storage, then verification (re-read, checksums,
# decryption, pg_restore --list); timed from the request to VERIFIED. Baseline: pg_dump -Fc -f file.
# Vigil's restore test: decrypt, pg_restore --jobs=2 into a scratch database, validate every table
# against the manifest, drop; baseline: createdb + pg_restore --jobs=2. Database: pgbench data,
# scale 70 (about 1 GiB; --quick: scale 5).
set -euo pipefail
quick=$1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_HOST=${VIGIL_TEST_PG_HOST:-127.0.0.1} PG_PORT=${VIGIL_TEST_PG_PORT:-5432} PG_USER=${VIGIL_TEST_PG_USER:-postgres}
KAFKA_PORT=${VIGIL_BENCH_KAFKA_PORT:-19092}
HTTP_PORT=${VIGIL_BENCH_HTTP_PORT:-18082}
ISSUER_PORT=${VIGIL_BENCH_ISSUER_PORT:-18180}
TENANT=8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21
CLIENT=0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10
scale=$([[ $quick == true ]] && echo 5 || echo 70)
rounds=$([[ $quick == true ]] && echo 1 || echo 3)
SOURCE=vigil_bench_backup_source
DB=vigil_bench_backups
export PGHOST=$PG_HOST PGPORT=$PG_PORT PGUSER=$PG_USER
PSQL="psql -v ON_ERROR_STOP=1 -q -X"
SERVICE="http://127.0.0.1:$HTTP_PORT"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in $SOURCE $DB vigil_bench_restore; do $PSQL -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 240); do port_open "$1" && return; sleep 0.25; done; echo "port $1 did not open" >&2; exit 1; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

source "$ROOT/dev-stack/built.sh"
if [[ ! -f "$ROOT/dev-stack/target/classpath.txt" ]] \
    || ! is_built "$ROOT/backup-service/target/quarkus-app/quarkus-run.jar" backup-service backup-recovery dev-stack testing; then
  echo "[bench] building"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl backup-service,dev-stack -am)
fi
dev_cp="$(cat "$ROOT/dev-stack/target/classpath.txt"):$ROOT/dev-stack/target/classes:$ROOT/testing/target/classes"

echo "[bench] generating the source database (pgbench scale $scale)"
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $SOURCE WITH (FORCE)" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" \
  -c "CREATE DATABASE $SOURCE" -c "CREATE DATABASE $DB"
pgbench -i -q -s "$scale" "$SOURCE" >"$work/pgbench.out" 2>&1
echo "[bench] source size: $($PSQL -d $SOURCE -At -c "SELECT pg_size_pretty(pg_database_size('$SOURCE'))")"

echo "[bench] starting Kafka, the issuer and backup-service"
VIGIL_STATE_DIR="$work/stack" VIGIL_KAFKA_PORT=$KAFKA_PORT VIGIL_KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1)) \
  "$ROOT/vigil" kafka >"$work/kafka.out" 2>&1 &
pids+=($!)
java -cp "$dev_cp" dev.vigil.testing.oidc.EntraIdDevIssuer "$ISSUER_PORT" "$TENANT" "$CLIENT" >"$work/issuer.out" 2>&1 &
pids+=($!)
for port in "$KAFKA_PORT" "$ISSUER_PORT"; do wait_port "$port"; done
java -jar "$ROOT/backup-recovery/target/vigil-backup-recovery-0.1.0-SNAPSHOT-standalone.jar" new-keyset --out "$work/kek.json" >/dev/null
# Heap as the chart gives backup-service: a 768Mi limit with -XX:MaxRAMPercentage=75.
QUARKUS_HTTP_PORT=$HTTP_PORT VIGIL_DB_HOST=$PG_HOST VIGIL_DB_PORT=$PG_PORT VIGIL_DB_USER=$PG_USER VIGIL_DB_NAME=$DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  VIGIL_OIDC_AUTHORITY=http://127.0.0.1:$ISSUER_PORT VIGIL_OIDC_TENANT_ID=$TENANT VIGIL_OIDC_CLIENT_ID=$CLIENT \
  VIGIL_BACKUPS_ENCRYPTION_KEK_FILE="$work/kek.json" VIGIL_BACKUPS_STORAGE_DIRECTORY="$work/storage" \
  VIGIL_BACKUPS_RESTORE_SERVER_HOST=$PG_HOST VIGIL_BACKUPS_RESTORE_SERVER_PORT=$PG_PORT \
  VIGIL_BACKUPS_RESTORE_SERVER_USER=$PG_USER VIGIL_BACKUPS_RESTORE_WORK_DIRECTORY="$work/restore-work" \
  VIGIL_BACKUPS_TICK=1s \
  java -Xmx576m -jar "$ROOT/backup-service/target/quarkus-app/quarkus-run.jar" >"$work/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -fs -o /dev/null "$SERVICE/q/health/ready" && break; sleep 0.25; done
curl -fs -o /dev/null "$SERVICE/q/health/ready" || { tail -20 "$work/service.log"; exit 1; }
TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$ISSUER_PORT/$TENANT/oauth2/v2.0/token" \
  -d grant_type=client_credentials -d client_id=vigil-bench -d roles=Vigil.Admin | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/"; }
# Seconds between two RFC 3339 timestamps of a JSON answer.
seconds() {
  local json from to
  json=$(cat)
  from=$(echo "$json" | field "$1") to=$(echo "$json" | field "$2")
  echo "$(date -d "$to" +%s.%N) - $(date -d "$from" +%s.%N)" | bc
}
await_done() {
  local status
  while :; do
    status=$(api "$SERVICE$1" | field status)
    [[ $status != QUEUED && $status != RUNNING ]] && { echo "$status"; return; }
    sleep 0.05
  done
}

target=$(api -X POST "$SERVICE/api/v1/backups/targets" -d "{\"name\":\"bench\",\"host\":\"$PG_HOST\",\"port\":$PG_PORT,
  \"database\":\"$SOURCE\",\"username\":\"$PG_USER\",\"sslMode\":\"disable\",\"schedule\":\"0 0 1 1 *\",
  \"restoreTestSchedule\":\"0 0 1 1 *\",\"rpoMinutes\":600000}" | field id)

vigil_backup=() plain_dump=() vigil_restore=() plain_restore=()
for round in $(seq "$rounds"); do
  start=$(now)
  pg_dump -Fc -f "$work/plain.dump" "$SOURCE"
  plain_dump+=("$(echo "$(now) - $start" | bc)")

  backup=$(api -X POST "$SERVICE/api/v1/backups" -d "{\"targetId\":\"$target\"}" | field id)
  [[ $(await_done "/api/v1/backups/$backup") == VERIFIED ]] || { echo "backup failed"; tail -20 "$work/service.log"; exit 1; }
  # The service's own clock, from the request (queued) to verified, so polling adds nothing.
  vigil_backup+=("$(api "$SERVICE/api/v1/backups/$backup" | seconds createdAt finishedAt)")

  $PSQL -d postgres -c "DROP DATABASE IF EXISTS vigil_bench_restore WITH (FORCE)"
  start=$(now)
  createdb vigil_bench_restore
  pg_restore --jobs=2 --no-owner --no-acl --exit-on-error -d vigil_bench_restore "$work/plain.dump"
  plain_restore+=("$(echo "$(now) - $start" | bc)")
  $PSQL -d postgres -c "DROP DATABASE vigil_bench_restore WITH (FORCE)"

  start=$(now)
  restore=$(api -X POST "$SERVICE/api/v1/backups/restores/tests" -d "{\"targetId\":\"$target\",\"backupId\":\"$backup\"}" | field id)
  [[ $(await_done "/api/v1/backups/restores/$restore") == PASSED ]] || { echo "restore test failed"; api "$SERVICE/api/v1/backups/restores/$restore"; exit 1; }
  vigil_restore+=("$(echo "$(now) - $start" | bc)")
  rm -f "$work/plain.dump"
  printf '[bench] round %d: backup %.2f s (pg_dump %.2f s), restore test %.2f s (pg_restore %.2f s)\n' \
    "$round" "${vigil_backup[-1]}" "${plain_dump[-1]}" "${vigil_restore[-1]}" "${plain_restore[-1]}"
done

vb=$(printf '%s\n' "${vigil_backup[@]}" | median) pd=$(printf '%s\n' "${plain_dump[@]}" | median)
vr=$(printf '%s\n' "${vigil_restore[@]}" | median) pr=$(printf '%s\n' "${plain_restore[@]}" | median)
echo "[bench] stored object $(du -b "$work/storage" --max-depth=0 | cut -f1) bytes for the last backups kept"
printf 'backup-restore-test: %.2f s, baseline %.2f s, ratio %.2f\n' "$vr" "$pr" "$(echo "$pr / $vr" | bc -l)"
printf 'backup: %.2f s, baseline %.2f s, ratio %.2f\n' "$vb" "$pd" "$(echo "$pd / $vb" | bc -l)"
