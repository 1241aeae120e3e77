package io.complaintflow.crisis;

import java.time.Instant;

/** One step of a crisis response, for its log. */
public record CrisisEvent(long id, Instant at, String actor, String kind, String summary, String detail) {
}
