#!/usr/bin/env bash
# The job executor's acquisition query at a deadline storm, without and with the acquisition indexes
# (engine/JobAcquisitionIndexes): a scratch PostgreSQL database with Camunda's schema (from the engine jar in
# ~/.m2), 20,000 ladder timers not yet due, N due (default 10,000) and 3,000 mails; then `explain analyze` of the
# query the engine sends (acquire by priority, 8 jobs), 8 times each way. Prints execution and JIT times.
# Usage: bench/acquisition.sh [due]   Environment: BENCH_DB_HOST/PORT/USER as bench/run.sh.
set -euo pipefail
DUE="${1:-10000}"
PSQL=(psql -h "${BENCH_DB_HOST:-127.0.0.1}" -p "${BENCH_DB_PORT:-5432}" -U "${BENCH_DB_USER:-postgres}" -qX -v ON_ERROR_STOP=1)
ENGINE=$(find ~/.m2/repository/org/camunda/bpm/camunda-engine -name 'camunda-engine-7.*.jar' ! -name '*sources*' | sort | tail -1)
"${PSQL[@]}" -d postgres -c "drop database if exists cf_acquisition" -c "create database cf_acquisition"
unzip -p "$ENGINE" org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql | "${PSQL[@]}" -d cf_acquisition >/dev/null
jobs() { # id prefix, count, due date expression, priority, exclusive, handler
  echo "insert into act_ru_job (id_, rev_, type_, exclusive_, execution_id_, process_instance_id_, process_def_id_,
    retries_, duedate_, handler_type_, suspension_state_, priority_)
    select '$1'||g, 1, 'timer', $5, 'e$1'||g, 'p$1'||g, 'd', 3, $3, '$6', 1, $4 from generate_series(1,$2) g;"
}
"${PSQL[@]}" -d cf_acquisition -c "$(jobs f 20000 "now() + interval '3 days'" 100 true timer-intermediate-transition)" \
  -c "$(jobs d "$DUE" "now() - interval '1 second'" 100 true timer-intermediate-transition)" \
  -c "$(jobs m 3000 null 0 false async-continuation)" -c "analyze act_ru_job"
QUERY="select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES
  where (RES.RETRIES_ > 0) and (@DUE@) and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < now())
  and RES.SUSPENSION_STATE_ = 1 and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from ACT_RU_JOB J2
  where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
  and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now()))) or RES.EXCLUSIVE_ = false)
  and HANDLER_TYPE_ != 'history-cleanup' order by RES.PRIORITY_ desc LIMIT 8 OFFSET 0"
run() {
  for _ in 1 2 3 4 5 6 7 8; do
    "${PSQL[@]}" -d cf_acquisition -c "explain analyze ${QUERY/@DUE@/$1}" | grep -E "Execution Time|JIT|Timing" | tr -s ' \n' ' '
    echo
  done
}
echo "load $(cut -d' ' -f1-3 /proc/loadavg); before: engine schema only, due date may be null"
run "RES.DUEDATE_ is null or RES.DUEDATE_ <= now()"
"${PSQL[@]}" -d cf_acquisition -c "update act_ru_job set duedate_ = now() where duedate_ is null" \
  -c "create index CF_IDX_JOB_ACQUIRE on ACT_RU_JOB (PRIORITY_ DESC, DUEDATE_)" \
  -c "create index CF_IDX_JOB_LOCK_EXP on ACT_RU_JOB (LOCK_EXP_TIME_)" -c "analyze act_ru_job"
echo "load $(cut -d' ' -f1-3 /proc/loadavg); after: acquisition indexes, every job with a due date"
run "RES.DUEDATE_ <= now()"
"${PSQL[@]}" -d postgres -c "drop database cf_acquisition"
