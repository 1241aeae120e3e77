package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A login remembered by {@link BasicLogins} is worth nothing once the account changes: each attack below first lets
 * the node remember the credentials (two successful requests through both doors), then changes the account the way
 * an administrator does on this node, and expects the very next request to see the change. Another node (a second
 * {@link BasicLogins} with a clock of its own) reads the stamp once per interval and sees the change within it.
 */
@ComplaintFlowTest
class BasicLoginsTest {

    static final String PASSWORD = "Remembered-passw0rd-2026";
    /** {@code /api}: a read every manager may make, refused to a user without a reading group. */
    static final String API = "/api/operations/notices";
    /** {@code /engine-rest}: what the engine's authorizations let the user's groups read. */
    static final String ENGINE = "/engine-rest/process-definition/count";

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired BasicLogins logins;
    @Autowired JdbcTemplate jdbc;
    @Autowired SecurityProperties settings;

    String user;

    @BeforeEach
    void userInManagers() {
        user = "remembered-" + UUID.randomUUID().toString().substring(0, 8);
        User u = identity.newUser(user);
        u.setFirstName("Re");
        u.setLastName("Membered");
        u.setPassword(PASSWORD);
        identity.saveUser(u);
        identity.createMembership(user, Groups.COMPLAINT_MANAGERS);
        ClockUtil.setCurrentTime(new Date());
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        identity.deleteUser(user);
    }

    private HttpSession as(String password) {
        return new HttpSession(port).basic(user, password);
    }

    private void remembered() {
        for (int i = 0; i < 2; i++) {
            assertThat(as(PASSWORD).get(API).statusCode()).isEqualTo(200);
            assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRememberedLoginSkipsTheEnginesPasswordCheckButAWrongPasswordNever() {
        remembered();
        long checks = logins.passwordChecks();
        assertThat(as(PASSWORD).get(API).statusCode()).isEqualTo(200);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(200);
        assertThat(logins.passwordChecks()).as("answered by the stamp").isEqualTo(checks);

        assertThat(as(PASSWORD + "x").get(ENGINE).statusCode()).isEqualTo(401);
        assertThat(logins.passwordChecks()).as("another password goes to the engine").isEqualTo(checks + 1);
    }

    @Test
    void aChangedPasswordEndsTheOldOneAtOnce() {
        remembered();
        User u = identity.createUserQuery().userId(user).singleResult();
        u.setPassword("Changed-passw0rd-2026");
        identity.saveUser(u);

        assertThat(as(PASSWORD).get(API).statusCode()).isEqualTo(401);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(401);
        identity.unlockUser(user); // the old password's two tries locked the account for a while
        assertThat(as("Changed-passw0rd-2026").get(API).statusCode()).isEqualTo(200);
        assertThat(as("Changed-passw0rd-2026").get(ENGINE).statusCode()).isEqualTo(200);
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRememberedPassword() {
        remembered();
        assertThat(as("guess").get(ENGINE).statusCode()).isEqualTo(401);

        assertThat(as(PASSWORD).get(API).statusCode()).as("locked for 3 s after a wrong password").isEqualTo(401);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(401);
        identity.unlockUser(user);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).as("an administrator unlocks").isEqualTo(200);
    }

    @Test
    void aRemovedGroupTakesItsRightsAtOnceOnBothDoors() {
        remembered();
        assertThat(count(as(PASSWORD).get(ENGINE).body())).as("managers read the definitions").isPositive();

        identity.deleteMembership(user, Groups.COMPLAINT_MANAGERS);

        assertThat(as(PASSWORD).get(API).statusCode()).isEqualTo(403);
        assertThat(count(as(PASSWORD).get(ENGINE).body())).as("the engine no longer sees the group").isZero();
        identity.createMembership(user, Groups.COMPLAINT_MANAGERS);
        assertThat(as(PASSWORD).get(API).statusCode()).as("an added group counts at once too").isEqualTo(200);
    }

    @Test
    void aDeletedUserIsRefused() {
        remembered();
        identity.deleteUser(user);

        assertThat(as(PASSWORD).get(API).statusCode()).isEqualTo(401);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(401);
        // recreated under the same id with another password: the old one does not open it
        User again = identity.newUser(user);
        again.setPassword("Recreated-passw0rd-2026");
        identity.saveUser(again);
        assertThat(as(PASSWORD).get(ENGINE).statusCode()).isEqualTo(401);
    }

    @Test
    void anotherNodeReadsTheStampOncePerIntervalAndSeesAChangeWithinIt() {
        AtomicLong clock = new AtomicLong();
        BasicLogins other = new BasicLogins(identity, jdbc, settings, new IdentityChanges(), clock::get);
        assertThat(settings.loginStampInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(other.check(user, PASSWORD)).get().extracting(BasicLogins.Login::groups)
                .isEqualTo(java.util.List.of(Groups.COMPLAINT_MANAGERS));
        long reads = other.stampReads();
        long checks = other.passwordChecks();
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(other.check(user, PASSWORD)).as("within the interval: from memory").isPresent();
        assertThat(other.stampReads()).isEqualTo(reads);
        assertThat(other.check(user, PASSWORD + "x")).as("other credentials: the stamp and the engine").isEmpty();
        assertThat(other.stampReads()).isEqualTo(reads + 1);
        assertThat(other.passwordChecks()).isEqualTo(checks + 1);
        identity.unlockUser(user);

        // an administrator takes the group away on this node: here at once, there once its interval is over
        assertThat(other.check(user, PASSWORD)).isPresent();
        long readAgain = other.stampReads();
        identity.deleteMembership(user, Groups.COMPLAINT_MANAGERS);
        assertThat(logins.check(user, PASSWORD)).get().extracting(BasicLogins.Login::groups)
                .isEqualTo(java.util.List.of());
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(other.check(user, PASSWORD)).get().extracting(BasicLogins.Login::groups).as("as read")
                .isEqualTo(java.util.List.of(Groups.COMPLAINT_MANAGERS));
        assertThat(other.stampReads()).isEqualTo(readAgain);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(other.check(user, PASSWORD)).get().extracting(BasicLogins.Login::groups)
                .isEqualTo(java.util.List.of());
        assertThat(other.stampReads()).isEqualTo(readAgain + 1);
    }

    @Test
    void anIntervalOfZeroReadsTheStampOnEveryRequest() {
        BasicLogins everyTime = new BasicLogins(identity, jdbc, new SecurityProperties(settings.maxBody(),
                settings.maxUpload(), settings.maxPublicBody(), settings.trustedProxies(), Duration.ZERO),
                new IdentityChanges(), () -> 0L);
        for (int i = 0; i < 3; i++) {
            assertThat(everyTime.check(user, PASSWORD)).isPresent();
        }
        assertThat(everyTime.stampReads()).isEqualTo(3);
        assertThat(everyTime.passwordChecks()).as("the engine's check once, the stamp after").isOne();
    }

    private static long count(String body) {
        return Long.parseLong(body.replaceAll("\\D", ""));
    }
}
