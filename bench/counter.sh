#!/usr/bin/env bash
# The case-number counter under concurrent intake: one row per day, incremented in its own transaction by every
# intake of every node. Runs pgbench with 16 clients against a scratch copy of the row, committing as the
# application did before (waiting for the WAL flush) and as it does now (synchronous_commit off for that
# transaction only; see intake/CaseNumberGenerator), twice each, side by side. Prints numbers per second and the
# average wait per number. Environment: BENCH_DB_HOST/PORT/USER as for run.sh.
set -euo pipefail
HOST="${BENCH_DB_HOST:-127.0.0.1}"; PORT="${BENCH_DB_PORT:-5432}"; U="${BENCH_DB_USER:-postgres}"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"
DB=complaintflow_counter
psql -h "$HOST" -p "$PORT" -U "$U" -d postgres -qX -v ON_ERROR_STOP=1 \
  -c "drop database if exists $DB with (force)" -c "create database $DB"
psql -h "$HOST" -p "$PORT" -U "$U" -d "$DB" -qX -v ON_ERROR_STOP=1 -c \
  "create table case_number_counter (business_day date primary key, last_value bigint not null);
   insert into case_number_counter values (current_date, 0);"
dir="$(mktemp -d)"
increment="update case_number_counter set last_value = last_value + 1 where business_day = current_date returning last_value;"
printf 'begin;\n%s\ncommit;\n' "$increment" > "$dir/flush.sql"
printf 'begin;\nset local synchronous_commit = off;\n%s\ncommit;\n' "$increment" > "$dir/no-flush-wait.sql"
for round in 1 2; do
  for way in flush no-flush-wait; do
    out="$("$PGBENCH" -h "$HOST" -p "$PORT" -U "$U" -n -c 16 -j 2 -T 8 -f "$dir/$way.sql" "$DB" 2>&1)"
    printf '%-14s round %d  %6.0f numbers/s  wait %6.1f ms  (load %s)\n' "$way" "$round" \
      "$(grep -oP 'tps = \K[0-9.]+' <<<"$out")" "$(grep -oP 'latency average = \K[0-9.]+' <<<"$out")" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
psql -h "$HOST" -p "$PORT" -U "$U" -d postgres -qX -c "drop database $DB"
rm -r "$dir"
