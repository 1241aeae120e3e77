package io.complaintflow.complaint;

import java.math.BigDecimal;
import java.time.Instant;

/** One department's part in a complaint: what it proposed, or why it sent the case back. */
public record DepartmentAssignment(
        String department,
        boolean lead,
        String state,
        String proposal,
        BigDecimal compensation,
        String rootCause,
        String transferReason,
        Instant assignedAt,
        Instant updatedAt) {

    public static final String PLANNED = "PLANNED";
    public static final String ASSIGNED = "ASSIGNED";
    public static final String PROPOSED = "PROPOSED";
    public static final String TRANSFERRED = "TRANSFERRED";
}
