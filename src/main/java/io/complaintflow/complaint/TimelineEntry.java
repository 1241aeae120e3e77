package io.complaintflow.complaint;

import java.time.Instant;

/** Something that happened to a complaint: who, when, what. */
public record TimelineEntry(long id, Instant at, String actor, String kind, String summary, String detail) {
}
