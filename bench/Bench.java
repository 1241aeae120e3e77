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

/**
 * ComplaintFlow benchmark: starts the application jar (one node, later a second) on PostgreSQL, loads it over
 * real HTTP and prints/writes the figures. Run through bench/run.sh, which builds the jar and recreates the
 * database first. No dependencies: java.net.http, psql for the two SQL steps of the deadline storm.
 *
 * Options (--name=value, or environment BENCH_NAME): see usage() below.
 */
public class Bench {

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
                java bench/Bench.java [--name=value ...]   (each also as environment BENCH_<NAME>)
                  --phases=footprint,intake,ceiling,sustained,lifecycle,storm  which measurements to run
                  --db-kind=postgres        postgres, or h2 (a fresh H2 file per run; only intake and ceiling)
                  --sustained=60            seconds of the sustained end-to-end phase (intake at c=16, until graded,
                                            routed and the department's first task exists)
                  --levels=4,16,64          concurrency levels of intake and engine ceiling
                  --duration=15             seconds per level (after --warmup seconds of warm-up)
                  --warmup=10               seconds of warm-up load before the measured levels
                  --lifecycle-duration=30   seconds of the lifecycle phase
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
                        optInt("lifecycle-duration", 30)));
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

    // ---------------------------------------------------------------- HTTP

    static HttpResponse<String> send(String method, String url, String contentType, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String ok(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return r.body();
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static List<String> jsonAll(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        List<String> all = new ArrayList<>();
        while (m.find()) {
            all.add(m.group(1));
        }
        return all;
    }

    /** A routine complaint (G1, known category, new customer, own product): goes straight to one department. */
    static String complaintBody(boolean lifecycle) {
        long n = SEQ.incrementAndGet();
        String phone = "13" + String.format("%09d", (Long.parseLong(RUN_TAG) * 100000 + n) % 1_000_000_000L);
        String category = lifecycle ? "delivery" : (n % 2 == 0 ? "delivery" : "billing");
        return """
                {"channel":"hotline","customer":{"name":"压测客户%d","phone":"%s","email":"c%d@bench.example"},
                 "category":"%s","product":"压测产品-%s-%d","subject":"包裹未送达",
                 "description":"下单后一周仍未收到包裹，客服电话无人接听，请尽快处理并给出说明。"}
                """.formatted(n, phone, n, category, RUN_TAG, n);
    }

    static String postComplaint(String base, boolean lifecycle) throws Exception {
        HttpResponse<String> r = send("POST", base + "/api/complaints", "application/json", complaintBody(lifecycle));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("intake: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return json(r.body(), "caseNumber");
    }

    static final String NOOP_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_BenchNoop"
                targetNamespace="http://complaintflow.io/bench">
              <bpmn:process id="bench-noop" name="压测空流程" isExecutable="true" camunda:historyTimeToLive="1">
                <bpmn:startEvent id="StartEvent_Noop"/>
                <bpmn:sequenceFlow id="Flow_Noop" sourceRef="StartEvent_Noop" targetRef="EndEvent_Noop"/>
                <bpmn:endEvent id="EndEvent_Noop"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    /** Deploys the bench-only no-op process through the REST API (only into the bench database). */
    static void deployNoop(String base) throws Exception {
        String boundary = "----bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench-noop\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench-noop.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + NOOP_BPMN + "\r\n--" + boundary + "--\r\n";
        ok(send("POST", base + "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body),
                "deploy bench-noop");
    }

    static String startNoop(String base) throws Exception {
        return ok(send("POST", base + "/engine-rest/process-definition/key/bench-noop/start", "application/json",
                "{\"businessKey\":\"NOOP-" + SEQ.incrementAndGet() + "\"}"), "start bench-noop");
    }

    // ---------------------------------------------------------------- closed-loop load

    interface Call {
        Object run() throws Exception;
    }

    static final class Stats {
        final String name;
        final long[] latenciesNanos;
        final int errors;
        final double seconds;
        final String firstError;
        double appCpuMsPerOp = Double.NaN;
        double dbCpuMsPerOp = Double.NaN;
        double dbRowsPerOp = Double.NaN;
        String load;
        long cpuAtStart;
        long pgAtStart;
        long rowsAtStart;
        Profile.Window window;

        Stats(String name, long[] latenciesNanos, int errors, double seconds, String firstError) {
            this.name = name;
            this.latenciesNanos = latenciesNanos;
            this.errors = errors;
            this.seconds = seconds;
            this.firstError = firstError;
            Arrays.sort(this.latenciesNanos);
        }

        double rate() {
            return latenciesNanos.length / seconds;
        }

        double pct(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
        }

        Map<String, Object> toMap(int concurrency, String load, Double ratio) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("concurrency", concurrency);
            m.put("requests", latenciesNanos.length);
            m.put("errors", errors);
            m.put("seconds", round(seconds));
            m.put("perSecond", round(rate()));
            m.put("p50Ms", round(pct(50)));
            m.put("p95Ms", round(pct(95)));
            m.put("p99Ms", round(pct(99)));
            m.put("maxMs", round(pct(100)));
            if (ratio != null) {
                m.put("ratioToCeiling", round(ratio));
            }
            m.put("appCpuMsPerOp", round(appCpuMsPerOp));
            m.put("dbCpuMsPerOp", round(dbCpuMsPerOp));
            m.put("dbRowsWrittenPerOp", round(dbRowsPerOp));
            m.put("loadAverageAfter", load);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("loadAverageBefore", load);
            return m;
        }
    }

    /** Node 1, whose CPU time per operation is reported: a figure that holds up while other work shares the cores. */
    static Node measured;

    static Stats load(String name, int concurrency, int seconds, Call call) throws InterruptedException {
        long cpu0 = measured == null ? 0 : measured.cpuMillis();
        long pg0 = postgresCpuMillis();
        long rows0 = dbRowsWritten();
        Profile.Window window = measured == null ? null : Profile.open(name, measured);
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            call.run();
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - t0;
                        } catch (Stop enough) {
                            break;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, abbreviate(String.valueOf(e.getMessage())));
                        }
                    }
                } finally {
                    all.add(Arrays.copyOf(mine, n));
                    done.countDown();
                }
            }, name + "-" + i);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        Stats s = new Stats(name, merged, errors.get(), elapsed, firstError.get());
        s.cpuAtStart = cpu0;
        s.pgAtStart = pg0;
        s.rowsAtStart = rows0;
        s.window = window;
        if (measured != null && merged.length > 0) {
            s.appCpuMsPerOp = (measured.cpuMillis() - cpu0) / (double) merged.length;
            s.dbCpuMsPerOp = (postgresCpuMillis() - pg0) / (double) merged.length;
            s.dbRowsPerOp = (dbRowsWritten() - rows0) / (double) merged.length;
        }
        if (window != null) {
            window.close(merged.length, postgresCpuMillis() - pg0);
        }
        s.load = loadAverage();
        System.out.printf(Locale.ROOT, "%-22s %8.1f/s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  errors %d  cpu/op app %.1f db %.1f ms"
                        + "  rows written/op %.0f  load %s%s%n",
                name, s.rate(), s.pct(50), s.pct(95), s.pct(99), s.errors, s.appCpuMsPerOp, s.dbCpuMsPerOp,
                s.dbRowsPerOp, s.load, s.firstError == null ? "" : "  (" + s.firstError + ")");
        return s;
    }

    // ---------------------------------------------------------------- paced: a fixed request rate on two nodes

    /**
     * The sizing claim of application-postgres.yaml: {@code rate} intake requests per second on each of two nodes
     * (open loop: sent on schedule whether or not earlier ones have answered, as independent clients do) do not
     * exhaust a node's connection pool. Samples each pool's active and pending connections four times a second
     * (actuator metrics {@code hikaricp.connections.*}) while the requests and then the jobs they leave run.
     */
    static Map<String, Object> paced(Node node1, int rate, int seconds) throws Exception {
        drain(node1.base, "before paced");
        Node node2 = Node.start(2, optInt("port2", 18082), false);
        List<Node> nodes = List.of(node1, node2);
        String load0 = loadAverage();
        long cpu0 = node1.cpuMillis() + node2.cpuMillis();
        long pg0 = postgresCpuMillis();
        long[] timeouts0 = {poolMetric(node1, "hikaricp.connections.timeout", "COUNT"),
                poolMetric(node2, "hikaricp.connections.timeout", "COUNT")};
        double[] maxActive = new double[2];
        double[] maxPending = new double[2];
        double[] maxTotal = new double[2];
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (int i = 0; i < 2; i++) {
                    maxActive[i] = Math.max(maxActive[i], poolMetric(nodes.get(i), "hikaricp.connections.active", "VALUE"));
                    maxPending[i] = Math.max(maxPending[i], poolMetric(nodes.get(i), "hikaricp.connections.pending", "VALUE"));
                    maxTotal[i] = Math.max(maxTotal[i], poolMetric(nodes.get(i), "hikaricp.connections", "VALUE"));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pool-sampler");
        sampler.setDaemon(true);
        sampler.start();

        ExecutorService clients = Executors.newFixedThreadPool(64);
        ConcurrentLinkedQueue<long[]> results = new ConcurrentLinkedQueue<>(); // node, status, nanos
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int sent = 0;
        for (long k = 0; k < (long) rate * seconds; k++) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            for (int i = 0; i < 2; i++) {
                Node n = nodes.get(i);
                int node = i;
                clients.submit(() -> {
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = send("POST", n.base + "/api/complaints", "application/json", complaintBody(false))
                                .statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    results.add(new long[] {node, status, System.nanoTime() - t0});
                });
                sent++;
            }
        }
        clients.shutdown();
        clients.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String loadAfterRequests = loadAverage();
        long cpuRequests = node1.cpuMillis() + node2.cpuMillis() - cpu0;
        long pgRequests = postgresCpuMillis() - pg0;
        System.out.printf(Locale.ROOT, "paced requests done in %.1f s: load %s, CPU per request app %.1f db %.1f ms;"
                        + " pool peaks so far node1 active %.0f pending %.0f, node2 active %.0f pending %.0f%n", elapsed,
                loadAfterRequests, cpuRequests / (double) sent, pgRequests / (double) sent, maxActive[0], maxPending[0],
                maxActive[1], maxPending[1]);
        results.stream().collect(java.util.stream.Collectors.groupingBy(r -> "node" + (r[0] + 1) + ":" + r[1],
                TreeMap::new, java.util.stream.Collectors.counting())).forEach((k, v) -> System.out.println("  " + k + " " + v));
        Map<String, Object> jobs = drain(node1.base, "paced");
        sampling.set(false);
        sampler.join(2000);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratePerNode", rate);
        m.put("seconds", seconds);
        m.put("sent", sent);
        m.put("elapsedSeconds", round(elapsed));
        m.put("loadAverageBefore", load0);
        m.put("loadAverageAfterRequests", loadAfterRequests);
        for (int i = 0; i < 2; i++) {
            int node = i;
            long[] nanos = results.stream().filter(r -> r[0] == node && r[1] / 100 == 2).mapToLong(r -> r[2]).sorted()
                    .toArray();
            Map<String, Long> statuses = new TreeMap<>();
            results.stream().filter(r -> r[0] == node)
                    .forEach(r -> statuses.merge(r[1] == -1 ? "failed" : String.valueOf(r[1]), 1L, Long::sum));
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("statuses", statuses);
            n.put("p50Ms", round(percentile(nanos, 50)));
            n.put("p95Ms", round(percentile(nanos, 95)));
            n.put("p99Ms", round(percentile(nanos, 99)));
            n.put("maxMs", round(percentile(nanos, 100)));
            n.put("poolMaxActive", maxActive[i]);
            n.put("poolMaxPending", maxPending[i]);
            n.put("poolSize", maxTotal[i]);
            n.put("poolWaitsTimedOut", poolMetric(nodes.get(i), "hikaricp.connections.timeout", "COUNT") - timeouts0[i]);
            m.put("node" + (i + 1), n);
        }
        m.put("appCpuMsPerRequest", round(cpuRequests / (double) sent));
        m.put("dbCpuMsPerRequest", round(pgRequests / (double) sent));
        m.put("appCpuMsPerRequestWithJobs", round((node1.cpuMillis() + node2.cpuMillis() - cpu0) / (double) sent));
        m.put("dbCpuMsPerRequestWithJobs", round((postgresCpuMillis() - pg0) / (double) sent));
        m.put("drainSeconds", jobs.get("drainSeconds"));
        m.put("loadAverageAfter", loadAverage());
        System.out.println("paced " + rate + "/s per node for " + seconds + " s: " + m);
        node2.stop();
        Node.ALL.remove(node2);
        return m;
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
    }

    /** One statistic of the node's connection pool (actuator metrics), or -1. */
    static long poolMetric(Node node, String metric, String statistic) {
        try {
            String body = send("GET", node.base + "/actuator/metrics/" + metric, null, null).body();
            Matcher m = Pattern.compile("\\{\"statistic\"\\s*:\\s*\"" + statistic
                    + "\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+-]+)").matcher(body);
            return m.find() ? Math.round(Double.parseDouble(m.group(1))) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- async work, footprint, sustained

    /** Which lifecycle models the node runs: the deadline ladder (one timer per deadline) or boundary timers. */
    static String modelGeneration(String base) throws Exception {
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
        m.put("waitingTimers", sql("select coalesce(string_agg(coalesce(d.act_id_, '?'), ',' order by d.act_id_), '')"
                + " from act_ru_job j left join act_ru_jobdef d on d.id_ = j.job_def_id_ where j.type_ = 'timer'"
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

        work(base, cn, "Task_HandleComplaint", "logistics",
                "{\"outcome\":{\"value\":\"propose\"},\"proposal\":{\"value\":\"已联系快递补发包裹\"},"
                        + "\"compensation\":{\"value\":50,\"type\":\"Long\"},\"rootCause\":{\"value\":\"process\"}}");
        work(base, cn, "Task_AnswerCustomer", "center",
                "{\"answer\":{\"value\":\"已为您补发包裹并补偿 50 元\"},\"compensation\":{\"value\":50,\"type\":\"Long\"}}");
        work(base, cn, "Task_ConfirmWithCustomer", "center", "{\"customerDecision\":{\"value\":\"accept\"},"
                + "\"closureRootCause\":{\"value\":\"process\"},\"responsibleDepartment\":{\"value\":\"logistics\"},"
                + "\"preventable\":{\"value\":\"yes\"}}");
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
                + " bytes), processes " + m.get("waitingProcessInstances") + "; " + status + ": " + total
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
        String last = ok(send("GET", base + "/engine-rest/task?taskDefinitionKey=Task_HandleComplaint&createdAfter="
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
        System.out.printf(Locale.ROOT, "sustained: %d accepted in %.0f s (%.1f/s), %d first tasks within the window (%.1f/s),"
                        + " %d jobs behind at its end; all %d first tasks after %.1f s: %.1f/s end to end%n",
                accepted, s.seconds, s.rate(), tasksInWindow, tasksInWindow / s.seconds, backlogAtEnd, tasks, span,
                tasks / Math.max(span, s.seconds));
        return m;
    }

    static long firstTasks(String base, String since) throws Exception {
        String body = ok(send("GET", base + "/engine-rest/task/count?taskDefinitionKey=Task_HandleComplaint&createdAfter="
                + java.net.URLEncoder.encode(since, StandardCharsets.UTF_8), null, null), "task count");
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---------------------------------------------------------------- lifecycle

    /** One department, the center answers, the customer accepts: the complaint is CLOSED (callback pending). */
    static Map<String, Object> lifecycle(String base, int workers, int seconds) throws Exception {
        String la = loadAverage();
        AtomicInteger tasksDone = new AtomicInteger();
        long queries0 = TASK_QUERIES.get();
        Stats s = load("lifecycle w=" + workers, workers, seconds, () -> {
            String cn = postComplaint(base, true);
            work(base, cn, "Task_HandleComplaint", "logistics",
                    "{\"outcome\":{\"value\":\"propose\"},\"proposal\":{\"value\":\"已联系快递补发包裹\"},"
                            + "\"compensation\":{\"value\":50,\"type\":\"Long\"},\"rootCause\":{\"value\":\"process\"}}");
            work(base, cn, "Task_AnswerCustomer", "center",
                    "{\"answer\":{\"value\":\"已为您补发包裹并补偿 50 元\"},\"compensation\":{\"value\":50,\"type\":\"Long\"}}");
            // closing records the root cause, the responsible department and whether it was preventable (PDCA)
            work(base, cn, "Task_ConfirmWithCustomer", "center", "{\"customerDecision\":{\"value\":\"accept\"},"
                    + "\"closureRootCause\":{\"value\":\"process\"},\"responsibleDepartment\":{\"value\":\"logistics\"},"
                    + "\"preventable\":{\"value\":\"yes\"}}");
            tasksDone.addAndGet(3);
            String status = json(ok(send("GET", base + "/api/complaints/" + cn, null, null), "read"), "status");
            if (!"CLOSED".equals(status)) {
                throw new IllegalStateException(cn + " ended " + status + ", not CLOSED");
            }
            return cn;
        });
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
        if (s.firstError != null) {
            m.put("firstError", s.firstError);
        }
        m.put("loadAverageBefore", la);
        return m;
    }

    static final AtomicLong TASK_QUERIES = new AtomicLong();

    /** Finds the open task by business key, claims it as a handler would in Tasklist, and submits the form. */
    static void work(String base, String caseNumber, String taskKey, String user, String variables) throws Exception {
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
                "{\"variables\":" + variables + "}"), "submit " + taskKey);
    }

    // ---------------------------------------------------------------- deadline storm

    /**
     * Timer jobs that escalate a running first-response clock at its deadline (level 1). With boundary timers
     * (the models before the deadline ladder) they are Event_FirstResponseOverdue; with the ladder they are the one
     * timer of each FIRST_RESPONSE ladder, at step {@code step} (0 = the 80% reminder, 1 = the deadline).
     */
    static String stormJobs(boolean ladder, int step) {
        if (!ladder) {
            return "from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                    + " join act_ru_execution e on e.id_ = j.process_instance_id_"
                    + " join complaint_clock k on k.case_number = e.business_key_ and k.clock = 'FIRST_RESPONSE'"
                    + " where d.act_id_ = 'Event_FirstResponseOverdue' and k.state = 'RUNNING'";
        }
        // one ladder per case watches several clocks ("FIRST_RESPONSE,RESOLUTION"); the step a clock has reached is
        // complaint_clock.ladder_step, and the ladder's one timer is dated to the earliest next step of its clocks
        return "from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_"
                + " join act_ru_variable c on c.execution_id_ = e.id_ and c.name_ = 'clocks'"
                + " and c.text_ like '%FIRST_RESPONSE%'"
                + " join complaint_clock k on k.case_number = e.business_key_ and k.clock = 'FIRST_RESPONSE'"
                + " where j.type_ = 'timer' and k.state = 'RUNNING' and k.ladder_step = " + step;
    }

    static Map<String, Object> storm(Node node1, int size, Sampler sampler) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ladder = String.valueOf(RESULT.get("model")).equals("deadline-ladder");
        String overdue = stormJobs(ladder, 1);
        long waiting = Long.parseLong(sql("select count(*) " + (ladder ? stormJobs(true, 0) : overdue)));
        int missing = (int) Math.max(0, size - waiting);
        System.out.println("storm: " + waiting + " first-response timers waiting, filing " + missing + " more");
        if (missing > 0) {
            AtomicInteger left = new AtomicInteger(missing);
            Stats filed = load("storm intake c=16", 16, 3600, () -> {
                if (left.getAndDecrement() <= 0) {
                    throw new Stop();
                }
                return postComplaint(node1.base, false);
            });
            m.put("filedForStorm", filed.latenciesNanos.length);
            m.put("filedPerSecond", round(filed.rate()));
        }
        Node node2 = Node.start(2, optInt("port2", 18082), false);
        sampler.add(node2);
        m.put("node2StartupSeconds", node2.startupMillis / 1000.0);
        m.put("node2StartupCpuSeconds", node2.startupCpuMillis / 1000.0);
        // let both job executors drain the jobs of the filing first, so the storm starts from quiet nodes
        waitForQuiet(600);
        if (ladder) {
            // The ladder holds one timer per deadline, at its next step: the 80% reminders come first. They are made
            // due and run (not measured), after which every first-response ladder waits at the deadline step.
            long t = System.nanoTime();
            // the ladder reads the clock's points when it fires: the reminder point is moved to now with the timer
            sql("drop table if exists bench_reminders; create table bench_reminders as select j.id_ as job_id,"
                    + " k.id as clock_id " + stormJobs(true, 0));
            sql("update complaint_clock set warning_at = now() - interval '1 second'"
                    + " where id in (select clock_id from bench_reminders)");
            long reminders = Long.parseLong(sql("with due as (update act_ru_job set duedate_ = now() where id_ in"
                    + " (select job_id from bench_reminders) returning 1) select count(*) from due"));
            waitForQuiet(optInt("storm-timeout", 600));
            m.put("remindersBeforeStorm", reminders);
            m.put("remindersSeconds", round((System.nanoTime() - t) / 1e9));
            System.out.printf(Locale.ROOT, "storm: %d reminders (80%% step) run first in %.1f s%n", reminders,
                    (System.nanoTime() - t) / 1e9);
        }
        long before = Long.parseLong(sql("select count(*) from escalation where clock = 'FIRST_RESPONSE' and level = 1"));
        String la = loadAverage();
        // The method: the engine's timers are rows in act_ru_job; moving due dates to now is exactly what the
        // job executor sees when deadlines computed for the same instant arrive. Only timers of complaints whose
        // first-response clock is still running are moved (a met clock's timer fires and does nothing).
        sql("drop table if exists bench_storm; create table bench_storm as select j.id_ as job_id"
                + (ladder ? ", k.id as clock_id " : " ") + overdue + " order by j.id_ limit " + size);
        if (ladder) {
            // the deadline itself is reached now: the clock's target moves with its timer
            sql("update complaint_clock set target_at = now() - interval '1 second'"
                    + " where id in (select clock_id from bench_storm)");
        }
        long cpu0 = node1.cpuMillis() + node2.cpuMillis();
        long pg0 = postgresCpuMillis();
        Profile.Window window = Profile.open("storm (node 1)", node1);
        long t0 = System.nanoTime();
        long updated = Long.parseLong(sql("with due as (update act_ru_job set duedate_ = now() where id_ in"
                + " (select job_id from bench_storm) returning 1) select count(*) from due"));
        long target = before + updated;
        System.out.println("storm: " + updated + " timers due now (" + Instant.now() + "), load " + la);
        long count = before;
        long pending = updated;
        long timeout = System.nanoTime() + optInt("storm-timeout", 600) * 1_000_000_000L;
        List<Object> progress = new ArrayList<>();
        while ((count < target || pending > 0) && System.nanoTime() < timeout) {
            Thread.sleep(500);
            count = Long.parseLong(sql("select count(*) from escalation where clock = 'FIRST_RESPONSE' and level = 1"));
            // a timer job is deleted once it has run; a failing one stays with an exception and fewer retries
            pending = Long.parseLong(sql("select count(*) from act_ru_job j join bench_storm b on b.job_id = j.id_"
                    + " where j.exception_msg_ is null"));
            double at = (System.nanoTime() - t0) / 1e9;
            if (progress.size() < 1000 && (progress.isEmpty() || at - lastAt(progress) >= 5)) {
                progress.add(List.of(round(at), count - before));
                System.out.printf(Locale.ROOT, "storm: %.1f s  %d escalations, %d timers pending%n", at, count - before,
                        pending);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long escalations = Math.max(1, count - before);
        window.close(escalations, postgresCpuMillis() - pg0);
        m.put("appCpuMsPerEscalation", round((node1.cpuMillis() + node2.cpuMillis() - cpu0) / (double) escalations));
        m.put("dbCpuMsPerEscalation", round((postgresCpuMillis() - pg0) / (double) escalations));
        m.put("timers", target - before);
        m.put("escalated", count - before);
        m.put("finished", count >= target && pending == 0);
        m.put("timersNotRun", pending);
        m.put("seconds", round(seconds));
        m.put("perSecond", round((count - before) / seconds));
        m.put("duplicates", Long.parseLong(sql("select coalesce(sum(n - 1), 0) from (select count(*) n from escalation"
                + " group by case_number, clock, level having count(*) > 1) d")));
        m.put("byNode", sql("select coalesce(string_agg(owner || ':' || n, ' '), '') from (select coalesce(h.hostname_, '?') owner,"
                + " count(*) n from act_hi_job_log h join bench_storm b on b.job_id = h.job_id_"
                + " where h.job_state_ = 2 group by 1) x"));
        m.put("failedJobs", Long.parseLong(sql("select count(*) from act_ru_job j join bench_storm b on b.job_id = j.id_"
                + " where j.exception_msg_ is not null")));
        // what else the escalations queued meanwhile (mails), and how long until the nodes were quiet again
        long t1 = System.nanoTime();
        waitForQuiet(optInt("storm-timeout", 600));
        m.put("jobsAfterStormDrainedSeconds", round((System.nanoTime() - t1) / 1e9));
        m.put("progress", progress);
        m.put("loadAverageBefore", la);
        m.put("loadAverageAfter", loadAverage());
        m.put("method", "timers made due together by UPDATE act_ru_job SET duedate_ = now() for the first-response "
                + (ladder ? "ladders at the deadline step (each clock's target moved to now with it)"
                        : "Event_FirstResponseOverdue jobs") + " of open complaints;"
                + " two nodes, same database");
        System.out.printf(Locale.ROOT, "storm: %d of %d escalations in %.1f s, duplicates %s%n", count - before,
                target - before, seconds, m.get("duplicates"));
        return m;
    }

    /** Until no job is due any more (or the timeout passes). */
    static void waitForQuiet(int timeoutSeconds) throws Exception {
        long quietBy = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (System.currentTimeMillis() < quietBy
                && Long.parseLong(sql("select count(*) from act_ru_job where (duedate_ is null or duedate_ <= now())"
                + " and retries_ > 0 and suspension_state_ = 1")) > 0) {
            Thread.sleep(1000);
        }
    }

    static double lastAt(List<Object> progress) {
        return ((Number) ((List<?>) progress.get(progress.size() - 1)).get(0)).doubleValue();
    }

    static final class Stop extends RuntimeException {
    }

    static String sql(String statement) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", opt("db-host", "127.0.0.1"), "-p", opt("db-port", "5432"),
                "-U", opt("db-user", "postgres"), "-d", opt("db", "complaintflow_bench"), "-tAqX", "-v",
                "ON_ERROR_STOP=1", "-c", statement).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql: " + out);
        }
        return out;
    }

    // ---------------------------------------------------------------- nodes

    static final class Node {
        static final List<Node> ALL = new ArrayList<>();
        final int number;
        final String base;
        final Process process;
        final long startupMillis;
        long startupCpuMillis;

        Node(int number, String base, Process process, long startupMillis) {
            this.number = number;
            this.base = base;
            this.process = process;
            this.startupMillis = startupMillis;
        }

        static Node start(int number, int port, boolean jfr) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("java"));
            String jvm = opt("jvm-opts", "-Xmx512m");
            if (!jvm.isBlank()) {
                cmd.addAll(Arrays.asList(jvm.trim().split("\\s+")));
            }
            if (jfr) {
                cmd.add("-XX:StartFlightRecording=filename=" + RESULTS.resolve(runId + "-node" + number + ".jfr")
                        + ",settings=profile,dumponexit=true");
            }
            cmd.addAll(List.of("-jar", opt("jar", "target/complaintflow-0.1.0-SNAPSHOT.jar")));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            if ("h2".equals(opt("db-kind", "postgres"))) {
                // a fresh H2 file database of this run (the demo profile's default is ./data)
                env.put("SPRING_PROFILES_ACTIVE", opt("profiles", "demo"));
                env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + RESULTS.toAbsolutePath().resolve("h2-" + runId)
                        .resolve("complaintflow") + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE");
            } else {
                env.put("SPRING_PROFILES_ACTIVE", opt("profiles", "postgres,demo"));
                env.put("COMPLAINTFLOW_DB_URL", "jdbc:postgresql://" + opt("db-host", "127.0.0.1") + ":"
                        + opt("db-port", "5432") + "/" + opt("db", "complaintflow_bench"));
                env.put("COMPLAINTFLOW_DB_USER", opt("db-user", "postgres"));
                env.put("COMPLAINTFLOW_DB_PASSWORD", opt("db-password", ""));
            }
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("SPRING_MAIL_HOST", "127.0.0.1");
            env.put("SPRING_MAIL_PORT", opt("smtp-port", "12525"));
            env.put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,metrics");
            // the engine's host name is written to the job log: tells which node ran a job
            env.put("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME", "bench-node" + number);
            pb.redirectErrorStream(true).redirectOutput(RESULTS.resolve(runId + "-node" + number + ".log").toFile());
            String base = "http://127.0.0.1:" + port;
            System.out.println("starting node " + number + " on " + base + " (" + String.join(" ", cmd) + ")");
            long t0 = System.nanoTime();
            Process p = pb.start();
            long deadline = t0 + optInt("start-timeout", 180) * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("node " + number + " exited; see " + RESULTS + "/" + runId
                            + "-node" + number + ".log");
                }
                try {
                    HttpResponse<String> r = send("GET", base + "/actuator/health", null, null);
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        long cpu = processCpuMillis(p.pid());
                        System.out.println("node " + number + " up in " + ms / 1000.0 + " s, " + cpu / 1000.0
                                + " s of CPU (pid " + p.pid() + ")");
                        Node n = new Node(number, base, p, ms);
                        n.startupCpuMillis = cpu;
                        ALL.add(n);
                        return n;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            p.destroy();
            throw new IllegalStateException("node " + number + " not UP within " + optInt("start-timeout", 180) + " s");
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: graceful shutdown, JFR dumps on exit
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        long cpuMillis() {
            return processCpuMillis(process.pid());
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException gone) {
                // process ended
            }
            return -1;
        }

        double heapUsedMb() {
            try {
                String body = send("GET", base + "/actuator/metrics/jvm.memory.used?tag=area:heap", null, null).body();
                Matcher m = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+]+)")
                        .matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) / 1024 / 1024 : -1;
            } catch (Exception e) {
                return -1;
            }
        }

        double heapMaxMb() {
            try {
                String body = send("GET", base + "/actuator/metrics/jvm.memory.max?tag=area:heap", null, null).body();
                Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+]+)").matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) / 1024 / 1024 : -1;
            } catch (Exception e) {
                return -1;
            }
        }
    }

    /**
     * A PostgreSQL server with {@code autovacuum = off} (CI machines are set up that way for speed) never removes the
     * dead rows the engine leaves: the job table, executions and clocks are updated and deleted all the time, and
     * after a few thousand complaints every job acquisition reads tens of thousands of dead index entries (measured:
     * 80,000 dead against 20,000 live job rows after a storm, one acquisition 275 ms for one due job). No production
     * server runs like that, so the bench stands in for autovacuum: every 10 s it vacuums the tables whose dead rows
     * pass autovacuum's own default threshold (50 + 20% of the live rows). Its CPU is not counted (short-lived
     * backends), as autovacuum's would not be.
     */
    static final class Vacuum {
        static void startIfServerDoesNot(Map<String, Object> config) throws Exception {
            if (!"off".equals(sql("show autovacuum"))) {
                config.put("vacuum", "the server's autovacuum");
                return;
            }
            config.put("vacuum", "autovacuum off on the server: the bench vacuums every 10 s (50 + 20% dead rows)");
            System.out.println("autovacuum is off on this server: the bench vacuums like autovacuum would (every 10 s)");
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(10_000);
                        String due = sql("select coalesce(string_agg(quote_ident(relname), ','), '') from pg_stat_user_tables"
                                + " where n_dead_tup > 50 + 0.2 * n_live_tup");
                        if (!due.isEmpty()) {
                            sql("vacuum (analyze) " + due);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the database is being dropped or restarted: try again next time
                    }
                }
            }, "vacuum");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Samples heap and RSS of every node once a second; keeps the peaks. */
    static final class Sampler {
        final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<Integer, double[]> peaks = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean running = true;
        Thread thread;

        Sampler(Node first) {
            add(first);
        }

        void add(Node n) {
            // the peaks first: the sampler thread walks the nodes and reads their peaks without a lock
            peaks.put(n.number, new double[] {0, 0, n.heapMaxMb()});
            nodes.add(n);
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    for (Node n : nodes) {
                        double[] p = peaks.get(n.number);
                        p[0] = Math.max(p[0], n.heapUsedMb());
                        p[1] = Math.max(p[1], n.rssKb() / 1024.0);
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
        }

        Map<String, Object> snapshot() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Node n : nodes) {
                double[] p = peaks.get(n.number);
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("peakHeapUsedMb", round(p[0]));
                x.put("heapMaxMb", round(p[2]));
                x.put("peakRssMb", round(p[1]));
                x.put("heapUsedNowMb", round(n.heapUsedMb()));
                x.put("rssNowMb", round(n.rssKb() / 1024.0));
                m.put("node" + n.number, x);
            }
            return m;
        }
    }

    /** utime + stime of a process from /proc (clock ticks of 10 ms). */
    static long processCpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of the PostgreSQL backends serving the bench database (not the server's other databases). */
    static long postgresCpuMillis() {
        long total = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    // backends name their database in the command line: "postgres: user db host(port) state"
                    String cmdline = Files.readString(d.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.startsWith("postgres: ") && cmdline.contains(" " + opt("db", "complaintflow_bench") + " ")) {
                        total += processCpuMillis(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException gone) {
                    // process ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    // ---------------------------------------------------------------- profile (JFR + per-thread CPU)

    /**
     * Where the CPU of a phase went. Per-thread CPU of node 1 from /proc (HTTP threads, job executor, GC, JIT, …)
     * at the start and end of every measured window; JFR execution samples of the Java threads in that window sorted
     * into cost centres (the first centre, in a fixed order, that any frame of the sample's stack belongs to), each
     * centre's share of the samples times the Java threads' CPU, per operation. PostgreSQL's backends come from
     * /proc as well. Samples are statistical: a centre below ~1 ms per operation is within the noise.
     */
    static final class Profile {
        static final List<Window> WINDOWS = new ArrayList<>();

        /** Cost centres in order of precedence: a sample counts for the first one any frame of its stack matches. */
        static final String[][] CENTRES = {
                {"DMN decisions (FEEL, decision tables)", "org.camunda.bpm.dmn.", "org.camunda.feel.",
                        "org.camunda.bpm.engine.impl.dmn.", "camundajar.impl.scala."},
                {"text assistance (Lucene, Bayes)", "io.complaintflow.assist.", "org.apache.lucene."},
                {"business calendar", "io.complaintflow.sla.BusinessCalendar", "io.complaintflow.sla.HolidaySchedule",
                        "io.complaintflow.sla.WorkingPeriod"},
                {"mail (templates, SMTP)", "io.complaintflow.notification.MailTemplates", "jakarta.mail.",
                        "org.eclipse.angus.", "org.springframework.mail."},
                {"case-file view variables", "io.complaintflow.complaint.CaseFileVariables"},
                {"login (HTTP Basic: identity lookup, password hash)",
                        "org.springframework.security.authentication.", "io.complaintflow.security.CamundaIdentity",
                        "org.camunda.bpm.engine.impl.digest.", "org.camunda.bpm.engine.impl.cmd.CheckPassword"},
                {"engine history events", "org.camunda.bpm.engine.impl.history."},
                {"our SQL (JdbcClient)", "org.springframework.jdbc."},
                {"engine flush (INSERT/UPDATE/DELETE)", "org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush",
                        "org.camunda.bpm.engine.impl.db.sql.DbSqlSession.executeDbOperation",
                        "org.camunda.bpm.engine.impl.db.sql.BatchDbSqlSession"},
                {"engine queries (SELECT, MyBatis)", "org.camunda.bpm.engine.impl.db.", "org.apache.ibatis."},
                {"engine authorization checks", "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager"},
                {"job acquisition", "org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsRunnable",
                        "org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd"},
                {"variable serialization (JSON)", "org.camunda.bpm.engine.impl.variable.", "org.camunda.spin."},
                {"expressions (JUEL)", "org.camunda.bpm.impl.juel.", "org.camunda.bpm.engine.impl.el."},
                {"BPMN execution (engine, other)", "org.camunda.bpm.engine."},
                {"HTTP (Tomcat, Spring MVC and Security filters, Jackson)", "org.apache.catalina.",
                        "org.apache.coyote.", "org.apache.tomcat.", "org.springframework.web.",
                        "org.springframework.security.", "com.fasterxml.jackson.", "jakarta.servlet."},
                {"our code (other)", "io.complaintflow."},
                {"JDBC driver, pool (other)", "org.postgresql.", "com.zaxxer.", "org.h2."},
        };

        static Window open(String name, Node node) {
            Window w = new Window(name, node);
            synchronized (WINDOWS) {
                WINDOWS.add(w);
            }
            return w;
        }

        static final class Window {
            final String name;
            final Node node;
            final long start;
            long end;
            long ops;
            long dbCpuMs;
            final Map<Long, long[]> threadsAtStart;
            final Map<String, Long> threadCpuMs = new LinkedHashMap<>();

            Window(String name, Node node) {
                this.name = name;
                this.node = node;
                this.start = System.currentTimeMillis();
                this.threadsAtStart = threads(node.process.pid());
            }

            Window(String name, long start, long end, long ops, long dbCpuMs, Map<String, Long> threadCpuMs) {
                this.name = name;
                this.node = null;
                this.start = start;
                this.end = end;
                this.ops = ops;
                this.dbCpuMs = dbCpuMs;
                this.threadsAtStart = Map.of();
                this.threadCpuMs.putAll(threadCpuMs);
            }

            void close(long ops, long dbCpuMs) {
                this.ops = ops;
                extend(dbCpuMs);
            }

            /** Moves the end to now: the jobs the requests left belong to them. */
            void extend(long dbCpuMs) {
                this.end = System.currentTimeMillis();
                this.dbCpuMs = dbCpuMs;
                threadCpuMs.clear();
                Map<Long, String> names = new LinkedHashMap<>();
                Map<Long, long[]> now = threads(node.process.pid(), names);
                now.forEach((tid, cpu) -> {
                    long before = threadsAtStart.containsKey(tid) ? threadsAtStart.get(tid)[0] : 0;
                    threadCpuMs.merge(threadCategory(names.get(tid)), cpu[0] - before, Long::sum);
                });
            }

            String line() {
                StringBuilder b = new StringBuilder(name.replace('|', '/')).append('|').append(start).append('|')
                        .append(end).append('|').append(ops).append('|').append(dbCpuMs);
                threadCpuMs.forEach((k, v) -> b.append('|').append(k).append('=').append(v));
                return b.toString();
            }

            static Window parse(String line) {
                String[] f = line.split("\\|");
                Map<String, Long> cpu = new LinkedHashMap<>();
                for (int i = 5; i < f.length; i++) {
                    cpu.put(f[i].substring(0, f[i].indexOf('=')), Long.parseLong(f[i].substring(f[i].indexOf('=') + 1)));
                }
                return new Window(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), cpu);
            }
        }

        static List<String> windowLines() {
            synchronized (WINDOWS) {
                return WINDOWS.stream().filter(w -> w.end > 0).map(Window::line).toList();
            }
        }

        static Map<Long, long[]> threads(long pid) {
            return threads(pid, new LinkedHashMap<>());
        }

        /** CPU ms of every thread of the process (utime + stime), and its name (15 characters, as /proc keeps it). */
        static Map<Long, long[]> threads(long pid, Map<Long, String> names) {
            Map<Long, long[]> cpu = new LinkedHashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        long tid = Long.parseLong(t.getFileName().toString());
                        String stat = Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        cpu.put(tid, new long[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10});
                        names.put(tid, Files.readString(t.resolve("comm")).trim());
                    } catch (IOException | RuntimeException gone) {
                        // thread ended
                    }
                }
            } catch (IOException gone) {
                // process ended
            }
            return cpu;
        }

        static String threadCategory(String comm) {
            if (comm == null) {
                return "other";
            }
            if (comm.startsWith("http-nio")) {
                return "http";
            }
            if (comm.startsWith("camundaTaskExe")) {
                return "jobs";
            }
            if (comm.startsWith("JobExecutor")) {
                return "acquisition";
            }
            if (comm.startsWith("GC ") || comm.startsWith("G1 ")) {
                return "gc";
            }
            if (comm.contains("CompilerThre")) {
                return "jit";
            }
            if (comm.startsWith("JFR") || comm.startsWith("VM ") || comm.equals("Signal Dispatch")) {
                return "vm";
            }
            return "other";
        }

        static String centre(jdk.jfr.consumer.RecordedStackTrace stack) {
            if (stack == null) {
                return "JVM / other";
            }
            List<String> frames = new ArrayList<>();
            for (var f : stack.getFrames()) {
                if (f.isJavaFrame()) {
                    frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                }
            }
            for (String[] centre : CENTRES) {
                for (String frame : frames) {
                    for (int i = 1; i < centre.length; i++) {
                        if (frame.startsWith(centre[i])) {
                            return centre[0];
                        }
                    }
                }
            }
            return "JVM / other";
        }

        /** The innermost frame of our own code: which of our classes caused the sample. */
        static String ownFrame(jdk.jfr.consumer.RecordedStackTrace stack) {
            if (stack != null) {
                for (var f : stack.getFrames()) {
                    String type = f.getMethod().getType().getName();
                    if (type.startsWith("io.complaintflow.") && !type.contains("$$")) {
                        return type.substring("io.complaintflow.".length()) + "." + f.getMethod().getName();
                    }
                }
            }
            return "(no frame of ours)";
        }

        static String summarize(Path recording, List<Window> windows) throws IOException {
            List<Window> measuredWindows = windows.stream().filter(w -> w.end > 0 && w.ops > 0
                    && !w.name.startsWith("warmup")).toList();
            Map<Window, Map<String, Integer>> byCentre = new LinkedHashMap<>();
            Map<Window, Map<String, Integer>> byOwn = new LinkedHashMap<>();
            Map<Window, Map<String, Integer>> byThread = new LinkedHashMap<>();
            measuredWindows.forEach(w -> {
                byCentre.put(w, new java.util.HashMap<>());
                byOwn.put(w, new java.util.HashMap<>());
                byThread.put(w, new java.util.HashMap<>());
            });
            try (var file = new jdk.jfr.consumer.RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    var e = file.readEvent();
                    if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    long t = e.getStartTime().toEpochMilli();
                    for (Window w : measuredWindows) {
                        if (t >= w.start && t <= w.end) {
                            var thread = e.getThread("sampledThread");
                            String tn = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                            String kind = tn.startsWith("http-nio") ? "http" : tn.startsWith("camundaTaskExecutor") ? "jobs"
                                    : tn.startsWith("JobExecutor") ? "acquisition" : "other";
                            byThread.get(w).merge(kind, 1, Integer::sum);
                            byCentre.get(w).merge(centre(e.getStackTrace()), 1, Integer::sum);
                            byOwn.get(w).merge(ownFrame(e.getStackTrace()), 1, Integer::sum);
                        }
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            for (Window w : measuredWindows) {
                Map<String, Integer> centres = byCentre.get(w);
                int samples = centres.values().stream().mapToInt(Integer::intValue).sum();
                if (samples == 0) {
                    continue;
                }
                long java = 0;
                for (String k : List.of("http", "jobs", "acquisition", "other")) {
                    java += w.threadCpuMs.getOrDefault(k, 0L);
                }
                double ops = w.ops;
                out.append(String.format(Locale.ROOT, "%nwhere the CPU of \"%s\" went: %d operations, %.1f s, %d JFR samples%n",
                        w.name, w.ops, (w.end - w.start) / 1000.0, samples));
                out.append(String.format(Locale.ROOT, "  %-56s %9s %7s%n", "cost centre", "ms/op", "share"));
                double total = 0;
                List<Map.Entry<String, Integer>> sorted = new ArrayList<>(centres.entrySet());
                sorted.sort((a, b) -> b.getValue() - a.getValue());
                for (var c : sorted) {
                    double ms = java * (c.getValue() / (double) samples) / ops;
                    total += ms;
                    out.append(String.format(Locale.ROOT, "  %-56s %9.2f %6.1f%%%n", c.getKey(), ms,
                            100.0 * c.getValue() / samples));
                }
                for (String[] jvm : new String[][] {{"gc", "garbage collection"}, {"jit", "JIT compiler"},
                        {"vm", "JFR, VM threads"}}) {
                    double ms = w.threadCpuMs.getOrDefault(jvm[0], 0L) / ops;
                    total += ms;
                    out.append(String.format(Locale.ROOT, "  %-56s %9.2f%n", jvm[1], ms));
                }
                double db = w.dbCpuMs / ops;
                out.append(String.format(Locale.ROOT, "  %-56s %9.2f%n", "PostgreSQL backends", db));
                out.append(String.format(Locale.ROOT, "  %-56s %9.2f%n", "total (application + database)", total + db));
                out.append(String.format(Locale.ROOT, "  Java threads: HTTP %.2f, job executor %.2f, acquisition %.2f,"
                                + " other %.2f ms/op%n", w.threadCpuMs.getOrDefault("http", 0L) / ops,
                        w.threadCpuMs.getOrDefault("jobs", 0L) / ops, w.threadCpuMs.getOrDefault("acquisition", 0L) / ops,
                        w.threadCpuMs.getOrDefault("other", 0L) / ops));
                List<Map.Entry<String, Integer>> own = new ArrayList<>(byOwn.get(w).entrySet());
                own.sort((a, b) -> b.getValue() - a.getValue());
                out.append("  innermost frame of our code (top 12):\n");
                for (var o : own.subList(0, Math.min(12, own.size()))) {
                    out.append(String.format(Locale.ROOT, "    %-62s %7.2f ms/op%n", o.getKey(),
                            java * (o.getValue() / (double) samples) / ops));
                }
            }
            return out.toString();
        }

        /** Prints the profile of an earlier run again (its JSON keeps the windows; its .jfr is next to it). */
        static void reprint(Path json) throws IOException {
            String text = Files.readString(json);
            Matcher m = Pattern.compile("\"profileWindows\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no profileWindows in " + json);
            }
            List<Window> windows = new ArrayList<>();
            Matcher line = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
            while (line.find()) {
                windows.add(Window.parse(line.group(1)));
            }
            String run = json.getFileName().toString().replace("bench-", "").replace(".json", "");
            System.out.println(summarize(json.resolveSibling(run + "-node1.jfr"), windows));
        }
    }

    // ---------------------------------------------------------------- SMTP sink

    /** Accepts and discards the application's mail, so mail jobs succeed as they would against a real server. */
    static final class SmtpSink {
        final int port;
        final AtomicInteger mails = new AtomicInteger();
        ServerSocket server;
        final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp");
            t.setDaemon(true);
            return t;
        });

        SmtpSink(int port) {
            this.port = port;
        }

        void start() throws IOException {
            server = new ServerSocket(port, 200, java.net.InetAddress.getLoopbackAddress());
            pool.submit(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        pool.submit(() -> session(s));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        void session(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8)); OutputStream out = s.getOutputStream()) {
                reply(out, "220 bench ESMTP");
                String line;
                boolean data = false;
                while ((line = in.readLine()) != null) {
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            mails.incrementAndGet();
                            reply(out, "250 OK");
                        }
                        continue;
                    }
                    String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                    switch (cmd) {
                        case "EHLO" -> reply(out, "250-bench\r\n250 8BITMIME");
                        case "DATA" -> {
                            data = true;
                            reply(out, "354 go ahead");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 OK");
                    }
                }
            } catch (IOException ignored) {
                // client went away
            }
        }

        static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void stop() throws IOException {
            server.close();
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- reporting

    static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 10) / 10.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1] + " "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException ignored) {
            // not Linux
        }
        String pg;
        try {
            pg = sql("show server_version");
        } catch (Exception e) {
            pg = "?";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
                + Math.round(memTotalMb() / 1024.0) + " GB RAM, Java " + System.getProperty("java.version")
                + ", PostgreSQL " + pg;
    }

    static long memTotalMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    static void printTable() {
        System.out.println();
        System.out.println("ComplaintFlow benchmark " + runId + "  " + RESULT.get("label") + "  (" + RESULT.get("database")
                + ", models: " + RESULT.get("model") + ")");
        System.out.println(RESULT.get("machine"));
        System.out.println("load average before " + RESULT.get("loadBefore") + ", after " + RESULT.get("loadAfter"));
        System.out.println("start-up: " + RESULT.get("startupSeconds") + " s (process start -> health UP), "
                + RESULT.get("startupCpuSeconds") + " s of CPU");
        if (RESULT.get("footprint") instanceof Map<?, ?> f) {
            System.out.println("footprint of one routine complaint: waiting at its department " + f.get("waitingTimerJobs")
                    + " timer jobs, " + f.get("waitingVariables") + " variables (" + f.get("waitingVariableBytes")
                    + " bytes); closed: " + ((Map<?, ?>) f.get("historyRowsWhenClosed")).get("total")
                    + " history rows; engine rows with the customer's phone: " + f.get("engineRowsWithPhone"));
        }
        System.out.println();
        System.out.printf("%-9s %4s %7s %7s %7s %7s %5s %6s %15s %15s %6s %s%n", "phase", "conc", "per s", "p50 ms",
                "p95 ms", "p99 ms", "err", "ratio", "cpu/op app+db", "with jobs", "rows", "load before");
        for (String phase : List.of("engineCeiling", "intake")) {
            Object rows = RESULT.get(phase);
            if (rows instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> r = (Map<String, Object>) o;
                    System.out.printf(Locale.ROOT, "%-9s %4s %7s %7s %7s %7s %5s %6s %15s %15s %6s %s%n",
                            phase.equals("intake") ? "intake" : "no-op", r.get("concurrency"), r.get("perSecond"),
                            r.get("p50Ms"), r.get("p95Ms"), r.get("p99Ms"), r.get("errors"),
                            r.getOrDefault("ratioToCeiling", ""), r.get("appCpuMsPerOp") + "+" + r.get("dbCpuMsPerOp"),
                            r.containsKey("appCpuMsPerOpWithJobs") ? r.get("appCpuMsPerOpWithJobs") + "+"
                                    + r.get("dbCpuMsPerOpWithJobs") : "", r.get("dbRowsWrittenPerOpWithJobs") == null
                                    ? r.get("dbRowsWrittenPerOp") : r.get("dbRowsWrittenPerOpWithJobs"),
                            r.get("loadAverageBefore"));
                }
            }
        }
        if (RESULT.get("sustained") instanceof Map<?, ?> s) {
            System.out.println();
            System.out.println("sustained (c=16, " + s.get("seconds") + " s): " + s.get("perSecond") + " accepted/s, "
                    + s.get("firstTasksPerSecondWithinWindow") + " first tasks/s within the window, "
                    + s.get("endToEndPerSecond") + "/s end to end (all " + s.get("firstTasks") + " first tasks after "
                    + s.get("lastFirstTaskAfterSeconds") + " s); cpu/op with jobs " + s.get("appCpuMsPerOpWithJobs") + "+"
                    + s.get("dbCpuMsPerOpWithJobs") + " ms; p99 " + s.get("p99Ms") + " ms");
        }
        if (RESULT.get("lifecycle") instanceof Map<?, ?> l) {
            System.out.println();
            System.out.println("lifecycle: " + l.get("closedPerSecond") + " complaints closed/s (" + l.get("closed")
                    + " in " + l.get("seconds") + " s, " + l.get("workers") + " handlers, " + l.get("userTasksPerSecond")
                    + " tasks/s, " + l.get("requestsPerComplaint") + " requests per complaint of which "
                    + l.get("taskQueriesPerComplaint") + " task queries, errors " + l.get("errors") + ", load "
                    + l.get("loadAverageBefore") + "); cpu per closed"
                    + " complaint (intake to CLOSED) " + l.get("appCpuMsPerComplaint") + "+" + l.get("dbCpuMsPerComplaint")
                    + " ms, with the jobs it left " + l.get("appCpuMsPerComplaintWithJobs") + "+"
                    + l.get("dbCpuMsPerComplaintWithJobs") + " ms");
        }
        if (RESULT.get("storm") instanceof Map<?, ?> s) {
            System.out.println("storm: " + s.get("escalated") + " of " + s.get("timers") + " escalations in "
                    + s.get("seconds") + " s on two nodes, duplicates " + s.get("duplicates") + ", failed jobs "
                    + s.get("failedJobs") + ", by node " + s.get("byNode") + "; cpu/escalation "
                    + s.get("appCpuMsPerEscalation") + "+" + s.get("dbCpuMsPerEscalation") + " ms (load "
                    + s.get("loadAverageBefore") + ")");
        }
        System.out.println("resources: " + RESULT.get("resources"));
    }

    /** Just enough JSON for maps, lists, numbers and strings. */
    static final class Json {
        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(o, b, "");
            return b.toString();
        }

        static void write(Object o, StringBuilder b, String indent) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof Map<?, ?> m) {
                b.append("{");
                String inner = indent + "  ";
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(i++ == 0 ? "\n" : ",\n").append(inner);
                    string(String.valueOf(e.getKey()), b);
                    b.append(": ");
                    write(e.getValue(), b, inner);
                }
                b.append(m.isEmpty() ? "}" : "\n" + indent + "}");
            } else if (o instanceof List<?> l) {
                b.append("[");
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ");
                    write(l.get(i), b, indent);
                }
                b.append("]");
            } else if (o instanceof Number || o instanceof Boolean) {
                b.append(o);
            } else {
                string(String.valueOf(o), b);
            }
        }

        static void string(String s, StringBuilder b) {
            b.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
