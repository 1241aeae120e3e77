#!/usr/bin/env python3
"""What the bench database's PostgreSQL backends hold in memory, from the memory contexts they wrote to the server's
log (bench/run.sh --backend-contexts=true: after each phase every backend of the bench database runs
pg_log_backend_memory_contexts). Usage: bench/backend-memory.py LOG DB [FROM] [TO]
Per dump (one per backend and phase): the backend's grand total, its CacheMemoryContext with everything under it
(catalog caches, index infos, prepared statements), and the prepared statements PostgreSQL listed by name
(CachedPlanSource with its CachedPlanQuery, and the CachedPlan kept for it): how many and their bytes. PostgreSQL
lists at most 100 children of a context and sums the rest in one line ("N more child contexts"), so with more
statements than that the per-statement mean comes from the listed ones and the cache's total holds the rest.
Prints one line per dump time: backends, grand total mean/max/sum, cache mean, statements listed, bytes per
statement. The log needs the default log_line_prefix ('%m [%p] %q%u@%d ')."""
import re
import sys
from datetime import datetime
from collections import defaultdict

LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d+ \S+ \[(\d+)\] (\S*)@(\S*) LOG:\s+(.*)$")
LEVEL = re.compile(r"^level: (\d+); (.*?): (\d+) total in")
MORE = re.compile(r"^level: (\d+); (\d+) more child contexts containing (\d+) total")
GRAND = re.compile(r"^Grand total: (\d+) bytes")


def dumps(path, db, start, end):
    current = {}
    with open(path, errors="replace") as log:
        for line in log:
            m = LINE.match(line)
            if not m or m.group(4) != db:
                continue
            ts, pid, msg = m.group(1), m.group(2), m.group(5)
            if start and ts < start or end and ts > end:
                continue
            if msg.startswith("logging memory contexts of PID"):
                current[pid] = {"time": ts, "pid": pid, "cache": 0, "in_cache": False, "sources": 0,
                                "statement_bytes": 0, "grand": 0, "more": 0}
                continue
            d = current.get(pid)
            if d is None:
                continue
            g = GRAND.match(msg)
            if g:
                d["grand"] = int(g.group(1))
                yield d
                del current[pid]
                continue
            lv = LEVEL.match(msg)
            mo = MORE.match(msg)
            level = int(lv.group(1)) if lv else int(mo.group(1)) if mo else None
            if level is None:
                continue
            # a summary line carries its parent's level: "level: 1; 458 more child contexts" sums the children of
            # the level-1 context listed last, here CacheMemoryContext
            if lv and level <= 1:
                d["in_cache"] = lv.group(2) == "CacheMemoryContext"
            if d["in_cache"] and (lv or level >= 1):
                d["cache"] += int(lv.group(3)) if lv else int(mo.group(3))
                if mo and level == 1:
                    d["more"] += int(mo.group(2))
            if mo and level == 0:
                d["in_cache"] = False
            if lv and lv.group(2) == "CachedPlanSource":
                d["sources"] += 1
            if lv and lv.group(2) in ("CachedPlanSource", "CachedPlanQuery", "CachedPlan"):
                d["statement_bytes"] += int(lv.group(3))


def main():
    args = [a for a in sys.argv[1:]]
    if len(args) < 2:
        print(__doc__)
        sys.exit(2)
    path, db = args[0], args[1]
    start = args[2] if len(args) > 2 else None
    end = args[3] if len(args) > 3 else None
    # one group per phase end: dumps less than 30 s apart
    by_time = defaultdict(list)
    group, last = None, None
    for d in sorted(dumps(path, db, start, end), key=lambda x: x["time"]):
        t = datetime.strptime(d["time"], "%Y-%m-%d %H:%M:%S")
        if last is None or (t - last).total_seconds() > 30:
            group = d["time"]
        last = t
        by_time[group].append(d)
    mb = 1024 * 1024
    print("time                 backends  grand total MB: mean   max    sum   cache MB mean  statements listed (mean)"
          "  KB per statement  children summed (mean)")
    for t in sorted(by_time):
        ds = by_time[t]
        n = len(ds)
        grand = [d["grand"] for d in ds]
        sources = sum(d["sources"] for d in ds)
        per = sum(d["statement_bytes"] for d in ds) / sources / 1024 if sources else 0
        print(f"{t}  {n:8d}  {sum(grand) / n / mb:20.1f} {max(grand) / mb:6.1f} {sum(grand) / mb:6.1f}"
              f"  {sum(d['cache'] for d in ds) / n / mb:13.1f}  {sources / n:25.1f}  {per:16.1f}"
              f"  {sum(d['more'] for d in ds) / n:21.1f}")


if __name__ == "__main__":
    main()
