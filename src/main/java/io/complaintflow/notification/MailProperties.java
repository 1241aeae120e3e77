package io.complaintflow.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code complaintflow.mail.*}: how queued mail is sent (docs/operations.md, "Mail and database faults").
 *
 * @param from             the sender of every mail; its domain also names our Message-IDs
 * @param dispatch         this node sends due mail on its own schedule (off in tests, which send it themselves)
 * @param dispatchInterval how often a node looks for due mail
 * @param batchSize        mails one look takes at most
 * @param claimFor         a node's claim on the mails it is sending; a crashed node's claims run out after this
 * @param retryInterval    the wait after the first failed attempt, doubled after each further one …
 * @param maxRetryInterval … up to this
 * @param giveUpAfter      a mail not sent this long after it was queued (or released by "retry all") is held: it waits
 *                         for an operator, and the outage becomes one incident in Cockpit (process {@code mail-outage})
 * @param digestWindow     escalation mails to one person are held this long and go out as one digest
 * @param keepSent         sent mails are kept this long (a customer's threaded reply is matched by them), then deleted
 */
@ConfigurationProperties("complaintflow.mail")
public record MailProperties(
        @DefaultValue("complaints@complaintflow.local") String from,
        @DefaultValue("true") boolean dispatch,
        @DefaultValue("PT5S") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("PT2M") Duration claimFor,
        @DefaultValue("PT1M") Duration retryInterval,
        @DefaultValue("PT15M") Duration maxRetryInterval,
        @DefaultValue("PT24H") Duration giveUpAfter,
        @DefaultValue("PT2M") Duration digestWindow,
        @DefaultValue("P180D") Duration keepSent) {

    /** The part after the @ of {@link #from}: Message-IDs are {@code <uuid@domain>}. */
    public String messageIdDomain() {
        int at = from.lastIndexOf('@');
        return at < 0 || at == from.length() - 1 ? "complaintflow.local" : from.substring(at + 1);
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    public Duration backoff(int attempts) {
        Duration wait = retryInterval;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }
}
