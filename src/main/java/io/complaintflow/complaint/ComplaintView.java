package io.complaintflow.complaint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A complaint as the API shows it; {@code timeline} only on the single-complaint view. {@code mergedInto}: the
 * complaint this duplicate was merged into; {@code mergedFrom}: duplicates merged into this one.
 */
public record ComplaintView(
        String caseNumber,
        ComplaintStatus status,
        Grade grade,
        Category category,
        String channel,
        String externalRef,
        String regulator,
        Instant regulatorDeadline,
        Customer customer,
        String product,
        String subject,
        String description,
        BigDecimal amountClaimed,
        Instant occurredAt,
        boolean resolvedAtIntake,
        List<DepartmentAssignment> departments,
        int repeatCount,
        String repeatOf,
        int transferCount,
        int rejectionCount,
        int reopenCount,
        String resolution,
        BigDecimal compensation,
        Integer satisfactionScore,
        Map<String, Deadline> deadlines,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        List<TimelineEntry> timeline,
        String mergedInto,
        List<String> mergedFrom,
        Closure closure) {
}
