#!/usr/bin/env python3
"""Counts the statements one database sent, from PostgreSQL's log, by kind (bench/README.md, statements per closed
complaint). Usage: bench/statements.py LOG DB [FROM] [TO] [--per=N] [--top=K] [--transactions | --steps]
--transactions groups each backend's statements from BEGIN to COMMIT and sorts the transactions by what they did
(the intake request, the intake's job after its asynchronous boundary, job acquisition, the case-number counter, …):
per kind of transaction, its statements by kind and the rows each table got by INSERT (a multi-row INSERT counts
its rows), divided by --per.
--steps sorts the same transactions by the request or step of a closed complaint they belong to (the lifecycle's
intake request and job, the handlers' poll, claim, the department's submission, the centre's answer, the customer's
confirmation, the final GET; the mail sender and the job executor beside them) and prints per step: transactions,
statements and statements per transaction, divided by --per (the closed complaints of the window).
FROM/TO are log timestamps ('2026-12-04 00:27:40'); --per divides by N (e.g. the closed complaints); --top lists the
K most frequent statement texts (literals and parameters folded). The log needs log_min_duration_statement = 0 on
that database (bench/run.sh with BENCH_LOG_STATEMENTS=1) and the default log_line_prefix ('%m [%p] %q%u@%d ')."""
import re
import sys
from collections import Counter

KINDS = [  # first match wins; the table a statement names decides its kind
    ("transaction control", r"^(begin|commit|rollback|set |show |savepoint|release|select 1$)"),
    ("login and identity", r"\bact_id_(user|group|membership|tenant|info)"),
    ("engine authorizations", r"act_ru_authorization"),
    ("definitions", r"act_re_|act_ge_bytearray.*deployment|act_ru_meter|act_ge_property"),
    ("engine history", r"act_hi_"),
    ("engine runtime rows", r"act_ru_|act_ge_bytearray"),
    ("diagram heat", r"heat_"),
    # complaint_clock and clock_event: the deadline tables before V89, for logs of earlier runs
    ("timeline and deadlines", r"timeline|complaint_clock|clock_event|deadline|sla_"),
    ("complaint tables", r"complaint|answer|root_cause|outbox|survey|callback"),
]

ENTRY = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+ \S+ \[(\d+)\] (\S*)@(\S*) LOG:\s+duration: [\d.]+ ms\s+"
                   r"(?:statement|execute [^:]*): (.*)$")


def entries(path, db):
    current = None
    with open(path, errors="replace") as log:
        for line in log:
            if line.startswith("\t") and current is not None:
                current[1] += " " + line.strip()
                continue
            if current is not None:
                yield current
                current = None
            m = ENTRY.match(line)
            if m and m.group(4) == db:
                current = [m.group(1), m.group(5), m.group(2)]
    if current is not None:
        yield current


def fold(sql):
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\$\d+|\b\d+\b", "?", sql)
    return re.sub(r"\s+", " ", sql)[:160]


# what a transaction did, from the statements it holds; first match wins
TRANSACTIONS = [
    ("case-number counter", lambda t: "case_number_counter" in t),
    ("intake request", lambda t: "insert into complaint (" in t),
    ("intake job (after the boundary)", lambda t: "delete from act_ru_job" in t and "insert into act_hi_decinst" in t),
    ("other job", lambda t: "delete from act_ru_job" in t or "update act_ru_job" in t and "retries_" in t
     and "lock_owner_ = null" in t),
    ("job acquisition", lambda t: "act_ru_job" in t and "lock_owner_" in t and "update" in t),
    ("acquisition query without a job", lambda t: "act_ru_job" in t and "lock_exp_time_" in t),
    ("mail outbox", lambda t: "mail_outbox" in t),
    ("login", lambda t: "act_id_" in t),
]


def _writes(t):
    return re.search(r"(^|\| )(insert|update|delete|with) ", t) is not None


# the request or step of a closed complaint a transaction belongs to; first match wins
STEPS = [
    ("intake request", lambda t: "insert into complaint (" in t or "case_number_counter" in t),
    ("intake job", TRANSACTIONS[2][1]),
    ("department submission", lambda t: "delete from act_ru_task" in t and re.search(
        r"update complaint_department set state = \S+, proposal", t) is not None),
    ("centre answer", lambda t: "delete from act_ru_task" in t and "update complaint set resolution" in t),
    ("confirmation (closing)", lambda t: "delete from act_ru_task" in t and "update complaint set root_cause" in t),
    ("other submission", lambda t: "delete from act_ru_task" in t),
    ("claim", lambda t: "update act_ru_task set" in t and "insert into act_hi_op_log" in t),
    ("GET complaint", lambda t: "from timeline_entry where case_number" in t and not _writes(t)
     or t.startswith("insert into privacy_access_log")),
    ("poll (task query)", lambda t: t.split(" | ")[1 if t.startswith("begin") else 0].startswith(
        "select distinct res.rev_, res.id_, res.name_, res.parent_task_id_") and not _writes(t)),
    ("mail sender", lambda t: "mail_outbox" in t),
    ("job acquisition", lambda t: "act_ru_job" in t and "lock_" in t and not "delete from act_ru_job" in t),
    ("other job", TRANSACTIONS[3][1]),
]


