package io.complaintflow.bench;

import io.complaintflow.HandlerForms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.complaintflow.bench.Bench.*;
import static io.complaintflow.bench.Http.*;
import static io.complaintflow.bench.Load.*;
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** The jobs intake leaves (drained and counted), the footprint of one complaint, and the sustained phase. */
final class Sustained {

    private Sustained() {
    }

    // ---------------------------------------------------------------- async work, footprint, sustained

    /** The ladder task's jobs: what {@link #modelGeneration} answers for generation 3. */
    static final String LADDER_TASK = "ladder task (generation 3)";

    /**
     * Which lifecycle models the node runs: the ladder task with its one job per deadline group (generation 3), the
     * deadline ladder's instances with one timer each (2) or boundary timers (1). Generation 3 still deploys the
     * ladder's process (for complaints started on generation 2): its lifecycle model is what tells.
     */
    static String modelGeneration(String base) throws Exception {
        String lifecycle = ok(send("GET", base + "/engine-rest/process-definition/key/complaint-handling/xml", null,
                null), "lifecycle model");
        if (lifecycle.contains("deadlineLadderTask")) {
            return LADDER_TASK;
        }
        String body = ok(send("GET", base + "/engine-rest/process-definition/count?key=deadline-ladder", null, null),
                "definitions");
        return body.contains("\"count\":0") ? "boundary timers (8 per routine complaint)" : "deadline-ladder";
    }

