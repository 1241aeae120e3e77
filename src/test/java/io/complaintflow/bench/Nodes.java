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

import static io.complaintflow.bench.Bench.*;
import static io.complaintflow.bench.Http.*;
import static io.complaintflow.bench.Load.*;
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Report.*;

/** The application nodes the bench starts, PostgreSQL steps through psql, the vacuum stand-in and the sampler. */
final class Nodes {

    private Nodes() {
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
                // JFR keeps 64 frames by default: three quarters of a lifecycle's samples (the engine's recursion
                // under Tomcat, Spring Security and Jersey) lost their outer frames, the request they belong to
                cmd.add("-XX:FlightRecorderOptions=stackdepth=512");
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

        /** The bytes of the live objects (jcmd GC.class_histogram: a full collection first), in kB. */
        long liveHeapKb() {
            try {
                Process p = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "GC.class_histogram")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                Matcher m = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(out);
                return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
            } catch (Exception e) {
                return -1;
            }
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
     * dead rows the engine leaves: the job table, executions and deadlines are updated and deleted all the time, and
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
            config.put("vacuum", "autovacuum off on the server: the bench vacuums every 10 s (50 + 20% dead rows) and analyzes"
                    + " (50 + 10% changed rows)");
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
                        // autovacuum also analyzes a table once 50 + 10% of its rows changed: without it a table that
                        // only grows (the per-task grants while complaints wait) keeps the statistics of its first
                        // rows, and the planner scans it whole where an index reads a handful (bench/README.md,
                        // "closed complaint: grants and deadline reads")
                        String stale = sql("select coalesce(string_agg(quote_ident(relname), ','), '') from"
                                + " pg_stat_user_tables where n_mod_since_analyze > 50 + 0.1 * n_live_tup");
                        if (!stale.isEmpty()) {
                            sql("analyze " + stale);
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

    /**
     * Samples heap and RSS of every node once a second and the private memory of the bench database's PostgreSQL
     * backends every five seconds; keeps the peaks. A backend's memory is its RssAnon: what it allocated itself
     * (catalog caches, prepared statements' parse trees and plans, sorts), without the shared buffers it touched.
     */
    static final class Sampler {
        final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<Integer, double[]> peaks = new java.util.concurrent.ConcurrentHashMap<>();
        /** peak of the backends' sum, peak of the largest backend, backends at the sum's peak (kB) */
        final long[] backendPeaks = new long[3];
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
                    if (++ticks % 5 == 0) {
                        long[] b = backendMemoryKb();
                        synchronized (backendPeaks) {
                            if (b[1] > backendPeaks[0]) {
                                backendPeaks[0] = b[1];
                                backendPeaks[2] = b[0];
                            }
                            backendPeaks[1] = Math.max(backendPeaks[1], b[2]);
                        }
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

        int ticks;

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
                if (Boolean.parseBoolean(opt("backend-contexts", "false"))) {
                    // what stays in the heap after a full collection (the driver's statement caches among it)
                    x.put("liveHeapMb", round(n.liveHeapKb() / 1024.0));
                }
                m.put("node" + n.number, x);
            }
            if (!"h2".equals(opt("db-kind", "postgres"))) {
                m.put("postgresBackends", backends());
            }
            return m;
        }

        /**
         * The bench database's backends now and at their peak; with --backend-contexts=true each also writes its
         * memory contexts to the server's log ({@code pg_log_backend_memory_contexts}: per context its bytes, a
         * prepared statement's as CachedPlanSource and CachedPlan; bench/backend-memory.py sums them per backend).
         */
        private Map<String, Object> backends() {
            Map<String, Object> m = new LinkedHashMap<>();
            long[] now = backendMemoryKb();
            m.put("backends", now[0]);
            m.put("rssAnonMbSum", round(now[1] / 1024.0));
            m.put("rssAnonMbMax", round(now[2] / 1024.0));
            m.put("rssAnonMbMean", now[0] == 0 ? 0 : round(now[1] / 1024.0 / now[0]));
            m.put("pssAnonMbSum", round(now[3] / 1024.0));
            synchronized (backendPeaks) {
                m.put("peakRssAnonMbSum", round(backendPeaks[0] / 1024.0));
                m.put("backendsAtPeak", backendPeaks[2]);
                m.put("peakRssAnonMbMax", round(backendPeaks[1] / 1024.0));
            }
            if (Boolean.parseBoolean(opt("backend-contexts", "false"))) {
                try {
                    m.put("contextsLoggedAt", sql("select now()::timestamp(0)::text, count(pg_log_backend_memory_contexts(pid))"
                            + " from pg_stat_activity where datname = current_database() and backend_type = 'client backend'"
                            + " and pid <> pg_backend_pid()"));
                } catch (Exception e) {
                    m.put("contextsLoggedAt", "not logged: " + e.getMessage());
                }
            }
            return m;
        }
    }

    /**
     * The bench database's client backends (their command line names the database, as for their CPU): count, the sum
     * and the largest of their RssAnon, the sum of their Pss_Anon (copy-on-write pages of the postmaster shared out),
     * in kB.
     */
    static long[] backendMemoryKb() {
        long[] r = new long[4];
        for (Path d : benchBackends()) {
            try {
                long anon = kb(Files.readString(d.resolve("status")), "RssAnon:");
                r[0]++;
                r[1] += anon;
                r[2] = Math.max(r[2], anon);
                r[3] += Math.max(0, kb(Files.readString(d.resolve("smaps_rollup")), "Pss_Anon:"));
            } catch (IOException | RuntimeException gone) {
                // process ended
            }
        }
        return r;
    }

    /** The /proc folders of the PostgreSQL backends serving the bench database (not the server's other databases). */
    private static List<Path> benchBackends() {
        List<Path> found = new ArrayList<>();
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
                        found.add(d);
                    }
                } catch (IOException | RuntimeException gone) {
                    // process ended
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static long kb(String proc, String field) {
        int i = proc.indexOf(field);
        if (i < 0) {
            return -1;
        }
        int end = proc.indexOf('\n', i);
        return Long.parseLong(proc.substring(i + field.length(), end < 0 ? proc.length() : end).replaceAll("\\D", ""));
    }

    /** utime + stime of a process from /proc (deadline ticks of 10 ms). */
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
        for (Path d : benchBackends()) {
            total += processCpuMillis(Long.parseLong(d.getFileName().toString()));
        }
        return total;
    }

}
