package io.complaintflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends due mail from the outbox, one mail at a time: claim it (committed), send it over SMTP with its own
 * Message-ID, mark it sent (committed). A cycle's mails share one SMTP connection ({@link SmtpConnection}); each is
 * still claimed, sent, marked or failed on its own. A mail marked sent is never sent again, whoever looks at it later. When the
 * database goes away between the send and the mark, the node remembers the mail as sent and records that before it
 * does anything else once the database is back — so a re-run does not send it a second time.
 * <p>A failed attempt is retried after {@link MailProperties#backoff}; a mail still not sent
 * {@link MailProperties#giveUpAfter} after it was queued is held and the outage reported once ({@link MailOutage}).
 * When the SMTP server itself cannot be reached, the rest of the batch is left for the next cycle untried.
 */
@Service
public class MailDispatcher {

    /** What one cycle did. */
    public record Result(int sent, int failed, int held) {
    }

    private record SentMark(Instant at, String digestId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final MailTemplates templates;
    private final MailProperties settings;
    private final SmtpProbe smtp;
    private final MailOutage outage;
    private final String node;
    /** Sent over SMTP, but the database was gone before the mark: recorded first thing next cycle. */
    private final Map<Long, SentMark> unrecorded = new ConcurrentHashMap<>();
    /** A cycle ended early (the database went away): its claims are given back at the start of the next one. */
    private boolean interrupted;
    private Instant lastPurge;
    private static final java.time.Duration PURGE_EVERY = java.time.Duration.ofHours(1);

    @Autowired
    public MailDispatcher(MailOutbox outbox, JavaMailSender sender, MailTemplates templates, MailProperties settings,
                          SmtpProbe smtp, MailOutage outage) {
        this(outbox, sender, templates, settings, smtp, outage,
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    MailDispatcher(MailOutbox outbox, JavaMailSender sender, MailTemplates templates, MailProperties settings,
                   SmtpProbe smtp, MailOutage outage, String node) {
        this.outbox = outbox;
        this.sender = sender;
        this.templates = templates;
        this.settings = settings;
        this.smtp = smtp;
        this.outage = outage;
        this.node = node;
    }

    /** One cycle over the due mail (the schedule's call); once an hour also forgets mail sent before keep-sent. */
    public synchronized Result dispatchDue() {
        Result result = dispatch(null);
        Instant now = EngineTime.now();
        if (lastPurge == null || !now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            purge();
        }
        return result;
    }

    /** Deletes the mails sent longer than keep-sent ago; how many. */
    public int purge() {
        return outbox.purgeSent(EngineTime.now().minus(settings.keepSent()));
    }

    /** Sends every pending mail of this business key now, due or not (digests with the other pending parts). */
    public synchronized Result dispatch(String businessKey) {
        recordUnrecorded();
        if (interrupted) {
            outbox.unclaimAll(node);
        }
        interrupted = true;
        Instant now = EngineTime.now();
        int sent = 0;
        int failed = 0;
        int held = 0;
        try (SmtpConnection connection = new SmtpConnection(sender)) {
            for (long id : outbox.due(now, settings.batchSize(), businessKey)) {
                Optional<MailOutbox.Row> taken = take(id, now);
                if (taken.isEmpty()) {
                    continue;
                }
                MailOutbox.Row row = taken.get();
                List<MailOutbox.Row> parts = row.digestRecipient() == null ? List.of(row)
                        : digestOf(row, now, businessKey);
                try {
                    send(parts, connection);
                    sent += parts.size();
                    smtp.record(true, null);
                } catch (MailException | MessagingException e) {
                    boolean serverDown = serverDown(e);
                    for (MailOutbox.Row part : parts) {
                        boolean hold = !now.isBefore(part.retryFrom().plus(settings.giveUpAfter()));
                        outbox.failed(part.id(), describe(e), now.plus(settings.backoff(part.attempts() + 1)), hold);
                        failed++;
                        held += hold ? 1 : 0;
                    }
                    LOG.warn("Mail {} ({} of {}) not sent: {}", row.messageId(), row.purpose(), row.businessKey(),
                            describe(e));
                    if (serverDown) {
                        smtp.record(false, describe(e));
                        break;
                    }
                }
            }
        }
        if (held > 0) {
            outage.report(outbox.summary());
        }
        interrupted = false;
        return new Result(sent, failed, held);
    }

    /** Marks of mails sent while the database was away, written now; throws while it is still away. */
    public void recordUnrecorded() {
        for (Map.Entry<Long, SentMark> entry : List.copyOf(unrecorded.entrySet())) {
            outbox.markSent(List.of(entry.getKey()), entry.getValue().at(), entry.getValue().digestId());
            unrecorded.remove(entry.getKey());
        }
    }

    /**
     * Claims a mail for this node and reads it, in one statement. Taking over the expired claim of a node that stopped
     * while sending is logged: that node may have handed the mail to the SMTP server before it stopped, and the mail
     * goes out again (same Message-ID) — the outbox sends at least once (docs/operations.md, "How mail is sent").
     */
    private Optional<MailOutbox.Row> take(long id, Instant now) {
        Optional<MailOutbox.Taken> taken = outbox.take(id, node, now, now.plus(settings.claimFor()));
        taken.ifPresent(t -> warnIfTakenOver(id, t.expiredClaimOf()));
        return taken.map(MailOutbox.Taken::row);
    }

    private static void warnIfTakenOver(long id, String stopped) {
        if (stopped != null) {
            LOG.warn("Mail {}: the claim of node {} ran out with no record that it was sent; sending it now — if that"
                    + " node sent it before it stopped, the recipient gets it twice (same Message-ID)", id, stopped);
        }
    }

    /**
     * The digest's other parts, claimed together (three statements for the lot, not three per part: a deadline storm
     * queues hundreds for one manager); a part sent or taken elsewhere meanwhile waits for the next digest.
     */
    private List<MailOutbox.Row> digestOf(MailOutbox.Row first, Instant now, String businessKey) {
        List<MailOutbox.Row> parts = new ArrayList<>(List.of(first));
        List<Long> others = outbox.pendingDigest(first.digestRecipient(), first.id(), businessKey);
        others = others.subList(0, Math.min(others.size(), settings.batchSize() - 1));
        Map<Long, String> stopped = outbox.expiredClaimsOf(others, node, now);
        for (MailOutbox.Row part : outbox.claimAll(others, node, now, now.plus(settings.claimFor()))) {
            warnIfTakenOver(part.id(), stopped.get(part.id()));
            parts.add(part);
        }
        return parts;
    }

    private void send(List<MailOutbox.Row> parts, SmtpConnection connection) throws MessagingException {
        MailOutbox.Row first = parts.get(0);
        Mail mail = parts.size() == 1 ? first.mail()
                : templates.digest(first.digestRecipient(), parts.stream().map(MailOutbox.Row::mail).toList());
        String messageId = parts.size() == 1 ? first.messageId() : MessageIds.next(settings.messageIdDomain());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(mail.to().toArray(String[]::new));
        helper.setSubject(mail.subject());
        helper.setText(mail.html(), true);
        // kept by JavaMailSenderImpl through saveChanges(): the id our outbox and the mailbox's reply matching know
        message.setHeader("Message-ID", messageId);
        connection.send(message);
        Instant at = EngineTime.now();
        List<Long> ids = parts.stream().map(MailOutbox.Row::id).toList();
        String digestId = parts.size() == 1 ? null : messageId;
        try {
            outbox.markSent(ids, at, digestId);
        } catch (RuntimeException databaseGone) {
            ids.forEach(id -> unrecorded.put(id, new SentMark(at, digestId)));
            LOG.warn("Mail {} sent, but not yet recorded as sent ({}); recorded when the database answers again",
                    messageId, databaseGone.getMessage());
            throw databaseGone;
        }
    }

    /** The SMTP server as a whole failed (connect, log-in, network), not this one mail: stop the cycle. */
    static boolean serverDown(Exception e) {
        if (e instanceof MailAuthenticationException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException
                    || t.getMessage() != null && t.getMessage().contains("connection failed")) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t.getCause()
                    && serverDown(new RuntimeException(m.getNextException()))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")");
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
