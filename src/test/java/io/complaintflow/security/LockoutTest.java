package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Wrong passwords lock an account for a while, growing with each, but never for good; an administrator unlocks. */
@ComplaintFlowTest
class LockoutTest {

    static final String PASSWORD = "Victim-passw0rd-2026";

    @LocalServerPort int port;
    @Autowired IdentityService identity;

    String victim;
    Date now;

    @BeforeEach
    void victim() {
        victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identity.newUser(victim);
        user.setFirstName("Vic");
        user.setLastName("Tim");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        now = new Date();
        ClockUtil.setCurrentTime(now);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        identity.deleteUser(victim);
    }

    private int login(String password) {
        return new HttpSession(port).basic(victim, password).get("/engine-rest/task").statusCode();
    }

    private void later(Duration by) {
        now = new Date(now.getTime() + by.toMillis());
        ClockUtil.setCurrentTime(now);
    }

    @Test
    void anOutsiderGuessingWrongPasswordsSpacedPastTheDelayCannotLockAnAccountForGood() {
        for (int guess = 1; guess <= 15; guess++) {
            assertThat(login("guess-" + guess)).isEqualTo(401);
            later(Duration.ofMinutes(2));
        }
        assertThat(login(PASSWORD)).as("the owner logs in once the last delay has passed").isEqualTo(200);
    }

    @Test
    void eachWrongPasswordLocksForAGrowingWhileAndAnAdministratorUnlocksAtOnce() {
        assertThat(login("guess-1")).isEqualTo(401);
        assertThat(login(PASSWORD)).as("locked for 3 s after the first failure").isEqualTo(401);
        later(Duration.ofSeconds(4));
        assertThat(login(PASSWORD)).isEqualTo(200);

        for (int guess = 1; guess <= 6; guess++) {
            assertThat(login("guess-" + guess)).isEqualTo(401);
            later(Duration.ofSeconds(61));
        }
        assertThat(login("guess-7")).isEqualTo(401);
        later(Duration.ofSeconds(30));
        assertThat(login(PASSWORD)).as("the 7th failure locks for the 60 s maximum").isEqualTo(401);

        assertThat(new HttpSession(port).basic("center", "demo").json("POST", "/engine-rest/user/" + victim + "/unlock",
                null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(new HttpSession(port).basic("demo", "demo").json("POST", "/engine-rest/user/" + victim + "/unlock",
                null, Map.of()).statusCode()).isEqualTo(204);
        assertThat(login(PASSWORD)).isEqualTo(200);
    }
}
