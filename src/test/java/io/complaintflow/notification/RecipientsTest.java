package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A group's addresses are read once and then remembered (a deadline storm escalates thousands of complaints to the
 * same lead groups); a change of users or memberships through this node counts at once, one through another node
 * (a second {@link Recipients} with a clock of its own) within the interval.
 */
@ComplaintFlowTest
class RecipientsTest {

    @Autowired IdentityService identity;
    @Autowired IdentityChangeCount changes;
    @Autowired MailProperties settings;

    String group;
    String id;

    @BeforeEach
    void groupWithOneMember() {
        id = UUID.randomUUID().toString().substring(0, 8);
        group = "recipients-" + id;
        Group g = identity.newGroup(group);
        g.setName(group);
        identity.saveGroup(g);
        person("lead-" + id, "lead-" + id + "@example.com");
    }

    @AfterEach
    void cleanUp() {
        identity.createUserQuery().memberOfGroup(group).list().forEach(u -> identity.deleteUser(u.getId()));
        identity.deleteGroup(group);
    }

    @Test
    void aGroupIsReadOnceAndAChangeOnThisNodeCountsAtOnce() {
        Recipients recipients = new Recipients(identity, changes, settings, () -> 0L);
        assertThat(recipients.ofGroup(group)).containsExactly("lead-" + id + "@example.com");
        long reads = recipients.groupReads();
        for (int i = 0; i < 3; i++) {
            assertThat(recipients.ofGroup(group)).containsExactly("lead-" + id + "@example.com");
        }
        assertThat(recipients.groupReads()).as("from memory").isEqualTo(reads);

        person("deputy-" + id, "deputy-" + id + "@example.com");
        assertThat(recipients.ofGroup(group)).containsExactlyInAnyOrder("lead-" + id + "@example.com",
                "deputy-" + id + "@example.com");

        User lead = identity.createUserQuery().userId("lead-" + id).singleResult();
        lead.setEmail("lead-new-" + id + "@example.com");
        identity.saveUser(lead);
        assertThat(recipients.ofGroup(group)).as("a new address too").containsExactlyInAnyOrder(
                "lead-new-" + id + "@example.com", "deputy-" + id + "@example.com");
        assertThat(recipients.groupReads()).isEqualTo(reads + 2);
    }

    @Test
    void anotherNodeReadsOncePerIntervalAndSeesAChangeWithinIt() {
        assertThat(settings.groupMembersFor()).isEqualTo(Duration.ofSeconds(10));
        AtomicLong clock = new AtomicLong();
        Recipients here = new Recipients(identity, changes, settings, clock::get);
        // another node does not count this node's changes
        Recipients there = new Recipients(identity, () -> 0L, settings, clock::get);
        assertThat(here.ofGroup(group)).hasSize(1);
        assertThat(there.ofGroup(group)).hasSize(1);

        identity.deleteMembership("lead-" + id, group);
        clock.addAndGet(Duration.ofSeconds(9).toNanos());

        assertThat(here.ofGroup(group)).as("changed through this node: at once").isEmpty();
        assertThat(there.ofGroup(group)).as("another node: as read, within the interval").hasSize(1);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(there.ofGroup(group)).as("after the interval").isEmpty();
    }

    @Test
    void anIntervalOfZeroReadsEveryTime() {
        MailProperties everyTime = new MailProperties(settings.from(), settings.dispatch(), settings.dispatchInterval(),
                settings.batchSize(), settings.claimFor(), settings.retryInterval(), settings.maxRetryInterval(),
                settings.giveUpAfter(), settings.digestWindow(), settings.keepSent(), Duration.ZERO,
                settings.retryCycle());
        Recipients each = new Recipients(identity, () -> 0L, everyTime, () -> 0L);
        for (int i = 0; i < 3; i++) {
            assertThat(each.ofGroup(group)).hasSize(1);
        }
        assertThat(each.groupReads()).isEqualTo(3);
    }

    private void person(String user, String email) {
        User u = identity.newUser(user);
        u.setFirstName("Re");
        u.setLastName("Cipient");
        u.setEmail(email);
        u.setPassword("Recipient-passw0rd-2026");
        identity.saveUser(u);
        identity.createMembership(user, group);
    }
}
