package io.complaintflow.bench;

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

import static io.complaintflow.bench.Http.*;
import static io.complaintflow.bench.Load.*;
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/**
 * ComplaintFlow benchmark: starts the application jar (one node, later a second) on PostgreSQL, loads it over
 * real HTTP and prints/writes the figures. Run through bench/run.sh, which builds the jar and these classes (test
 * sources: a change of the forms' values in {@code HandlerForms} reaches the bench at compile time) and recreates
 * the database first. At run time JDK only: java.net.http, jdk.jfr, psql for the SQL steps. One class per phase.
 *
 * Options (--name=value, or environment BENCH_NAME): see usage() below.
 */
public final class Bench {

    private Bench() {
    }

    // ---------------------------------------------------------------- options

    static final Map<String, String> OPTS = new LinkedHashMap<>();

    static String opt(String name, String dflt) {
        String v = OPTS.get(name);
        if (v == null) {
            v = System.getenv("BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return v == null || v.isEmpty() ? dflt : v;
    }

    static int optInt(String name, int dflt) {
        return Integer.parseInt(opt(name, String.valueOf(dflt)));
    }

    static void usage() {
        System.out.println("""
                bench/run.sh [--name=value ...]           (each also as environment BENCH_<NAME>)
                  --phases=footprint,intake,ceiling,sustained,lifecycle,storm  which measurements to run
                  --db-kind=postgres        postgres, or h2 (a fresh H2 file per run; only intake and ceiling)
                  --sustained=60            seconds of the sustained end-to-end phase (intake at c=16, until graded,
                                            routed and the department's first task exists)
                  --levels=4,16,64          concurrency levels of intake and engine ceiling
                  --duration=15             seconds per level (after --warmup seconds of warm-up)
                  --warmup=10               seconds of warm-up load before the measured levels
                  --lifecycle-duration=30   seconds of the lifecycle phase
                  --lifecycle-warmup=10     seconds of unmeasured handlers first (the JIT compiles claim and submit)
                  --lifecycle-workers=16    simulated handlers (each carries one complaint at a time)
                  --storm=10000             complaints whose escalation timers fall due together
                  --paced-rate=10           phase "paced" (not in the default set): two nodes, each sent this many
                  --paced-seconds=60        intake requests per second on a fixed schedule (open loop) for this long;
                                            reports the pools' peak active/pending connections, waits that timed
                                            out, 5xx, latency, load average and CPU per request
                  --storm-timeout=600       seconds to wait for the storm to finish
                  --start-timeout=180       seconds a node may take until health UP (more on a loaded machine)
                  --jar=target/complaintflow-0.1.0-SNAPSHOT.jar
                  --db=complaintflow_bench  --db-host=127.0.0.1 --db-port=5432 --db-user=postgres
                  --port1=18081 --port2=18082 --smtp-port=12525
                  --jvm-opts=-Xmx512m        options of both nodes' JVMs (space-separated)
                  --profiles=postgres,demo  Spring profiles of the nodes (demo: the demo users log in)
                  --jfr=true                record node 1 with JFR (bench/results/<run>-node1.jfr) and print where
                                            the CPU of each phase went (also: --profile-of=bench/results/bench-<run>.json)
                  --backend-contexts=false  true: after each phase every backend of the bench database writes its
                                            memory contexts to PostgreSQL's log (bench/backend-memory.py sums them);
                                            the backends' RssAnon is printed with the resources either way
                  --user=demo --password=demo   HTTP Basic credentials sent with every request
                  --label=...               free text stored with the results (e.g. the tuning step)
                """);
    }

    // ---------------------------------------------------------------- shared state

    static HttpClient http;
    static String auth;
    static final Path RESULTS = Path.of("bench/results");
    static String runId;
    static final Map<String, Object> RESULT = new LinkedHashMap<>();
    static final AtomicLong SEQ = new AtomicLong();
    static final String RUN_TAG = Long.toString(System.currentTimeMillis() % 100000);

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                usage();
                return;
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            OPTS.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        if (OPTS.containsKey("profile-of")) {
            Profile.reprint(Path.of(OPTS.get("profile-of")));
            return;
        }
        runId = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        Files.createDirectories(RESULTS);
        auth = "Basic " + Base64.getEncoder().encodeToString(
                (opt("user", "demo") + ":" + opt("password", "demo")).getBytes(StandardCharsets.UTF_8));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
        boolean h2 = "h2".equals(opt("db-kind", "postgres"));
        List<String> phases = Arrays.asList(opt("phases", h2 ? "intake,ceiling"
                : "footprint,intake,ceiling,sustained,lifecycle,storm").split(","));

        RESULT.put("run", runId);
        RESULT.put("label", opt("label", ""));
        RESULT.put("database", h2 ? "H2 (file)" : "PostgreSQL");
        RESULT.put("machine", machine());
        RESULT.put("loadBefore", loadAverage());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("phases", String.join(",", phases));
        config.put("levels", opt("levels", "4,16,64"));
        config.put("durationSeconds", optInt("duration", 15));
        config.put("warmupSeconds", optInt("warmup", 10));
        config.put("lifecycleWarmupSeconds", optInt("lifecycle-warmup", 10));
        config.put("jvmOpts", opt("jvm-opts", "-Xmx512m"));
        RESULT.put("config", config);

        SmtpSink smtp = new SmtpSink(optInt("smtp-port", 12525));
        smtp.start();
        Node node1 = null;
        Node node2 = null;
        Sampler sampler = null;
        boolean jfr = Boolean.parseBoolean(opt("jfr", "false"));
        try {
            node1 = Node.start(1, optInt("port1", 18081), jfr);
            RESULT.put("startupSeconds", node1.startupMillis / 1000.0);
            RESULT.put("startupCpuSeconds", node1.startupCpuMillis / 1000.0);
            measured = node1;
            sampler = new Sampler(node1);
            sampler.start();
            if (!h2) {
                Vacuum.startIfServerDoesNot(config);
            }
            String base = node1.base;
            RESULT.put("model", modelGeneration(base));

            if (phases.contains("footprint") && !h2) {
                RESULT.put("footprint", footprint(base));
            }
            int[] levels = Arrays.stream(opt("levels", "4,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
            int seconds = optInt("duration", 15);
            if (phases.contains("ceiling")) {
                deployNoop(base);
            }
            if (phases.contains("intake") || phases.contains("ceiling")) {
                int warm = optInt("warmup", 10);
                if (warm > 0) {
                    System.out.println("warm-up " + warm + " s");
                    if (phases.contains("ceiling")) {
                        load("warmup-ceiling", 8, warm / 2 + 1, () -> startNoop(base));
                    }
                    load("warmup-intake", 8, warm, () -> postComplaint(base, false));
                    drain(base, "warm-up");
                }
            }
            List<Map<String, Object>> intake = new ArrayList<>();
            List<Map<String, Object>> ceiling = new ArrayList<>();
            for (int c : levels) {
                Stats e = null;
                if (phases.contains("ceiling")) {
                    String la = loadAverage();
                    e = load("ceiling c=" + c, c, seconds, () -> startNoop(base));
                    ceiling.add(e.toMap(c, la, null));
                }
                if (phases.contains("intake")) {
                    String la = loadAverage();
                    Stats s = load("intake c=" + c, c, seconds, () -> postComplaint(base, false));
                    Map<String, Object> row = s.toMap(c, la, e == null ? null : s.rate() / e.rate());
                    // what the request left to the job executor (grading and routing after an async boundary, mails)
                    // is part of the complaint's cost: CPU until every job it created has run
                    row.putAll(drain(base, "intake c=" + c, s));
                    intake.add(row);
                }
            }
            RESULT.put("intake", intake);
            RESULT.put("engineCeiling", ceiling);
            RESULT.put("resourcesAfterIntake", sampler.snapshot());

            if (phases.contains("sustained") && !h2) {
                RESULT.put("sustained", sustained(base, optInt("sustained", 60)));
            }
            if (phases.contains("lifecycle")) {
                RESULT.put("lifecycle", lifecycle(base, optInt("lifecycle-workers", 16),
                        optInt("lifecycle-duration", 30), optInt("lifecycle-warmup", 10)));
                RESULT.put("resourcesAfterLifecycle", sampler.snapshot());
            }
            if (phases.contains("paced") && !h2) {
                RESULT.put("paced", paced(node1, optInt("paced-rate", 10), optInt("paced-seconds", 60)));
            }
            if (phases.contains("storm") && !h2) {
                RESULT.put("storm", storm(node1, optInt("storm", 10000), sampler));
            }
            RESULT.put("resources", sampler.snapshot());
            RESULT.put("mailsReceivedBySink", smtp.mails.get());
            RESULT.put("smtpConnectionsToSink", smtp.connections.get());
        } finally {
            if (sampler != null) {
                sampler.stop();
            }
            RESULT.put("loadAfter", loadAverage());
            if (node2 != null) {
                node2.stop();
            }
            for (Node n : Node.ALL) {
                n.stop();
            }
            smtp.stop();
            RESULT.put("profileWindows", Profile.windowLines());
            Path out = RESULTS.resolve("bench-" + runId + ".json");
            Files.writeString(out, Json.write(RESULT) + "\n");
            printTable();
            System.out.println("results: " + out);
            if (jfr) {
                Path recording = RESULTS.resolve(runId + "-node1.jfr");
                String table = Profile.summarize(recording, Profile.WINDOWS);
                Files.writeString(RESULTS.resolve("bench-" + runId + "-profile.txt"), table);
                System.out.println(table);
            }
            http.executor().ifPresent(x -> ((ExecutorService) x).shutdownNow());
        }
        System.exit(0);
    }

}
