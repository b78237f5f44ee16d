#!/usr/bin/env bash
# Audit search latency at scale: the service's own schema (its Flyway migrations), N synthetic
# entries, then the search SQL the service issues for a filtered page of 50, timed with pgbench.
# Baseline: the same queries with index use switched off (what the indexes buy), in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=$1
rows=$([[ $quick == true ]] && echo 200000 || echo 10000000)
runs=$([[ $quick == true ]] && echo 50 || echo 200)
baseline_runs=$([[ $quick == true ]] && echo 5 || echo 3)
PG="psql -h ${VIGIL_TEST_PG_HOST:-127.0.0.1} -p ${VIGIL_TEST_PG_PORT:-5432} -U ${VIGIL_TEST_PG_USER:-postgres} -v ON_ERROR_STOP=1 -q"
DB=vigil_bench_search
work=$(mktemp -d); trap 'rm -rf "$work"; $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true' EXIT

$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
for f in "$ROOT"/common/src/main/resources/db/migration/V*.sql "$ROOT"/audit-log-service/src/main/resources/db/migration/V*.sql; do
  sed -e 's/\${appUser}/vigil_audit_app/g' -e 's/\${pruneMinAge}/1 day/g' -e 's/\${pruneRole}/vigil_audit_pruner/g' "$f" | $PG -d $DB   # Flyway's placeholder
done
echo "[bench] inserting $rows entries (indexes dropped for the load, then rebuilt as the migrations define them)"
start=$SECONDS
$PG -d $DB -At -c "SELECT indexdef || ';' FROM pg_indexes WHERE tablename = 'audit_entry' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'" > "$work/indexes.sql"
$PG -d $DB -At -c "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE tablename = 'audit_entry' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'" | $PG -d $DB
$PG -d $DB <<SQL
SET maintenance_work_mem = '1GB';
INSERT INTO audit_entry (chain_id, chain_seq, prev_hash, entry_hash, event_id, event_source, occurred_at,
  received_at, actor_id, actor_type, action, target_type, target_id, outcome, source_address, source_inet,
  organization, correlation_id, details)
SELECT 'p' || (g % 3), g, md5(g::text) || md5(g::text), md5((g+1)::text) || md5((g+1)::text),
  'evt-' || g, '/bench', now() - (g % 34560000) * interval '1 second', now(),
  'user-' || (g % 100000), 'user',
  (ARRAY['auth.signin.failed','auth.signin.succeeded','member.role.changed','apikey.used','device.auth.failed',
         'integration.health.succeeded','member.added','member.removed','apikey.created','settings.changed'])[1 + g % 10],
  'member', 'member-' || (g % 50000),
  (ARRAY['success','failure','denied','error'])[1 + (g / 7) % 4],
  '10.' || (g % 256) || '.' || ((g / 256) % 256) || '.' || ((g / 65536) % 256),
  ('10.' || (g % 256) || '.' || ((g / 256) % 256) || '.' || ((g / 65536) % 256))::inet,
  'org-' || (g % 1000), 'corr-' || g, '{"note":"entry ' || g || '"}'
FROM generate_series(1, $rows) g;
SQL
echo "[bench] rows loaded in $((SECONDS - start)) s; building indexes"
{ echo "SET maintenance_work_mem = '1GB';"; cat "$work/indexes.sql"; echo "ANALYZE audit_entry;"; } | $PG -d $DB
echo "[bench] inserted in $((SECONDS - start)) s; $($PG -d $DB -At -c "SELECT pg_size_pretty(pg_total_relation_size('audit_entry'))") with indexes"

# The service's search SQL (AuditSearch) for four typical filtered pages, random parameters.
SQL_PER_FILTER=(
 "SELECT id FROM audit_entry WHERE actor_id = 'user-' || :actor ORDER BY occurred_at DESC, id DESC LIMIT 51;"
 "SELECT id FROM audit_entry WHERE action LIKE 'auth.signin%' AND organization = 'org-' || :org ORDER BY occurred_at DESC, id DESC LIMIT 51;"
 "SELECT id FROM audit_entry WHERE source_inet <<= ('10.' || :net || '.0.0/16')::text::inet ORDER BY occurred_at DESC, id DESC LIMIT 51;"
 "SELECT id FROM audit_entry WHERE outcome = 'denied' AND occurred_at >= now() - interval '7 days' ORDER BY occurred_at DESC, id DESC LIMIT 51;"
)
latency() { # script file, transactions, extra options -> average latency in ms
  PGOPTIONS="${3:-}" pgbench -h "${VIGIL_TEST_PG_HOST:-127.0.0.1}" -p "${VIGIL_TEST_PG_PORT:-5432}" -U "${VIGIL_TEST_PG_USER:-postgres}" \
    -n -c 1 -t "$2" -f "$1" $DB 2>/dev/null | awk '/latency average/ {print $4}'
}
worst=0
for i in "${!SQL_PER_FILTER[@]}"; do
  printf '\\set actor random(0, 99999)\n\\set org random(0, 999)\n\\set net random(0, 255)\n%s\n' "${SQL_PER_FILTER[$i]}" > "$work/f$i.sql"
  ms=$(latency "$work/f$i.sql" "$runs")
  echo "[bench] filter $((i + 1)): average $ms ms over $runs pages"
  worst=$(awk -v a="$worst" -v b="$ms" 'BEGIN {print (b > a) ? b : a}')
done
base=$(latency "$work/f0.sql" "$baseline_runs" "-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off")
echo "[bench] baseline (actor filter, no index use): $base ms over $baseline_runs pages"
ratio=$(awk -v a="$worst" -v b="$base" 'BEGIN {printf "%.4f", a / b}')
echo "audit-search: $worst ms, baseline $base ms, ratio $ratio"
