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
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** Closed-loop load: N clients each sending the next request when the last one answered, with CPU per operation. */
final class Load {

    private Load() {
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
        Wal wal;
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
        Wal wal = measured == null ? null : Wal.start();
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
        s.wal = wal;
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

}
