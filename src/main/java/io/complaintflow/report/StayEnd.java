package io.complaintflow.report;

import java.time.Instant;

/** One visit of a place where a complaint waits, ended (completed or cancelled): what the rollup counts. */
record StayEnd(String processKey, String activityId, String processInstanceId, Instant endedAt, long durationMs) {
}