    /**
     * Due jobs not yet run. On PostgreSQL asked with psql: Camunda's job count (a DISTINCT over a join with the
     * executions and an authorization check) took 100-140 ms of PostgreSQL CPU at a backlog of a few thousand, and
     * polled every 200 ms while the jobs drained it put a third of a core into the "with jobs" figures and took it
     * from the job executor. psql's backend lives for one statement and is not counted, like autovacuum's.
     */
    static long executableJobs(String base) throws Exception {
        if (!"h2".equals(opt("db-kind", "postgres"))) {
            return Long.parseLong(sql("select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
                    + " and (duedate_ is null or duedate_ <= localtimestamp)"));
        }
        String body = ok(send("GET", base + "/engine-rest/job/count?executable=true&withRetriesLeft=true", null, null),
                "job count");
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static Map<String, Object> drain(String base, String what) throws Exception {
        return drain(base, what, null);
    }

    /**
     * Waits until the job executor has run every job that is due (what intake left after its async boundary, mails);
     * with {@code s}, adds the CPU per operation from the start of the load until then: the complaint's whole cost.
     */
    static Map<String, Object> drain(String base, String what, Stats s) throws Exception {
        long t0 = System.nanoTime();
        long backlog = executableJobs(base);
        long deadline = t0 + 600_000_000_000L;
        while (executableJobs(base) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = (System.nanoTime() - t0) / 1e9;
        m.put("jobsLeftByRequests", backlog);
        m.put("drainSeconds", round(seconds));
        if (s != null && s.latenciesNanos.length > 0 && measured != null) {
            if (s.window != null) {
                s.window.extend(postgresCpuMillis() - s.pgAtStart);
            }
            double n = s.latenciesNanos.length;
            m.put("appCpuMsPerOpWithJobs", round((measured.cpuMillis() - s.cpuAtStart) / n));
            m.put("dbCpuMsPerOpWithJobs", round((postgresCpuMillis() - s.pgAtStart) / n));
            m.put("dbRowsWrittenPerOpWithJobs", round((dbRowsWritten() - s.rowsAtStart) / n));
            m.put("endToEndPerSecond", round(n / (s.seconds + seconds)));
            System.out.printf(Locale.ROOT, "%-22s jobs after the requests: %d due, drained in %.1f s; cpu/op with jobs app %s db %s ms%n",
                    what, backlog, seconds, m.get("appCpuMsPerOpWithJobs"), m.get("dbCpuMsPerOpWithJobs"));
            if (s.wal != null) {
                // after the CPU figures: reading the log is work of its own
                m.put("wal", s.wal.count(n));
            }
        }
        return m;
    }

    /** Rows inserted, updated and deleted in the bench database so far (PostgreSQL statistics; 0 on H2). */
    static long dbRowsWritten() {
        if ("h2".equals(opt("db-kind", "postgres"))) {
            return 0;
        }
        try {
            Thread.sleep(1200); // a backend reports its row counts within a second of going idle
            return Long.parseLong(sql("select tup_inserted + tup_updated + tup_deleted from pg_stat_database"
                    + " where datname = current_database()"));
        } catch (Exception e) {
            return 0;
        }
    }

    static String q(String sqlText) {
        return "'" + sqlText.replace("'", "''") + "'";
    }

    /**
     * One routine complaint on the fresh database: what it holds in the engine while it waits at its department
     * (timer jobs, variables), then, walked to CLOSED, the history rows it left per table, and every engine row that
     * carries the customer's phone number.
     */
    static Map<String, Object> footprint(String base) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        String body = complaintBody(true);
        Matcher pm = Pattern.compile("\"phone\":\"(\\d+)\"").matcher(body);
        pm.find();
        String phone = pm.group(1);
        HttpResponse<String> r = send("POST", base + "/api/complaints", "application/json", body);
        String cn = json(ok(r, "footprint intake"), "caseNumber");
        drain(base, "footprint");
        String instances = "select id_ from act_ru_execution where business_key_ = " + q(cn) + " and id_ = proc_inst_id_";
        m.put("caseNumber", cn);
        m.put("waitingProcessInstances", sql("select string_agg(d.key_, ',' order by d.key_) from act_ru_execution e"
                + " join act_re_procdef d on d.id_ = e.proc_def_id_ where e.id_ in (" + instances + ")"));
        m.put("waitingTimerJobs", Long.parseLong(sql("select count(*) from act_ru_job where type_ = 'timer'"
                + " and process_instance_id_ in (" + instances + ")")));
        // a ladder task's job (generation 3) has no job definition: named by the activity its execution waits at
        m.put("waitingTimers", sql("select coalesce(string_agg(coalesce(d.act_id_, x.act_id_, '?'), ','"
                + " order by coalesce(d.act_id_, x.act_id_, '?')), '')"
                + " from act_ru_job j left join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " left join act_ru_execution x on x.id_ = j.execution_id_ where j.type_ = 'timer'"
                + " and j.process_instance_id_ in (" + instances + ")"));
        m.put("waitingJobs", Long.parseLong(sql("select count(*) from act_ru_job where process_instance_id_ in ("
                + instances + ")")));
        m.put("waitingExecutions", Long.parseLong(sql("select count(*) from act_ru_execution where proc_inst_id_ in ("
                + instances + ")")));
        String vars = "from act_ru_variable v left join act_ge_bytearray b on b.id_ = v.bytearray_id_"
                + " where v.proc_inst_id_ in (" + instances + ")";
        m.put("waitingVariables", Long.parseLong(sql("select count(*) " + vars)));
        m.put("waitingVariableBytes", Long.parseLong(sql("select coalesce(sum(coalesce(octet_length(v.text_), 0)"
                + " + coalesce(octet_length(v.text2_), 0) + coalesce(octet_length(b.bytes_), 0)"
                + " + case when v.long_ is not null or v.double_ is not null then 8 else 0 end), 0) " + vars)));
        m.put("waitingVariableNames", sql("select string_agg(distinct v.name_, ',') " + vars));
        m.put("waitingEventSubscriptions", Long.parseLong(sql("select count(*) from act_ru_event_subscr"
                + " where proc_inst_id_ in (" + instances + ")")));
        // the engine's grants on the complaint's open tasks (one per candidate group and assignee): the rows the
        // handlers' authorized task queries join
        m.put("waitingAuthorizations", Long.parseLong(sql("select count(*) from act_ru_authorization a"
                + " join act_ru_task t on t.id_ = a.resource_id_ where t.proc_inst_id_ in (" + instances + ")")));

        walkToClosed(base, cn);
        drain(base, "footprint closed");
        String status = json(ok(send("GET", base + "/api/complaints/" + cn, null, null), "read"), "status");
        m.put("statusAfterWalk", status);
        String roots = "select distinct root_proc_inst_id_ from act_hi_procinst where business_key_ = " + q(cn);
        Map<String, Object> history = new LinkedHashMap<>();
        long total = 0;
        for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst",
                "act_hi_detail", "act_hi_identitylink", "act_hi_job_log", "act_hi_op_log", "act_hi_comment",
                "act_hi_incident", "act_hi_decinst", "act_hi_dec_in", "act_hi_dec_out", "act_ge_bytearray")) {
            long n = Long.parseLong(sql("select count(*) from " + table + " where root_proc_inst_id_ in (" + roots + ")"));
            history.put(table, n);
            total += n;
        }
        history.put("total", total);
        m.put("historyRowsWhenClosed", history);
        m.put("historyByProcess", sql("select string_agg(k || ':' || n, ' ') from (select proc_def_key_ k, count(*) n"
                + " from act_hi_actinst where root_proc_inst_id_ in (" + roots + ") group by 1 order by 1) x"));
        m.put("historyVariableUpdatesByName", sql("select string_agg(name_ || ':' || n, ' ') from (select name_, count(*) n"
                + " from act_hi_detail where root_proc_inst_id_ in (" + roots + ") group by 1 order by 2 desc, 1 limit 25) x"));
        List<String> tables = Arrays.asList(sql("select string_agg(table_name, ',' order by table_name)"
                + " from information_schema.tables where table_schema = current_schema() and table_name like 'act\\_%'")
                .split(","));
        StringBuilder union = new StringBuilder();
        for (String t : tables) {
            union.append(union.isEmpty() ? "" : " union all ").append("select '").append(t).append("' t, count(*) n from ")
                    .append(t).append(" x where x::text like '%").append(phone).append("%'");
        }
        union.append(" union all select 'act_ge_bytearray (bytes)', count(*) from act_ge_bytearray where position(convert_to('")
                .append(phone).append("', 'UTF8') in bytes_) > 0");
        String phoneRows = sql("select coalesce(string_agg(t || ':' || n, ' '), '') from (" + union + ") x where n > 0");
        long phoneTotal = Arrays.stream(phoneRows.split(" ")).filter(x -> x.contains(":"))
                .mapToLong(x -> Long.parseLong(x.substring(x.lastIndexOf(':') + 1))).sum();
        m.put("engineRowsWithPhone", phoneTotal);
        m.put("engineRowsWithPhoneByTable", phoneRows);
        System.out.println("footprint " + cn + ": waiting at the department " + m.get("waitingTimerJobs") + " timer jobs ("
                + m.get("waitingTimers") + "), " + m.get("waitingVariables") + " variables (" + m.get("waitingVariableBytes")
                + " bytes), " + m.get("waitingAuthorizations") + " authorization rows, processes " + m.get("waitingProcessInstances") + "; " + status + ": " + total
                + " history rows " + history + "; engine rows with the phone " + phoneTotal + " " + phoneRows);
        return m;
    }

    /**
     * Intake at c=16 for {@code seconds}, counting complaints whose asynchronous part is done — graded, routed and the
     * department's first task created — and how fast they got there end to end.
     */
    static Map<String, Object> sustained(String base, int seconds) throws Exception {
        String la = loadAverage();
        String since = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now().minusSeconds(1));
        long t0 = System.currentTimeMillis();
        Stats s = load("sustained c=16", 16, seconds, () -> postComplaint(base, false));
        long accepted = s.latenciesNanos.length;
        long tasksInWindow = firstTasks(base, since);
        long backlogAtEnd = executableJobs(base);
        Map<String, Object> m = new LinkedHashMap<>(s.toMap(16, la, null));
        m.putAll(drain(base, "sustained c=16", s));
        long tasks = firstTasks(base, since);
        String last = ok(send("GET", base + "/engine-rest/task?taskDefinitionKey=" + HandlerForms.DEPARTMENT_TASK + "&createdAfter="
                + java.net.URLEncoder.encode(since, StandardCharsets.UTF_8) + "&sortBy=created&sortOrder=desc&maxResults=1",
                null, null), "last task");
        String created = json(last, "created");
        double span = created == null ? Double.NaN : (java.time.OffsetDateTime.parse(created,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant().toEpochMilli() - t0) / 1000.0;
        m.put("accepted", accepted);
        m.put("firstTasksWithinWindow", tasksInWindow);
        m.put("firstTasksPerSecondWithinWindow", round(tasksInWindow / s.seconds));
        m.put("jobsPendingAtEndOfWindow", backlogAtEnd);
        m.put("firstTasks", tasks);
        m.put("lastFirstTaskAfterSeconds", round(span));
        m.put("endToEndPerSecond", round(tasks / Math.max(span, s.seconds)));
        m.put("grants", grants("sustained"));
        System.out.printf(Locale.ROOT, "sustained: %d accepted in %.0f s (%.1f/s), %d first tasks within the window (%.1f/s),"
                        + " %d jobs behind at its end; all %d first tasks after %.1f s: %.1f/s end to end%n",
                accepted, s.seconds, s.rate(), tasksInWindow, tasksInWindow / s.seconds, backlogAtEnd, tasks, span,
                tasks / Math.max(span, s.seconds));
        return m;
    }

    /**
     * The engine's authorization rows as the handlers' task queries meet them: all of them, those on open tasks (the
     * grants Camunda writes per task for its candidate groups and assignee), and those per complaint with open tasks.
     */
    static Map<String, Object> grants(String when) throws Exception {
        String[] r = sql("select (select count(*) from act_ru_authorization) || ' ' || count(a.id_) || ' '"
                + " || count(distinct t.id_) || ' ' || count(distinct e.business_key_) from act_ru_task t"
                + " join act_ru_execution e on e.id_ = t.proc_inst_id_ left join act_ru_authorization a"
                + " on a.resource_type_ = 7 and a.resource_id_ = t.id_").split(" ");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authorizationRows", Long.parseLong(r[0]));
        m.put("taskGrantRows", Long.parseLong(r[1]));
        m.put("waitingTasks", Long.parseLong(r[2]));
        m.put("waitingComplaints", Long.parseLong(r[3]));
        double perComplaint = Long.parseLong(r[1]) / (double) Math.max(1, Long.parseLong(r[3]));
        m.put("taskGrantRowsPerWaitingComplaint", round(perComplaint));
        System.out.printf(Locale.ROOT, "%-22s authorization rows %s, on open tasks %s (%s tasks of %s complaints):"
                + " %.2f per waiting complaint%n", when, r[0], r[1], r[2], r[3], perComplaint);
        return m;
    }

    static long firstTasks(String base, String since) throws Exception {
        String body = ok(send("GET", base + "/engine-rest/task/count?taskDefinitionKey=" + HandlerForms.DEPARTMENT_TASK + "&createdAfter="
                + java.net.URLEncoder.encode(since, StandardCharsets.UTF_8), null, null), "task count");
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

}
