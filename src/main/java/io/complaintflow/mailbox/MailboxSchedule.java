package io.complaintflow.mailbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Polls the mailbox every {@code complaintflow.mailbox.poll-interval} when {@code complaintflow.mailbox.enabled}.
 * Every node may run this; the lease lets one of them poll at a time.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.mailbox.enabled", havingValue = "true")
public class MailboxSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxSchedule.class);

    private final MailboxPoller poller;
    private final Duration interval;

    public MailboxSchedule(MailboxProperties settings, MailHandler handler, MailboxLease lease, MailboxStatus status) {
        this.poller = new MailboxPoller(settings, handler, lease, status, nodeName(), MailboxPoller.Observer.NONE);
        this.interval = settings.pollInterval();
        LOG.info("Mailbox {} polled every {} ({}{})", settings.key(), settings.pollInterval(),
                settings.implicitTls() ? "TLS" : settings.starttls() ? "STARTTLS required" : "no TLS",
                settings.checkCertificate() ? "" : ", certificate NOT checked");
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::poll, interval, Duration.ofSeconds(30)));
    }

    public void poll() {
        try {
            MailboxPoller.PollResult result = poller.poll();
            if (!result.counts().isEmpty() || result.failed() > 0) {
                LOG.info("Mailbox polled: {}{}", result.counts(),
                        result.failed() > 0 ? ", " + result.failed() + " failed (read again next time)" : "");
            }
        } catch (Exception e) {
            LOG.warn("Mailbox poll failed; next try in the next interval: {}", e.toString());
        }
    }

    /** This node in the lease table: host name plus a random part (containers often share host names and pids). */
    static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "node";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
