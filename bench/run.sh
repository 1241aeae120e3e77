#!/usr/bin/env bash
# ComplaintFlow benchmark: builds the jar, recreates the PostgreSQL database complaintflow_bench, then runs
# bench/Bench.java, which starts the application (one node, a second one for the deadline storm), loads it over
# HTTP, prints a table and writes bench/results/bench-<time>.json. Options are passed on to Bench.java
# (bench/run.sh --help lists them). Environment: BENCH_DB_HOST/PORT/USER (127.0.0.1, 5432, postgres; trust auth),
# BENCH_USER/BENCH_PASSWORD (HTTP Basic, demo/demo), BENCH_SKIP_BUILD=1 to reuse target/*.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  exec java bench/Bench.java --help
fi

DB="${BENCH_DB:-complaintflow_bench}"
for arg in "$@"; do
  # --db=NAME names the database Bench.java uses: recreate that one
  if [[ "$arg" == --db=* ]]; then DB="${arg#--db=}"; fi
done
HOST="${BENCH_DB_HOST:-127.0.0.1}"
PORT="${BENCH_DB_PORT:-5432}"
PGUSER_="${BENCH_DB_USER:-postgres}"

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  # -DskipTests skips both test passes (H2 and PostgreSQL)
  echo "building the jar (./mvnw -q -DskipTests -DskipPostgresTests=true package)"
  ./mvnw -q -DskipTests -DskipPostgresTests=true package
fi

echo "recreating database $DB on $HOST:$PORT"
psql -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -qX -v ON_ERROR_STOP=1 \
  -c "drop database if exists $DB with (force)" -c "create database $DB"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/Bench.java "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
