package io.complaintflow.intake;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Customer;
import java.math.BigDecimal;
import java.time.Instant;

/** A complaint request that passed validation: codes checked, dates parsed, blanks dropped. */
public record NewComplaint(
        String channel,
        String externalRef,
        String regulator,
        Instant regulatorDeadline,
        Customer customer,
        Category category,
        String product,
        String subject,
        String description,
        BigDecimal amountClaimed,
        Instant occurredAt,
        boolean resolvedAtIntake,
        String resolution) {

    /**
     * The words that grading reads for signs of a crisis (媒体, 起诉 …). Decision history stores inputs in 4000-character
     * columns, so a very long text is read from both ends.
     */
    public String text() {
        return io.complaintflow.complaint.Complaint.text(subject, description);
    }
}
