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
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** Phase "paced": a fixed request rate on two nodes (open loop), the pools sampled while it runs. */
final class Paced {

    private Paced() {
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

}
