package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowApplication;
import io.complaintflow.HttpSession;
import io.complaintflow.cluster.WebappRuntimes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of the {@code prod} profile, started the way an operator starts one, while an anonymous client keeps
 * trying to claim Camunda Admin's first-administrator set-up from the moment the port opens.
 */
class ProdNodeStartTest {

    static final String ENGINE = "prodnode";
    static final String ADMIN = "ops-admin";
    static final String ADMIN_PASSWORD = "Zq7-operator-key-2026!";

    static ConfigurableApplicationContext node;
    static int port;
    /** Status of every set-up attempt the server answered while it started and right after. */
    static final List<Integer> claims = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startProdNodeWhileAnAttackerRacesTheSetupEndpoint() throws Exception {
        port = freePort();
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(ComplaintFlowApplication.class).profiles("test", "prod").run(
                        "--server.port=" + port,
                        "--camunda.bpm.process-engine-name=" + ENGINE,
                        "--camunda.bpm.generic-properties.properties.hostname=" + ENGINE,
                        "--spring.datasource.url=jdbc:h2:mem:prodnode-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--complaintflow.admin.user=" + ADMIN,
                        "--complaintflow.admin.password=" + ADMIN_PASSWORD,
                        "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false"));
        while (!starting.isDone()) {
            claimSetup();
        }
        node = starting.get(1, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            claimSetup();
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        WebappRuntimes.restoreIfCleared();
    }

    private static void claimSetup() {
        try {
            HttpSession attacker = new HttpSession(port);
            attacker.get("/camunda/app/admin/" + ENGINE + "/");
            String token = attacker.cookie("XSRF-TOKEN");
            HttpResponse<String> claim = attacker.json("POST", "/camunda/api/admin/setup/" + ENGINE + "/user/create",
                    "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.org\"},"
                            + "\"credentials\":{\"password\":\"intruder-password-1\"}}",
                    token == null ? Map.of() : Map.of("X-XSRF-TOKEN", token));
            claims.add(claim.statusCode());
        } catch (IllegalStateException notListeningYet) {
            sleep(20);
        }
    }

    @Test
    void anAnonymousSetupRequestRacingAProdStartNeverBecomesAdministrator() {
        assertThat(claims).as("the attacker reached the server").isNotEmpty();
        assertThat(claims).as("no set-up request succeeded").allSatisfy(status -> assertThat(status).isGreaterThanOrEqualTo(400));
        IdentityService identity = node.getBean(IdentityService.class);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
        assertThat(identity.createUserQuery().memberOfGroup(Groups.ADMIN).list())
                .extracting(u -> u.getId()).containsExactly(ADMIN);
    }

    @Test
    void prodRefusesTheWeakPassword1WheneverAPasswordIsSet() {
        HttpSession admin = new HttpSession(port).basic(ADMIN, ADMIN_PASSWORD);
        for (String weak : List.of("1", "camunda12345", "password1234", "aaaaaaaaaaaaaaa")) {
            HttpResponse<String> created = admin.json("POST", "/engine-rest/engine/" + ENGINE + "/user/create", user("weak-" + weak.length(), weak),
                    Map.of());
            assertThat(created.statusCode()).as(weak).isEqualTo(400);
            assertThat(created.body()).contains("password");
        }
        assertThat(admin.json("POST", "/engine-rest/engine/" + ENGINE + "/user/create", user("handler-ops", "Tq4-long-enough-2026"), Map.of())
                .statusCode()).isEqualTo(204);
        HttpResponse<String> weakened = admin.json("PUT", "/engine-rest/engine/" + ENGINE + "/user/handler-ops/credentials",
                "{\"password\":\"1\",\"authenticatedUserPassword\":\"" + ADMIN_PASSWORD + "\"}", Map.of());
        assertThat(weakened.statusCode()).as(weakened.body()).isEqualTo(400);
        assertThat(new HttpSession(port).basic("handler-ops", "Tq4-long-enough-2026").get("/engine-rest/engine/" + ENGINE + "/task").statusCode())
                .isEqualTo(200);
        assertThat(new HttpSession(port).basic("handler-ops", "1").get("/engine-rest/engine/" + ENGINE + "/task").statusCode()).isEqualTo(401);
    }

    private static String user(String id, String password) {
        return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Ops\",\"lastName\":\"Handler\",\"email\":\"" + id
                + "@example.org\"},\"credentials\":{\"password\":\"" + password + "\"}}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
