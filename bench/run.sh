#!/usr/bin/env bash
# ComplaintFlow benchmark: builds the jar and the benchmark (test sources, package io.complaintflow.bench), recreates
# the PostgreSQL database complaintflow_bench, then runs io.complaintflow.bench.Bench, which starts the application
# (one node, a second one for the deadline storm), loads it over HTTP, prints a table and writes
# bench/results/bench-<time>.json. Options are passed on to Bench (bench/run.sh --help lists them).
# Environment: BENCH_DB_HOST/PORT/USER (127.0.0.1, 5432, postgres; trust auth), BENCH_USER/BENCH_PASSWORD
# (HTTP Basic, demo/demo), BENCH_SKIP_BUILD=1 to reuse target/*.jar and target/test-classes, BENCH_LOG_STATEMENTS=1
# to log every statement of the bench database (counted with bench/statements.py).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=(java -cp target/test-classes:target/classes io.complaintflow.bench.Bench)
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  [[ -f target/test-classes/io/complaintflow/bench/Bench.class ]] || ./mvnw -q -DskipPostgresTests=true test-compile
  exec "${BENCH[@]}" --help
fi

DB="${BENCH_DB:-complaintflow_bench}"
for arg in "$@"; do
  # --db=NAME names the database the bench uses: recreate that one
  if [[ "$arg" == --db=* ]]; then DB="${arg#--db=}"; fi
done
HOST="${BENCH_DB_HOST:-127.0.0.1}"
PORT="${BENCH_DB_PORT:-5432}"
PGUSER_="${BENCH_DB_USER:-postgres}"

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  # -DskipTests skips both test passes (H2 and PostgreSQL) but compiles the tests, and with them the bench
  echo "building the jar and the bench (./mvnw -q -DskipTests -DskipPostgresTests=true package)"
  ./mvnw -q -DskipTests -DskipPostgresTests=true package
fi

echo "recreating database $DB on $HOST:$PORT"
psql -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -qX -v ON_ERROR_STOP=1 \
  -c "drop database if exists $DB with (force)" -c "create database $DB"
if [[ "${BENCH_LOG_STATEMENTS:-}" == "1" ]]; then
  # every statement of this database into PostgreSQL's log (bench/statements.py counts them); the log costs
  # PostgreSQL CPU, so CPU figures come from a run without it
  psql -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -qX -v ON_ERROR_STOP=1 \
    -c "alter database $DB set log_min_duration_statement = 0"
  echo "logging every statement of $DB from $(date -u +%FT%T)"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${BENCH[@]}" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
