package io.complaintflow.bench;

import static io.complaintflow.bench.Bench.opt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What PostgreSQL wrote to its write-ahead log for the bench database between a load's start and the end of the
 * jobs it left, per operation: records, bytes, full-page images, commits, heap inserts, updates (HOT and not),
 * deletes, and index entries — the last per table. Counted from the log itself with {@code pg_walinspect}
 * (PostgreSQL 15+): {@code pg_stat_wal} is the whole server's, and on a machine where tests and other databases
 * write at the same time it would count their work too. The log records name the database of each block they touch,
 * so this counts the bench database's alone (a commit counts when its transaction wrote a block of it), without
 * its catalogs (statistics the bench's vacuum and analyze write).
 *
 * <p>A checkpoint may recycle the log while the phase runs, so a window holds a temporary replication slot from its
 * start until it is read: one psql session kept open, whose end (also the bench's own exit) drops the slot. Its
 * backend is idle while the phase is measured and ends before the next phase's CPU is read.
 */
final class Wal implements AutoCloseable {

    private static Wal open;

    private final Process psql;
    private final Writer in;
    private final BufferedReader out;
    private final String startLsn;

    private Wal(Process psql, String slot) throws Exception {
        this.psql = psql;
        this.in = new OutputStreamWriter(psql.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8));
        ask("create extension if not exists pg_walinspect");
        ask("select 1 from pg_create_physical_replication_slot('" + slot + "', true, true)");
        this.startLsn = ask("select pg_current_wal_lsn()");
    }

    /** A window from now, or null where it cannot be counted (H2, a server without pg_walinspect). */
    static Wal start() {
        closeOpen();
        if ("h2".equals(opt("db-kind", "postgres"))) {
            return null;
        }
        String db = opt("db", "complaintflow_bench");
        try {
            Process p = new ProcessBuilder("psql", "-h", opt("db-host", "127.0.0.1"), "-p", opt("db-port", "5432"),
                    "-U", opt("db-user", "postgres"), "-d", db, "-tAqX", "-F", "\t", "-v", "ON_ERROR_STOP=1")
                    .redirectErrorStream(true).start();
            open = new Wal(p, ("bench_wal_" + db + "_" + ProcessHandle.current().pid()).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9_]", "_"));
            return open;
        } catch (Exception e) {
            System.out.println("WAL not counted: " + e.getMessage());
            return null;
        }
    }

    private static void closeOpen() {
        if (open != null) {
            open.close();
        }
    }

    /** Sends one statement, returns its output lines (tab-separated columns) up to the marker. */
    private String ask(String statement) throws Exception {
        in.write(statement + ";\n\\echo __end__\n");
        in.flush();
        StringBuilder b = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("__end__")) {
                return b.toString().trim();
            }
            if (line.startsWith("ERROR") || line.startsWith("psql:")) {
                throw new IllegalStateException(line);
            }
            b.append(line).append('\n');
        }
        throw new IllegalStateException("psql ended: " + b);
    }

    /** The log written since the window's start for the bench database, per operation; closes the window. */
    Map<String, Object> count(double ops) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            String end = ask("select pg_current_wal_lsn()");
            String mine = "with r as (select resource_manager rm, record_type rt, record_length len, fpi_length fpi,"
                    + " xid::text x, (regexp_match(block_ref, 'rel [0-9]+/([0-9]+)/([0-9]+)')) b"
                    + " from pg_get_wal_records_info('" + startLsn + "', '" + end + "')),"
                    + " db as (select oid from pg_database where datname = current_database()),"
                    // the catalogs' rows are the bench's own vacuum and analyze (it stands in for autovacuum)
                    + " mine as (select * from r where b[1]::oid = (select oid from db) and not exists (select 1"
                    + " from pg_class c where c.relfilenode = b[2]::oid and c.relnamespace = 'pg_catalog'::regnamespace)),"
                    + " xids as (select distinct x from mine where x <> '0'),"
                    + " commits as (select * from r where rm = 'Transaction' and rt like 'COMMIT%'"
                    + " and x in (select x from xids))";
            String[] totals = ask(mine + " select (select count(*) from mine) + (select count(*) from commits),"
                    + " (select coalesce(sum(len), 0) from mine) + (select coalesce(sum(len), 0) from commits),"
                    + " (select count(*) from mine where fpi > 0), (select coalesce(sum(fpi), 0) from mine),"
                    + " (select count(*) from commits),"
                    + " (select count(*) from mine where rm = 'Heap' and rt like 'INSERT%')"
                    + " + (select count(*) from mine where rm = 'Heap2' and rt like 'MULTI_INSERT%'),"
                    + " (select count(*) from mine where rm = 'Heap' and rt like 'UPDATE%'),"
                    + " (select count(*) from mine where rm = 'Heap' and rt like 'HOT_UPDATE%'),"
                    + " (select count(*) from mine where rm = 'Heap' and rt like 'DELETE%'),"
                    + " (select count(*) from mine where rm = 'Btree' and rt like 'INSERT%')").split("\t");
            String[] names = {"walRecords", "walBytes", "walFpi", "walFpiBytes", "commits", "heapInserts",
                    "heapUpdatesNotHot", "heapUpdatesHot", "heapDeletes", "indexInserts"};
            for (int i = 0; i < names.length; i++) {
                m.put(names[i] + "PerOp", round(Long.parseLong(totals[i].trim()) / ops));
            }
            // per table: its heap records and the index entries of its indexes
            String perTable = ask(mine + ", named as (select coalesce(t.relname, c.relname) tab, rm, rt, fpi from mine"
                    + " left join pg_class c on c.relfilenode = b[2]::oid"
                    + " left join pg_index i on i.indexrelid = c.oid left join pg_class t on t.oid = i.indrelid)"
                    + " select tab, count(*) filter (where rm = 'Heap' and rt like 'INSERT%'),"
                    + " count(*) filter (where rm = 'Heap' and rt like 'UPDATE%'),"
                    + " count(*) filter (where rm = 'Heap' and rt like 'HOT_UPDATE%'),"
                    + " count(*) filter (where rm = 'Heap' and rt like 'DELETE%'),"
                    + " count(*) filter (where rm = 'Btree' and rt like 'INSERT%'), count(*) filter (where fpi > 0)"
                    + " from named where tab is not null group by tab order by count(*) desc limit 30");
            Map<String, Object> tables = new LinkedHashMap<>();
            for (String line : perTable.split("\n")) {
                String[] c = line.split("\t");
                if (c.length < 7) {
                    continue;
                }
                tables.put(c[0], String.format(Locale.ROOT, "ins %.1f upd %.1f hot %.1f del %.1f idx %.1f fpi %.1f",
                        Long.parseLong(c[1]) / ops, Long.parseLong(c[2]) / ops, Long.parseLong(c[3]) / ops,
                        Long.parseLong(c[4]) / ops, Long.parseLong(c[5]) / ops, Long.parseLong(c[6]) / ops));
            }
            m.put("perTablePerOp", tables);
            System.out.printf(Locale.ROOT, "%-22s WAL/op: %s records, %s bytes (%s full pages, %s bytes), %s commits;"
                            + " heap ins %s, upd %s + HOT %s, del %s; index entries %s%n", "", m.get("walRecordsPerOp"),
                    m.get("walBytesPerOp"), m.get("walFpiPerOp"), m.get("walFpiBytesPerOp"), m.get("commitsPerOp"),
                    m.get("heapInsertsPerOp"), m.get("heapUpdatesNotHotPerOp"), m.get("heapUpdatesHotPerOp"),
                    m.get("heapDeletesPerOp"), m.get("indexInsertsPerOp"));
        } catch (Exception e) {
            m.put("error", e.getMessage());
            System.out.println("WAL not counted: " + e.getMessage());
        } finally {
            close();
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (Exception ignored) {
            // psql already gone
        }
        try {
            psql.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        psql.destroy();
        if (open == this) {
            open = null;
        }
    }
}
