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

/** Accepts and discards the application's mail, so mail jobs succeed as they would against a real server. */
final class SmtpSink {
    final int port;
    final AtomicInteger mails = new AtomicInteger();
    /** SMTP connections the nodes opened: per mail, how many mails share one. */
    final AtomicInteger connections = new AtomicInteger();
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
                    connections.incrementAndGet();
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