def steps(path, db, start, end, per):
    """Each transaction (as --transactions cuts them) under the step of a closed complaint it belongs to."""
    done = list(cut(path, db, start, end))
    by_step = {}
    for tx in done:
        text = " | ".join(tx)
        name = next((n for n, test in STEPS if test(text)), "other")
        by_step.setdefault(name, []).append(tx)
    total = sum(len(tx) for tx in done)
    print(f"{total} statements in {len(done)} transactions; per unit (per={per:g}): {total / per:.1f} statements, "
          f"{len(done) / per:.2f} transactions")
    print(f"| step | transactions | statements | per transaction |")
    print(f"|---|---|---|---|")
    order = [n for n, _ in STEPS] + ["other"]
    for name in order:
        txs = by_step.get(name)
        if not txs:
            continue
        n = sum(len(t) for t in txs)
        print(f"| {name} | {len(txs) / per:.2f} | {n / per:.1f} | {n / len(txs):.1f} |")


def kind_of(low):
    return next((k for k, rx in KINDS if re.search(rx, low)), "other")


def inserted_rows(low):
    m = re.match(r"insert into (\w+)", low)
    if not m:
        return None, 0
    values = low.split(" values ", 1)
    return m.group(1), (1 + len(re.findall(r"\)\s*,\s*\(", values[1])) if len(values) > 1 else 1)


def cut(path, db, start, end):
    """Each backend's statements from BEGIN (also BEGIN READ ONLY) to COMMIT/ROLLBACK as one transaction (a statement
    outside is its own)."""
    open_tx = {}
    for ts, sql, pid in entries(path, db):
        if not (start <= ts <= end):
            continue
        low = re.sub(r"\s+", " ", sql.strip().lower())
        if low == "begin" or low.startswith("begin ") or low.startswith("start transaction"):
            open_tx[pid] = ["begin"]
            continue
        if pid in open_tx:
            open_tx[pid].append(low)
            if low in ("commit", "rollback"):
                yield open_tx.pop(pid)
        elif low:
            yield [low]


def transactions(path, db, start, end, per, top):
    """The transactions of cut(), sorted by what they did."""
    done = list(cut(path, db, start, end))
    by_class = {}
    for tx in done:
        text = " | ".join(tx)
        name = next((n for n, test in TRANSACTIONS if test(text)), "other" if len(tx) > 1 else "single statement")
        by_class.setdefault(name, []).append(tx)
    total = sum(len(tx) for tx in done)
    print(f"{total} statements in {len(done)} transactions; per unit (per={per:g}): {total / per:.1f} statements, "
          f"{len(done) / per:.2f} transactions")
    for name, txs in sorted(by_class.items(), key=lambda kv: -sum(len(t) for t in kv[1])):
        kinds, rows, texts = Counter(), Counter(), Counter()
        for tx in txs:
            for low in tx:
                kinds[kind_of(low)] += 1
                table, n = inserted_rows(low)
                if table:
                    rows[table] += n
                texts[fold(low)] += 1
        n = sum(kinds.values())
        print(f"\n== {name}: {len(txs) / per:.2f} transactions, {n / per:.1f} statements, "
              f"{sum(rows.values()) / per:.1f} rows inserted per unit")
        for k, c in kinds.most_common():
            print(f"{c / per:8.1f}  {k}")
        print("  rows inserted: " + ", ".join(f"{t} {c / per:.1f}" for t, c in rows.most_common()))
        for t, c in texts.most_common(top):
            print(f"{c / per:8.2f}  {t}")


def main(argv):
    opts = {a.split("=", 1)[0]: a.split("=", 1)[1] for a in argv if a.startswith("--") and "=" in a}
    args = [a for a in argv if not a.startswith("--")]
    path, db = args[0], args[1]
    start = args[2] if len(args) > 2 else ""
    end = args[3] if len(args) > 3 else "9999"
    per = float(opts.get("--per", 1))
    kinds, texts, total = Counter(), Counter(), 0
    if "--steps" in argv:
        return steps(path, db, start, end, per)
    if "--transactions" in opts or "--transactions" in argv:
        return transactions(path, db, start, end, per, int(opts.get("--top", 0)))
    for ts, sql, _ in entries(path, db):
        if not (start <= ts <= end):
            continue
        total += 1
        low = sql.strip().lower()
        kind = next((k for k, rx in KINDS if re.search(rx, low)), "other")
        kinds[kind] += 1
        texts[fold(low)] += 1
    print(f"{total} statements, {total / per:.1f} per unit (per={per:g})")
    for k, n in kinds.most_common():
        print(f"{n / per:8.1f}  {k}")
    for t, n in texts.most_common(int(opts.get("--top", 0))):
        print(f"{n / per:8.2f}  {t}")


if __name__ == "__main__":
    main(sys.argv[1:])
