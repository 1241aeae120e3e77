package io.complaintflow.crisis;

import java.util.List;

/** One crisis with its log, as {@code GET /api/crises/{id}} answers (privacy/ masks it on the way out). */
public record CrisisView(Crisis crisis, List<CrisisEvent> log) {
}
