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
import static io.complaintflow.bench.Load.*;
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Storm.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** HTTP: one client for every phase, Basic authentication on every request, small JSON helpers. */
final class Http {

    private Http() {
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

}
