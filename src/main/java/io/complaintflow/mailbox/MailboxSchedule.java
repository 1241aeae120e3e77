package io.complaintflow.mailbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the mailbox every {@code complaintflow.mailbox.poll-interval} when {@code complaintflow.mailbox.enabled}.
 * Several nodes may poll the same mailbox: the message id as external reference keeps a mail one complaint.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.mailbox.enabled", havingValue = "true")
public class MailboxSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxSchedule.class);

    private final MailboxPoller poller;

    public MailboxSchedule(MailIntake intake,
                           @Value("${complaintflow.mailbox.protocol:imap}") String protocol,
                           @Value("${complaintflow.mailbox.host:localhost}") String host,
                           @Value("${complaintflow.mailbox.port:143}") int port,
                           @Value("${complaintflow.mailbox.username:}") String username,
                           @Value("${complaintflow.mailbox.password:}") String password,
                           @Value("${complaintflow.mailbox.folder:INBOX}") String folder,
                           @Value("${complaintflow.mailbox.poll-interval:PT1M}") Duration pollInterval,
                           @Value("${complaintflow.mailbox.max-message-bytes:1048576}") int maxMessageBytes) {
        this.poller = new MailboxPoller(new MailboxSettings(protocol, host, port, username, password, folder,
                pollInterval, maxMessageBytes), intake);
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${complaintflow.mailbox.poll-interval:PT1M}")
    public void poll() {
        try {
            var counts = poller.poll();
            if (!counts.isEmpty()) {
                LOG.info("Mailbox polled: {}", counts);
            }
        } catch (Exception e) {
            LOG.warn("Mailbox poll failed; next try in the next interval", e);
        }
    }
}
