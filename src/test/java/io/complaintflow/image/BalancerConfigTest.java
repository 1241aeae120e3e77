package io.complaintflow.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The balancer of {@code docker-compose.yml} ({@code deploy/nginx.conf}) keeps slow clients away from the nodes:
 * it buffers request bodies, times out clients that stall, limits connections per client on the public doors,
 * and never reuses an upstream connection a node may be closing. No nginx runs here, so the file is read and its
 * directives checked where nginx would look for them — a setting that disappears or moves fails this test.
 */
class BalancerConfigTest {

    private static final Path CONFIG = Path.of("deploy/nginx.conf");

    /** A directive ({@code name args;}) or a block ({@code name args { … }}). */
    record Node(String name, List<String> args, List<Node> children) {

        Optional<Node> first(String name) {
            return children.stream().filter(c -> c.name.equals(name)).findFirst();
        }

        Node block(String name, String... args) {
            return children.stream().filter(c -> c.name.equals(name) && c.args.equals(List.of(args))).findFirst()
                    .orElseThrow(() -> new AssertionError("no block " + name + " " + List.of(args)));
        }

        String value(String directive) {
            return first(directive).map(d -> String.join(" ", d.args))
                    .orElseThrow(() -> new AssertionError("no " + directive + " in " + name + " " + args));
        }
    }

    static Node parse(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[{};]|[^\\s{};]+").matcher(text.replaceAll("(?m)#.*$", ""));
        while (m.find()) {
            tokens.add(m.group());
        }
        int[] at = {0};
        return new Node("main", List.of(), children(tokens, at));
    }

    private static List<Node> children(List<String> tokens, int[] at) {
        List<Node> nodes = new ArrayList<>();
        while (at[0] < tokens.size() && !tokens.get(at[0]).equals("}")) {
            String name = tokens.get(at[0]++);
            List<String> args = new ArrayList<>();
            while (!tokens.get(at[0]).equals(";") && !tokens.get(at[0]).equals("{")) {
                args.add(tokens.get(at[0]++));
            }
            if (tokens.get(at[0]++).equals("{")) {
                nodes.add(new Node(name, args, children(tokens, at)));
                at[0]++; // }
            } else {
                nodes.add(new Node(name, args, List.of()));
            }
        }
        return nodes;
    }

    static Duration duration(String nginx) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)?").matcher(nginx);
        assertThat(m.matches()).as(nginx).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n)
                : m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofMillis(n);
    }

    static long bytes(String nginx) {
        Matcher m = Pattern.compile("(\\d+)([kKmM])?").matcher(nginx);
        assertThat(m.matches()).as(nginx).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? n : m.group(2).equalsIgnoreCase("k") ? n * 1024 : n * 1024 * 1024;
    }

    private Node http() throws IOException {
        return parse(Files.readString(CONFIG)).block("http");
    }

    @Test
    void composeMountsThisFileIntoTheBalancer() throws IOException {
        assertThat(Files.readString(Path.of("docker-compose.yml")))
                .contains("./deploy/nginx.conf:/etc/nginx/nginx.conf");
    }

    @Test
    void bodiesAreBufferedWholeBeforeANodeSeesThem() throws IOException {
        Node http = http();
        assertThat(http.value("proxy_request_buffering")).isEqualTo("on");
        assertThat(bytes(http.value("client_body_buffer_size"))).as("a public complaint fits in memory")
                .isGreaterThanOrEqualTo(32 * 1024);
        Node server = http.block("server");
        for (Node location : server.children().stream().filter(c -> c.name().equals("location")).toList()) {
            assertThat(location.first("proxy_request_buffering").map(d -> d.args().get(0)).orElse("on"))
                    .as("location " + location.args()).isEqualTo("on");
        }
    }

    @Test
    void clientsThatStallAreTimedOutWithinTenSeconds() throws IOException {
        Node http = http();
        assertThat(duration(http.value("client_body_timeout"))).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(duration(http.value("client_header_timeout"))).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(duration(http.value("send_timeout"))).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void thePublicDoorsLimitConnectionsPerClientAddressAndBodySize() throws IOException {
        Node http = http();
        String zone = http.value("limit_conn_zone");
        assertThat(zone).startsWith("$binary_remote_addr zone=");
        String zoneName = zone.replaceAll(".*zone=([^:]+):.*", "$1");
        assertThat(http.value("limit_conn_status")).isEqualTo("429");
        Node publicDoors = http.block("server").block("location", "/public/");
        String[] limit = publicDoors.value("limit_conn").split(" ");
        assertThat(limit[0]).isEqualTo(zoneName);
        assertThat(Integer.parseInt(limit[1])).isBetween(1, 20);
        assertThat(bytes(publicDoors.value("client_max_body_size"))).isLessThanOrEqualTo(64 * 1024);
        assertThat(publicDoors.value("proxy_pass")).isEqualTo("http://complaintflow");
    }

    @Test
    void nginxDropsIdleUpstreamConnectionsBeforeTheNodesDo() throws IOException {
        Duration nginx = duration(http().block("upstream", "complaintflow").value("keepalive_timeout"));
        String yaml = Files.readString(Path.of("src/main/resources/application.yaml"));
        Matcher tomcat = Pattern.compile("(?m)^\\s+keep-alive-timeout:\\s*(\\d+)s\\s*$").matcher(yaml);
        assertThat(tomcat.find()).as("server.tomcat.keep-alive-timeout in application.yaml").isTrue();
        assertThat(nginx).isLessThan(Duration.ofSeconds(Long.parseLong(tomcat.group(1))));
    }
}
