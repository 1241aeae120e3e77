package io.complaintflow.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * @param groupMembersFor  a group's mail addresses are remembered this long per node (a change of users or groups
 *                         through this node counts at once, one through another node within this); zero reads them
 *                         for every mail
 * @param retryCycle       the retry cycle of the retired per-mail model {@code notification}, for its instances still
 *                         waiting at upgrade
 */
@Validated
@ConfigurationProperties("complaintflow.mail")
public record MailProperties(
        @DefaultValue("complaints@complaintflow.local") @NotBlank String from,
        @DefaultValue("true") boolean dispatch,
        @DefaultValue("PT5S") @Positive Duration dispatchInterval,
        @DefaultValue("50") @Positive int batchSize,
        @DefaultValue("PT2M") @Positive Duration claimFor,
        @DefaultValue("PT1M") @Positive Duration retryInterval,
        @DefaultValue("PT15M") @Positive Duration maxRetryInterval,
        @DefaultValue("PT24H") @Positive Duration giveUpAfter,
        @DefaultValue("PT2M") @Positive Duration digestWindow,
        @DefaultValue("P180D") @Positive Duration keepSent,
        @DefaultValue("PT10S") Duration groupMembersFor,
        @DefaultValue("R5/PT5M") @NotBlank String retryCycle) {

    public MailProperties {
        if (groupMembersFor.isNegative()) {
            throw new IllegalArgumentException("complaintflow.mail.group-members-for must not be negative");
        }
    }

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
