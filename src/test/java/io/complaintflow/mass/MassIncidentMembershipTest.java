package io.complaintflow.mass;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which incident a complaint belongs to is read once per transaction (the intake's job asks for the grading and again
 * at the gateway 已有统一答复？); linking the complaint forgets it; outside a transaction every call reads.
 */
@ComplaintFlowTest
class MassIncidentMembershipTest {

    @Autowired MassIncidents incidents;
    @Autowired TestScenarios scenarios;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    @Test
    void readOncePerTransactionAndForgottenWhenLinked() {
        String remembered = scenarios.routine("billing");
        String linked = scenarios.routine("billing");
        long incident = incidents.insert(Category.of("billing"), "membership-" + remembered, Grade.G3, Instant.now());

        transaction.executeWithoutResult(status -> {
            assertThat(incidents.ofComplaint(remembered)).isEmpty();
            // linked behind the repository's back: this transaction keeps the answer it read
            jdbc.sql("insert into mass_incident_member (incident_id, case_number, linked_at) values (?, ?, ?)")
                    .params(incident, remembered, OffsetDateTime.now(ZoneOffset.UTC)).update();
            assertThat(incidents.ofComplaint(remembered)).as("remembered for the transaction").isEmpty();

            assertThat(incidents.ofComplaint(linked)).isEmpty();
            incidents.link(incident, linked, Instant.now());
            assertThat(incidents.ofComplaint(linked)).as("linking forgets").map(MassIncident::id).contains(incident);
        });
        assertThat(incidents.ofComplaint(remembered)).as("the next transaction reads").map(MassIncident::id)
                .contains(incident);
    }
}
