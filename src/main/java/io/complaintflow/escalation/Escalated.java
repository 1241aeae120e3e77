package io.complaintflow.escalation;

import java.time.Instant;

/**
 * A complaint was escalated (level 1 and up) or reminded (level 0): published in the transaction that records it,
 * for whoever keeps figures of where escalations happen.
 */
public record Escalated(String caseNumber, String deadline, String department, int level, Instant at) {
}
