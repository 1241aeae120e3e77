package io.complaintflow.notification;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail}: the SMTP server and the mail waiting for it. Never DOWN — mail is retried after
 * the complaint's transaction, so an absent SMTP server delays mail but takes nothing else out of service —
 * but {@link #DEGRADED} while the server is unreachable or mails are held (given up, waiting for "retry all").
 */
@Component("mailHealthIndicator")
public class MailHealthIndicator implements HealthIndicator {

    /** Serving, but a retried side effect is not getting through (200, ranked between OUT_OF_SERVICE and UP). */
    public static final Status DEGRADED = new Status("DEGRADED", "serving; a retried side effect is held up");

    private final SmtpProbe smtp;
    private final MailOutbox outbox;

    public MailHealthIndicator(SmtpProbe smtp, MailOutbox outbox) {
        this.smtp = smtp;
        this.outbox = outbox;
    }

    @Override
    public Health health() {
        SmtpProbe.Result server = smtp.check();
        MailOutbox.Summary mails = outbox.summary();
        Health.Builder health = server.reachable() && mails.held() == 0 ? Health.up() : Health.status(DEGRADED);
        health.withDetail("smtp", server.reachable() ? "reachable" : "unreachable: " + server.problem())
                .withDetail("queuedMails", mails.pending())
                .withDetail("failingMails", mails.failing())
                .withDetail("heldMails", mails.held());
        if (mails.lastError() != null) {
            health.withDetail("lastError", mails.lastError());
        }
        return health.build();
    }
}
