package io.complaintflow.resolution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who proposed the compensation of a complaint's current answer (the signed-in person, not a form field). */
@Repository
public class CompensationProposals {

    private final JdbcClient jdbc;

    public CompensationProposals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String caseNumber, String proposedBy, BigDecimal amount, Instant at) {
        jdbc.sql("delete from compensation_proposal where case_number = ?").param(caseNumber).update();
        if (amount != null && amount.signum() > 0) {
            jdbc.sql("insert into compensation_proposal (case_number, proposed_by, amount, proposed_at)"
                            + " values (?, ?, ?, ?)")
                    .params(caseNumber, proposedBy, amount, at.atOffset(ZoneOffset.UTC)).update();
        }
    }

    public Optional<String> proposer(String caseNumber) {
        return jdbc.sql("select proposed_by from compensation_proposal where case_number = ?")
                .param(caseNumber).query(String.class).optional();
    }
}
