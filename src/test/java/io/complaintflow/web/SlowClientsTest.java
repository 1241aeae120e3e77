package io.complaintflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #18 point 5: forty-odd anonymous clients trickling complaint bodies into {@code /public/complaints} one
 * byte every few seconds held every Tomcat thread — a handler's intake waited half a minute and readiness timed out.
 * Now a handler files a complaint and readiness answers while they trickle, and every slow client is answered
 * (429, 503 at once, or 408 when its body-timeout runs out) instead of holding a thread for minutes.
 */
@ComplaintFlowTest
class SlowClientsTest {

    private static final int SLOW_CLIENTS = 42;
    private static final String ONE_ADDRESS = "203.0.113.7";

    @LocalServerPort int port;
    @Value("${server.tomcat.threads.max}") int tomcatThreads;
    @Autowired PublicDoorLimits limits;
    @Autowired JdbcClient jdbc;

    private long stored() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }

    /** Sends the headers of a public complaint at once, and its body never (the trickle sends it). */
    private Socket slowClient(String address, byte[] body) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.getOutputStream().write(("POST /public/complaints HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + "X-Forwarded-For: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private HttpResponse<String> fileAsHandler(HttpClient http) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/complaints"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"hotline\",\"customer\":{\"name\":\"张三\","
                        + "\"phone\":\"" + TestScenarios.uniquePhone() + "\"},\"category\":\"billing\","
                        + "\"description\":\"电话里投诉多收费\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHandlerFilesAComplaintAndReadinessAnswersWhileFortyTwoClientsTrickleTheirBodies() throws Exception {
        assertThat(SLOW_CLIENTS).as("more slow clients than the node has threads").isGreaterThan(tomcatThreads);
        byte[] body = ("{\"name\":\"慢客户\",\"phone\":\"13800000000\",\"description\":\"" + "慢".repeat(100) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long warmUp = System.nanoTime();
        assertThat(fileAsHandler(http).statusCode()).as("a first complaint, before the slow clients").isEqualTo(201);
        System.out.printf("SlowClientsTest: intake alone %d ms%n", Duration.ofNanos(System.nanoTime() - warmUp).toMillis());
        long storedBefore = stored();
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        ExecutorService readers = Executors.newFixedThreadPool(SLOW_CLIENTS);
        Map<Socket, Integer> sent = new ConcurrentHashMap<>();
        try {
            long opened = System.nanoTime();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                // half from one address (a single attacker), half from many (a botnet)
                Socket socket = slowClient(i % 2 == 0 ? ONE_ADDRESS : "198.51.100." + (10 + i), body);
                sockets.add(socket);
                sent.put(socket, 0);
            }
            trickle.scheduleAtFixedRate(() -> sent.replaceAll((socket, n) -> {
                try {
                    if (n < body.length && !socket.isClosed()) {
                        OutputStream out = socket.getOutputStream();
                        out.write(body[n]);
                        out.flush();
                        return n + 1;
                    }
                } catch (IOException closedByServer) {
                    return body.length;
                }
                return n;
            }), 0, 3, TimeUnit.SECONDS);
            List<Future<String>> answers = new ArrayList<>();
            for (Socket socket : sockets) {
                answers.add(readers.submit(() -> {
                    socket.setSoTimeout(60_000);
                    String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    return status + " after " + Duration.ofNanos(System.nanoTime() - opened).toSeconds() + " s";
                }));
            }
            Thread.sleep(1_000); // every slow client is in

            long start = System.nanoTime();
            HttpResponse<String> intake = fileAsHandler(http);
            Duration intakeTook = Duration.ofNanos(System.nanoTime() - start);
            assertThat(intake.statusCode()).as(intake.body()).isEqualTo(201);
            System.out.printf("SlowClientsTest: intake among %d slow clients %d ms%n", SLOW_CLIENTS, intakeTook.toMillis());
            assertThat(intakeTook).as("the handler's intake, while the slow clients trickle")
                    .isLessThan(Duration.ofSeconds(10));

            start = System.nanoTime();
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("readiness").isLessThan(Duration.ofSeconds(5));

            long timeoutSeconds = limits.bodyTimeout().toSeconds();
            List<String> statuses = new ArrayList<>();
            for (Future<String> answer : answers) {
                statuses.add(answer.get(timeoutSeconds + 30, TimeUnit.SECONDS));
            }
            assertThat(statuses).allSatisfy(status -> assertThat(status).matches(
                    "HTTP/1\\.1 (429|503|408) .*"));
            List<String> oneAddress = new ArrayList<>();
            for (int i = 0; i < statuses.size(); i += 2) {
                oneAddress.add(statuses.get(i));
            }
            assertThat(oneAddress).filteredOn(s -> s.contains(" 408 ")).as("one address admitted at most per-client")
                    .hasSizeLessThanOrEqualTo(limits.perClient());
            assertThat(oneAddress).filteredOn(s -> s.contains(" 429 ")).as("one address beyond its per-client limit")
                    .isNotEmpty();
            assertThat(statuses).filteredOn(s -> s.contains(" 408 ")).as("admitted up to the node's limit, then out "
                    + "of time").hasSize(limits.total());
            for (String status : statuses) {
                long seconds = Long.parseLong(status.replaceAll(".* after (\\d+) s", "$1"));
                assertThat(seconds).as(status).isLessThanOrEqualTo(timeoutSeconds + 12);
            }
            assertThat(stored()).as("only the handler's complaint").isEqualTo(storedBefore + 1);
        } finally {
            trickle.shutdownNow();
            readers.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
