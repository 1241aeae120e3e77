package io.complaintflow.mailbox;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/** This node's view of its own polls (the database has the cluster's; this one survives a database outage). */
@Component
public class MailboxStatus {

    public record Snapshot(Instant lastPollAt, Instant lastSuccessAt, Instant lastErrorAt, String lastError,
                           int consecutiveFailures, Map<Handled.Outcome, Integer> lastCounts) {
    }

    private volatile Snapshot snapshot = new Snapshot(null, null, null, null, 0, Map.of());

    public Snapshot snapshot() {
        return snapshot;
    }

    synchronized void succeeded(Instant at, Map<Handled.Outcome, Integer> counts) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(at, at, s.lastErrorAt(), s.lastError(), 0, Map.copyOf(counts));
    }

    synchronized void failed(Instant at, String error) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(at, s.lastSuccessAt(), at, error, s.consecutiveFailures() + 1, s.lastCounts());
    }

    synchronized void skipped(Instant at) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(at, s.lastSuccessAt(), s.lastErrorAt(), s.lastError(), s.consecutiveFailures(),
                s.lastCounts());
    }
}
