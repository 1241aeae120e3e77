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
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** Phase "lifecycle": simulated handlers carrying complaints from intake to CLOSED with the forms tests submit. */
final class Lifecycle {

    private Lifecycle() {
    }

    // ---------------------------------------------------------------- lifecycle

    /** One department, the center answers, the customer accepts: the complaint is CLOSED (callback pending). */
    static Map<String, Object> lifecycle(String base, int workers, int seconds, int warmupSeconds) throws Exception {
        AtomicInteger tasksDone = new AtomicInteger();
        Call closeOne = () -> {
            String cn = postComplaint(base, true);
            walkToClosed(base, cn);
            tasksDone.addAndGet(3);
            String status = json(ok(send("GET", base + "/api/complaints/" + cn, null, null), "read"), "status");
            if (!"CLOSED".equals(status)) {
                throw new IllegalStateException(cn + " ended " + status + ", not CLOSED");
            }
            return cn;
        };
        if (warmupSeconds > 0) {
            // The intake's warm-up never runs a claim or a submit: without this the JIT compiled the handlers' paths
            // inside the measured window (26.5 ms per closed complaint of a 30 s phase in the eleventh session's
            // first profile) — a node's start-up cost, not the complaint's.
            System.out.println("lifecycle warm-up " + warmupSeconds + " s");
            load("warmup-lifecycle", workers, warmupSeconds, closeOne);
            drain(base, "lifecycle warm-up");
            tasksDone.set(0);
        }
        String la = loadAverage();
        Map<String, Object> grantsBefore = grants("lifecycle, before");
        long queries0 = TASK_QUERIES.get();
        Stats s = load("lifecycle w=" + workers, workers, seconds, closeOne);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> jobs = drain(base, "lifecycle", s);
        m.put("workers", workers);
        m.put("closed", s.latenciesNanos.length);
        m.put("errors", s.errors);
        m.put("seconds", round(s.seconds));
        m.put("closedPerSecond", round(s.rate()));
        m.put("userTasksPerSecond", round(tasksDone.get() / s.seconds));
        m.put("p50MsPerComplaint", round(s.pct(50)));
        m.put("p99MsPerComplaint", round(s.pct(99)));
        double queries = (TASK_QUERIES.get() - queries0) / (double) Math.max(1, s.latenciesNanos.length);
        // intake, three times (task queries, claim, submit), the final read
        m.put("taskQueriesPerComplaint", round(queries));
        m.put("requestsPerComplaint", round(queries + 8));
        m.put("appCpuMsPerComplaint", round(s.appCpuMsPerOp));
        m.put("dbCpuMsPerComplaint", round(s.dbCpuMsPerOp));
        m.put("appCpuMsPerComplaintWithJobs", jobs.get("appCpuMsPerOpWithJobs"));
        m.put("dbCpuMsPerComplaintWithJobs", jobs.get("dbCpuMsPerOpWithJobs"));
        m.put("dbRowsWrittenPerComplaint", jobs.get("dbRowsWrittenPerOpWithJobs"));
        if (jobs.get("wal") != null) {
            m.put("walPerComplaint", jobs.get("wal"));
        }
        if (s.firstError != null) {
            m.put("firstError", s.firstError);
        }
        m.put("loadAverageBefore", la);
        m.put("grantsBefore", grantsBefore);
        m.put("grantsAfter", grants("lifecycle, after"));
        return m;
    }

    static final AtomicLong TASK_QUERIES = new AtomicLong();

    /** The department proposes, the center answers, the customer accepts: the walk to CLOSED, as handlers submit it. */
    static void walkToClosed(String base, String caseNumber) throws Exception {
        work(base, caseNumber, HandlerForms.DEPARTMENT_TASK, "logistics",
                HandlerForms.proposal("已联系快递补发包裹", 50, "process"));
        work(base, caseNumber, HandlerForms.ANSWER_TASK, "center", HandlerForms.answer("已为您补发包裹并补偿 50 元", 50));
        // closing records the root cause, the responsible department and whether it was preventable (PDCA)
        work(base, caseNumber, HandlerForms.CONFIRM_TASK, "center", HandlerForms.customerAccepts("process", "logistics"));
    }

    /** Finds the open task by business key, claims it as a handler would in Tasklist, and submits the form. */
    static void work(String base, String caseNumber, String taskKey, String user, Map<String, Object> values)
            throws Exception {
        String tasks = "";
        List<String> ids = List.of();
        // after an asynchronous step (intake's grading and routing) the task appears once the job executor ran it
        // A handler's Tasklist refreshes every few seconds; polling every 50 ms made the task queries, not the
        // complaint, the largest part of the closed complaint's CPU. The wait doubles up to half a second, and the
        // queries are counted (requests per closed complaint).
        long pause = 50;
        for (long until = System.nanoTime() + 60_000_000_000L; ids.isEmpty() && System.nanoTime() < until; ) {
            TASK_QUERIES.incrementAndGet();
            tasks = ok(send("GET", base + "/engine-rest/task?processInstanceBusinessKey=" + caseNumber
                    + "&taskDefinitionKey=" + taskKey + "&active=true", null, null), "task query");
            ids = jsonAll(tasks, "id");
            if (ids.isEmpty()) {
                Thread.sleep(pause);
                pause = Math.min(500, pause * 2);
            }
        }
        if (ids.size() != 1) {
            throw new IllegalStateException(caseNumber + ": expected one " + taskKey + ", got " + abbreviate(tasks));
        }
        String id = ids.get(0);
        ok(send("POST", base + "/engine-rest/task/" + id + "/claim", "application/json",
                "{\"userId\":\"" + user + "\"}"), "claim");
        ok(send("POST", base + "/engine-rest/task/" + id + "/submit-form", "application/json",
                "{\"variables\":" + variables(values) + "}"), "submit " + taskKey);
    }

    /** Form values as Camunda's REST API takes them: whole numbers as Long, everything else as a string. */
    static String variables(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, value instanceof Number n
                ? Map.of("value", n.longValue(), "type", "Long") : Map.of("value", String.valueOf(value))));
        return Json.write(typed);
    }
}
