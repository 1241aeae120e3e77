package io.complaintflow.notification;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail}: the SMTP server and the mail waiting for it. Never DOWN — mail is retried after
 * the complaint's transaction, so an absent SMTP server delays mail but takes nothing else out of service —
 * but {@link #DEGRADED} while the server is unreachable or a mail has become an incident.
 */
@Component("mailHealthIndicator")
public class MailHealthIndicator implements HealthIndicator {

    /** Serving, but a retried side effect is not getting through (200, ranked between OUT_OF_SERVICE and UP). */
    public static final Status DEGRADED = new Status("DEGRADED", "serving; a retried side effect is held up");

    private final SmtpProbe smtp;
    private final ManagementService management;
    private final RuntimeService runtime;

    public MailHealthIndicator(SmtpProbe smtp, ManagementService management, RuntimeService runtime) {
        this.smtp = smtp;
        this.management = management;
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        SmtpProbe.Result server = smtp.check();
        long failing = management.createJobQuery().processDefinitionKey(NotificationService.PROCESS_KEY)
                .withException().count();
        long incidents = runtime.createIncidentQuery().processDefinitionKeyIn(NotificationService.PROCESS_KEY).count();
        Health.Builder health = server.reachable() && incidents == 0 ? Health.up() : Health.status(DEGRADED);
        health.withDetail("smtp", server.reachable() ? "reachable" : "unreachable: " + server.problem())
                .withDetail("failingMails", failing)
                .withDetail("incidents", incidents);
        return health.build();
    }
}
