package io.complaintflow.complaint;

import java.time.Instant;

/** A deadline of the complaint as the API shows it: warning point, target, state (RUNNING, PAUSED, FULFILLED, BREACHED). */
public record Deadline(Instant warningAt, Instant targetAt, String state, Instant stoppedAt) {
}
