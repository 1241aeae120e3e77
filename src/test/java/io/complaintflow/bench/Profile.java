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
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/**
 * Where the CPU of a phase went. Per-thread CPU of node 1 from /proc (HTTP threads, job executor, GC, JIT, …)
 * at the start and end of every measured window; JFR execution samples of the Java threads in that window sorted
 * into cost centres (the first centre, in a fixed order, that any frame of the sample's stack belongs to), each
 * centre's share of the samples times the Java threads' CPU, per operation. PostgreSQL's backends come from
 * /proc as well. Samples are statistical: a centre below ~1 ms per operation is within the noise.
 */
final class Profile {
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
            {"case-file view variables", "io.complaintflow.complaint.CaseFileVariables",
                    "io.complaintflow.complaint.CaseFileAdapter"},
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
            // inside a command (or the engine's Spring glue): the engine's own work
            {"BPMN execution (engine, other)", "org.camunda.bpm.engine.impl.", "org.camunda.bpm.engine.spring."},
            // outside any command: Camunda's REST API around it (its filters, Jersey's routing and injection, the
            // DTOs). Its package is org.camunda.bpm.engine.rest, which the centre above matched by its prefix
            // until the thirteenth session: the REST layer of every /engine-rest request then counted as BPMN.
            {"engine REST API (Jersey, resources, DTOs)", "org.camunda.bpm.engine.rest.", "org.glassfish.jersey.",
                    "org.jvnet.hk2."},
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
