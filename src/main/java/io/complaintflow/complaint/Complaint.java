package io.complaintflow.complaint;

import java.math.BigDecimal;
import java.time.Instant;

/** The complaint record as stored in the application's own table. */
public record Complaint(
        String caseNumber,
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
        ComplaintStatus status,
        Grade grade,
        int repeatCount,
        String repeatOf,
        int transferCount,
        int rejectionCount,
        int reopenCount,
        String resolution,
        BigDecimal compensation,
        Integer satisfactionScore,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {

    /** What the decision tables and text assistance read: subject and description, at most 4,000 characters. */
    public String text() {
        return text(subject, description);
    }

    public static String text(String subject, String description) {
        String text = (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
        return text.length() <= 4000 ? text : text.substring(0, 2000) + "\n…\n" + text.substring(text.length() - 1990);
    }
}
