package io.complaintflow.complaint;

import java.time.Instant;

/**
 * The list filters of `GET /api/complaints`; null means "any". {@code scope} limits the list to what the caller
 * may read (null: everything).
 */
public record ComplaintFilter(
        ComplaintStatus status, Grade grade, Category category, String department, String channel,
        Instant from, Instant to, int page, int size, ReadScope scope) {
}
