package io.complaintflow.mass;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Many customers complaining about one issue: the complaints about the same product and category within the
 * window, linked to one parent. The answer is decided once and applied to every linked complaint.
 */
public record MassIncident(long id, Category category, String product, String status, Grade grade, Instant openedAt,
                           String answer, BigDecimal compensation, String answeredBy, Instant answeredAt,
                           List<String> members) {

    public static final String OPEN = "OPEN";

    public String label() {
        return label(id);
    }

    public static String label(long id) {
        return "MI-" + id;
    }
}
