package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The client behind the balancer is who the balancer saw, not what the client writes into X-Forwarded-For. */
@ComplaintFlowTest
class TrustedProxiesTest {

    @LocalServerPort int port;

    private static String client(List<String> trusted, String peer, String... forwardedFor) {
        TrustedProxies proxies = new TrustedProxies();
        proxies.setTrustedProxies(trusted);
        return proxies.clientAddress(peer, Collections.enumeration(List.of(forwardedFor)));
    }

    @Test
    void aClientSpoofingANewForwardedForPerRequestStillHitsThePublicRateLimit() {
        String real = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        int lookups = 0;
        int status = 0;
        while (lookups < 40 && status != 429) {
            // what nginx sends on: the client's own header, then the address it saw ($proxy_add_x_forwarded_for)
            String spoofed = "198.51.100." + (lookups % 250 + 1);
            status = new HttpSession(port).json("GET", "/public/complaints/CMP-20990101-000001?phone=13800000000", null,
                    Map.of("X-Forwarded-For", spoofed + ", " + real)).statusCode();
            lookups++;
        }
        assertThat(status).as("refused after the lookup limit (30 per 10 minutes)").isEqualTo(429);
        assertThat(lookups).isEqualTo(31);
    }

    @Test
    void twoClientsBehindTheBalancerHaveALimitEach() {
        String first = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        String second = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        int status = 0;
        for (int i = 0; i < 31; i++) {
            status = new HttpSession(port).json("GET", "/public/complaints/CMP-20990101-000001?phone=13800000000", null,
                    Map.of("X-Forwarded-For", first)).statusCode();
        }
        assertThat(status).as("the first client is over its lookup limit").isEqualTo(429);
        assertThat(new HttpSession(port).json("GET", "/public/complaints/CMP-20990101-000001?phone=13800000000", null,
                Map.of("X-Forwarded-For", second)).statusCode()).as("the second is not").isEqualTo(404);
    }

    @Test
    void theRightMostAddressNotAddedByATrustedProxyIsTheClient() {
        List<String> lb = List.of("10.0.0.5", "172.28.0.0/16");
        assertThat(client(lb, "10.0.0.5", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(client(lb, "10.0.0.5", "1.2.3.4, 203.0.113.9, 172.28.3.4")).isEqualTo("203.0.113.9");
        assertThat(client(lb, "10.0.0.5", "1.2.3.4", "203.0.113.9")).as("several headers").isEqualTo("203.0.113.9");
        assertThat(client(lb, "198.51.100.7", "1.2.3.4")).as("not from a trusted proxy: header ignored")
                .isEqualTo("198.51.100.7");
        assertThat(client(List.of(), "10.0.0.5", "1.2.3.4")).as("nothing trusted by default").isEqualTo("10.0.0.5");
        assertThat(client(lb, "10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(client(lb, "10.0.0.5", "not-an-address")).isEqualTo("10.0.0.5");
        assertThat(client(lb, "10.0.0.5", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(client(lb, "10.0.0.5", "203.0.113.9:5555")).isEqualTo("203.0.113.9");
        assertThat(client(List.of("localhost"), "127.0.0.1", "203.0.113.9")).as("host names").isEqualTo("203.0.113.9");
    }
}
