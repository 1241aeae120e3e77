package io.complaintflow.complaint;

import java.time.Instant;
import java.util.List;

/**
 * The list filters of `GET /api/complaints`; null (or, for {@code caseNumbers}, empty) means "any". {@code scope}
 * limits the list to what the caller may read (null: everything).
 */
public record ComplaintFilter(
        ComplaintStatus status, Grade grade, Category category, String department, String channel,
        Instant from, Instant to, List<String> caseNumbers, int page, int size, ReadScope scope) {

    public ComplaintFilter {
        caseNumbers = caseNumbers == null ? List.of() : List.copyOf(caseNumbers);
    }
}
