package io.complaintflow.pdca;

import java.time.Instant;

/** One entry of the root-cause taxonomy: a stable code, a Chinese label, retired entries stay for history. */
public record RootCause(String code, String label, String description, boolean active, int sortOrder,
                        String updatedBy, Instant updatedAt) {
}
