package io.complaintflow.mailbox;

import io.complaintflow.notification.MailHealthIndicator;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mailbox}: the last successful poll and the last error, as the whole cluster saw them (the
 * lease table), else as this node did. Never DOWN and not in the readiness group: a mailbox that cannot be read
 * delays mail-borne complaints — they wait, unseen, in the mailbox — but takes nothing else out of service; it is
 * DEGRADED (prod's status for a held-up side effect: ranked below UP, answered 200) while the latest poll failed.
 */
@Component("mailboxHealthIndicator")
public class MailboxHealthIndicator implements HealthIndicator {

    private final MailboxProperties settings;
    private final MailboxStatus status;
    private final MailboxLease lease;
    private final MailboxMessages messages;

    public MailboxHealthIndicator(MailboxProperties settings, MailboxStatus status, MailboxLease lease,
                                  MailboxMessages messages) {
        this.settings = settings;
        this.status = status;
        this.lease = lease;
        this.messages = messages;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        MailboxStatus.Snapshot mine = status.snapshot();
        Instant lastSuccess = mine.lastSuccessAt();
        Instant lastErrorAt = mine.lastErrorAt();
        String lastError = mine.lastError();
        String polledBy = null;
        Long openReviews = null;
        try {
            var cluster = lease.state(settings.key());
            if (cluster.isPresent()) {
                polledBy = cluster.get().lastSuccessBy();
                lastSuccess = later(lastSuccess, cluster.get().lastSuccessAt());
                if (cluster.get().lastErrorAt() != null
                        && (lastErrorAt == null || cluster.get().lastErrorAt().isAfter(lastErrorAt))) {
                    lastErrorAt = cluster.get().lastErrorAt();
                    lastError = cluster.get().lastError();
                }
            }
            openReviews = messages.openReviews();
        } catch (RuntimeException databaseAway) {
            // this node's own view then; the database has its own component
        }
        boolean failing = lastErrorAt != null && (lastSuccess == null || lastErrorAt.isAfter(lastSuccess));
        Health.Builder health = failing ? Health.status(MailHealthIndicator.DEGRADED) : Health.up();
        health.withDetail("mailbox", settings.host() + ":" + settings.port() + "/" + settings.folder());
        health.withDetail("lastSuccessfulPoll", lastSuccess == null ? "never" : lastSuccess.toString());
        if (polledBy != null) {
            health.withDetail("polledBy", polledBy);
        }
        if (lastErrorAt != null) {
            health.withDetail("lastErrorAt", lastErrorAt.toString()).withDetail("lastError", lastError);
        }
        if (openReviews != null) {
            health.withDetail("needsPerson", openReviews);
        }
        return health.build();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
