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
                  --phases=intake,ceiling,lifecycle,storm  which measurements to run
                  --levels=4,16,64          concurrency levels of intake and engine ceiling
                  --duration=15             seconds per level (after --warmup seconds of warm-up)
                  --warmup=10               seconds of warm-up load before the measured levels
                  --lifecycle-duration=30   seconds of the lifecycle phase
                  --lifecycle-workers=16    simulated handlers (each carries one complaint at a time)
                  --storm=10000             complaints whose escalation timers fall due together
                  --storm-timeout=600       seconds to wait for the storm to finish
                  --jar=target/complaintflow-0.1.0-SNAPSHOT.jar
                  --db=complaintflow_bench  --db-host=127.0.0.1 --db-port=5432 --db-user=postgres
                  --port1=18081 --port2=18082 --smtp-port=12525
                  --jvm-opts=-Xmx512m        options of both nodes' JVMs (space-separated)
                  --profiles=postgres,demo  Spring profiles of the nodes (demo: the demo users log in)
                  --jfr=true                record node 1 with JFR (bench/results/<run>-node1.jfr)
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
        runId = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        Files.createDirectories(RESULTS);
        auth = "Basic " + Base64.getEncoder().encodeToString(
                (opt("user", "demo") + ":" + opt("password", "demo")).getBytes(StandardCharsets.UTF_8));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
        List<String> phases = Arrays.asList(opt("phases", "intake,ceiling,lifecycle,storm").split(","));

        RESULT.put("run", runId);
        RESULT.put("label", opt("label", ""));
        RESULT.put("machine", machine());
        RESULT.put("loadBefore", loadAverage());
        Map<String, Object> config = new LinkedHashMap<>();
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
        try {
            node1 = Node.start(1, optInt("port1", 18081), Boolean.parseBoolean(opt("jfr", "false")));
            RESULT.put("startupSeconds", node1.startupMillis / 1000.0);
            RESULT.put("startupCpuSeconds", node1.startupCpuMillis / 1000.0);
            measured = node1;
            sampler = new Sampler(node1);
            sampler.start();
            String base = node1.base;

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
                    intake.add(s.toMap(c, la, e == null ? null : s.rate() / e.rate()));
                }
            }
            RESULT.put("intake", intake);
            RESULT.put("engineCeiling", ceiling);
            RESULT.put("resourcesAfterIntake", sampler.snapshot());

            if (phases.contains("lifecycle")) {
                RESULT.put("lifecycle", lifecycle(base, optInt("lifecycle-workers", 16),
                        optInt("lifecycle-duration", 30)));
                RESULT.put("resourcesAfterLifecycle", sampler.snapshot());
            }
            if (phases.contains("storm")) {
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
            Path out = RESULTS.resolve("bench-" + runId + ".json");
            Files.writeString(out, Json.write(RESULT) + "\n");
            printTable();
            System.out.println("results: " + out);
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
        if (measured != null && merged.length > 0) {
            s.appCpuMsPerOp = (measured.cpuMillis() - cpu0) / (double) merged.length;
            s.dbCpuMsPerOp = (postgresCpuMillis() - pg0) / (double) merged.length;
        }
        System.out.printf(Locale.ROOT, "%-22s %8.1f/s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  errors %d  cpu/op app %.1f db %.1f ms%s%n",
                name, s.rate(), s.pct(50), s.pct(95), s.pct(99), s.errors, s.appCpuMsPerOp, s.dbCpuMsPerOp,
                s.firstError == null ? "" : "  (" + s.firstError + ")");
        return s;
    }

    // ---------------------------------------------------------------- lifecycle

    /** One department, the center answers, the customer accepts: the complaint is CLOSED (callback pending). */
    static Map<String, Object> lifecycle(String base, int workers, int seconds) throws Exception {
        String la = loadAverage();
        AtomicInteger tasksDone = new AtomicInteger();
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
        m.put("workers", workers);
        m.put("closed", s.latenciesNanos.length);
        m.put("errors", s.errors);
        m.put("seconds", round(s.seconds));
        m.put("closedPerSecond", round(s.rate()));
        m.put("userTasksPerSecond", round(tasksDone.get() / s.seconds));
        m.put("p50MsPerComplaint", round(s.pct(50)));
        m.put("p99MsPerComplaint", round(s.pct(99)));
        m.put("requestsPerComplaint", 12);
        m.put("appCpuMsPerComplaint", round(s.appCpuMsPerOp));
        m.put("dbCpuMsPerComplaint", round(s.dbCpuMsPerOp));
        if (s.firstError != null) {
            m.put("firstError", s.firstError);
        }
        m.put("loadAverageBefore", la);
        return m;
    }

    /** Finds the open task by business key, claims it as a handler would in Tasklist, and submits the form. */
    static void work(String base, String caseNumber, String taskKey, String user, String variables) throws Exception {
        String tasks = ok(send("GET", base + "/engine-rest/task?processInstanceBusinessKey=" + caseNumber
                + "&taskDefinitionKey=" + taskKey + "&active=true", null, null), "task query");
        List<String> ids = jsonAll(tasks, "id");
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

    /** First-response escalation timers of complaints whose first-response clock is still running. */
    static final String OVERDUE_JOBS = "from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
            + " join act_ru_execution e on e.id_ = j.process_instance_id_"
            + " join complaint_clock k on k.case_number = e.business_key_ and k.clock = 'FIRST_RESPONSE'"
            + " where d.act_id_ = 'Event_FirstResponseOverdue' and k.state = 'RUNNING'";

    static Map<String, Object> storm(Node node1, int size, Sampler sampler) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long waiting = Long.parseLong(sql("select count(*) " + OVERDUE_JOBS));
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
        // let both job executors drain the mail jobs of the filing first, so the storm starts from quiet nodes
        long quietBy = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < quietBy
                && Long.parseLong(sql("select count(*) from act_ru_job where (duedate_ is null or duedate_ <= now())"
                + " and retries_ > 0")) > 0) {
            Thread.sleep(1000);
        }
        long before = Long.parseLong(sql("select count(*) from escalation where clock = 'FIRST_RESPONSE' and level = 1"));
        String la = loadAverage();
        // The method: the engine's timers are rows in act_ru_job; moving due dates to now is exactly what the
        // job executor sees when deadlines computed for the same instant arrive. Only timers of complaints whose
        // first-response clock is still running are moved (a met clock's timer fires and does nothing).
        sql("drop table if exists bench_storm; create table bench_storm as select j.id_ as job_id " + OVERDUE_JOBS
                + " order by j.id_ limit " + size);
        long cpu0 = node1.cpuMillis() + node2.cpuMillis();
        long pg0 = postgresCpuMillis();
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
                + " count(*) n from act_hi_job_log h join act_ru_jobdef d on d.id_ = h.job_def_id_"
                + " where d.act_id_ = 'Event_FirstResponseOverdue' and h.job_state_ = 2 group by 1) x"));
        m.put("failedJobs", Long.parseLong(sql("select count(*) from act_ru_job j join bench_storm b on b.job_id = j.id_"
                + " where j.exception_msg_ is not null")));
        m.put("progress", progress);
        m.put("loadAverageBefore", la);
        m.put("loadAverageAfter", loadAverage());
        m.put("method", "timers made due together by UPDATE act_ru_job SET duedate_ = now() for "
                + "Event_FirstResponseOverdue jobs of open complaints; two nodes, same database");
        System.out.printf(Locale.ROOT, "storm: %d of %d escalations in %.1f s, duplicates %s%n", count - before,
                target - before, seconds, m.get("duplicates"));
        return m;
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
            env.put("SPRING_PROFILES_ACTIVE", opt("profiles", "postgres,demo"));
            env.put("COMPLAINTFLOW_DB_URL", "jdbc:postgresql://" + opt("db-host", "127.0.0.1") + ":"
                    + opt("db-port", "5432") + "/" + opt("db", "complaintflow_bench"));
            env.put("COMPLAINTFLOW_DB_USER", opt("db-user", "postgres"));
            env.put("COMPLAINTFLOW_DB_PASSWORD", opt("db-password", ""));
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
            long deadline = t0 + 180_000_000_000L;
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
            throw new IllegalStateException("node " + number + " not UP within 180 s");
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
            nodes.add(n);
            peaks.put(n.number, new double[] {0, 0, n.heapMaxMb()});
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
        System.out.println("ComplaintFlow benchmark " + runId + "  " + RESULT.get("label"));
        System.out.println(RESULT.get("machine"));
        System.out.println("load average before " + RESULT.get("loadBefore") + ", after " + RESULT.get("loadAfter"));
        System.out.println("start-up: " + RESULT.get("startupSeconds") + " s (process start -> health UP), "
                + RESULT.get("startupCpuSeconds") + " s of CPU");
        System.out.println();
        System.out.printf("%-10s %5s %9s %8s %8s %8s %7s %8s %s%n", "phase", "conc", "per s", "p50 ms", "p95 ms",
                "p99 ms", "errors", "ratio", "load before");
        for (String phase : List.of("engineCeiling", "intake")) {
            Object rows = RESULT.get(phase);
            if (rows instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> r = (Map<String, Object>) o;
                    System.out.printf(Locale.ROOT, "%-10s %5s %9s %8s %8s %8s %7s %8s %s%n",
                            phase.equals("intake") ? "intake" : "no-op", r.get("concurrency"), r.get("perSecond"),
                            r.get("p50Ms"), r.get("p95Ms"), r.get("p99Ms"), r.get("errors"),
                            r.getOrDefault("ratioToCeiling", ""), r.get("loadAverageBefore"));
                }
            }
        }
        if (RESULT.get("lifecycle") instanceof Map<?, ?> l) {
            System.out.println();
            System.out.println("lifecycle: " + l.get("closedPerSecond") + " complaints closed/s (" + l.get("closed")
                    + " in " + l.get("seconds") + " s, " + l.get("workers") + " handlers, " + l.get("userTasksPerSecond")
                    + " tasks/s, errors " + l.get("errors") + ", load " + l.get("loadAverageBefore") + ")");
        }
        if (RESULT.get("storm") instanceof Map<?, ?> s) {
            System.out.println("storm: " + s.get("escalated") + " of " + s.get("timers") + " escalations in "
                    + s.get("seconds") + " s on two nodes, duplicates " + s.get("duplicates") + ", failed jobs "
                    + s.get("failedJobs") + ", by node " + s.get("byNode") + " (load " + s.get("loadAverageBefore") + ")");
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
