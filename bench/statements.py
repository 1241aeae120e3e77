#!/usr/bin/env python3
"""Counts the statements one database sent, from PostgreSQL's log, by kind (bench/README.md, statements per closed
complaint). Usage: bench/statements.py LOG DB [FROM] [TO] [--per=N] [--top=K]
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

ENTRY = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+ \S+ \[\d+\] (\S*)@(\S*) LOG:\s+duration: [\d.]+ ms\s+"
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
            if m and m.group(3) == db:
                current = [m.group(1), m.group(4)]
    if current is not None:
        yield current


def fold(sql):
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\$\d+|\b\d+\b", "?", sql)
    return re.sub(r"\s+", " ", sql)[:160]


def main(argv):
    opts = {a.split("=", 1)[0]: a.split("=", 1)[1] for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    path, db = args[0], args[1]
    start = args[2] if len(args) > 2 else ""
    end = args[3] if len(args) > 3 else "9999"
    per = float(opts.get("--per", 1))
    kinds, texts, total = Counter(), Counter(), 0
    for ts, sql in entries(path, db):
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
