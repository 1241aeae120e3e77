package io.complaintflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues a mail in the outbox ({@link MailOutbox}), in the caller's transaction: the mail exists exactly when what
 * caused it committed, and {@link MailDispatcher} sends it afterwards, retried, never twice. The complaint never
 * rolls back because of mail. A digest mail (escalations) is queued once per recipient and waits
 * {@link MailProperties#digestWindow} for others to the same person.
 */
@Service
public class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final MailOutbox outbox;
    private final MailProperties settings;

    public NotificationService(MailOutbox outbox, MailProperties settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    public void send(String businessKey, String purpose, Mail mail) {
        if (mail.to().isEmpty()) {
            LOG.info("{} of {} not sent: no mail address", purpose, businessKey);
            return;
        }
        var now = EngineTime.now();
        if (!mail.digest()) {
            outbox.queue(MessageIds.next(settings.messageIdDomain()), businessKey, purpose, mail, null, now, now);
            return;
        }
        for (String to : mail.to().stream().distinct().toList()) {
            outbox.queue(MessageIds.next(settings.messageIdDomain()), businessKey, purpose,
                    new Mail(java.util.List.of(to), mail.subject(), mail.html(), true), to, now,
                    now.plus(settings.digestWindow()));
        }
    }
}
