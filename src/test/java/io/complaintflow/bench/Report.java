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

/** The printed table and the JSON written for every run. */
final class Report {

    private Report() {
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
                    + " history rows; engine rows with the customer's phone: " + f.get("engineRowsWithPhone")
                    + "; authorization rows on its open tasks while waiting: " + f.get("waitingAuthorizations"));
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
            if (l.get("grantsBefore") instanceof Map<?, ?> g) {
                System.out.println("lifecycle met " + g.get("authorizationRows") + " authorization rows, "
                        + g.get("taskGrantRows") + " of them on " + g.get("waitingTasks") + " open tasks of "
                        + g.get("waitingComplaints") + " waiting complaints (" + g.get("taskGrantRowsPerWaitingComplaint")
                        + " per waiting complaint)");
            }
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
