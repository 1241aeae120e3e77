package io.complaintflow.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the unseen mails of the mailbox and hands each to {@link MailIntake}; a handled mail is flagged seen (and
 * stays in the mailbox as the original). A mail whose handling failed for a passing reason (the database, say) is
 * left unseen and read again at the next poll.
 */
public class MailboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxSettings settings;
    private final MailIntake intake;

    public MailboxPoller(MailboxSettings settings, MailIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    /** One pass over the mailbox; returns how many mails ended how (a failed mail counts under none). */
    public Map<MailIntake.Outcome, Integer> poll() throws MessagingException {
        Map<MailIntake.Outcome, Integer> counts = new EnumMap<>(MailIntake.Outcome.class);
        Properties properties = new Properties();
        String protocol = settings.protocol();
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "30000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        MailIntake.Outcome outcome = intake.handle((MimeMessage) message, settings.maxMessageBytes());
                        counts.merge(outcome, 1, Integer::sum);
                        message.setFlag(Flags.Flag.SEEN, true);
                    } catch (RuntimeException | MessagingException e) {
                        LOG.warn("Mail {} not handled; it stays unseen and is read again", message.getMessageNumber(), e);
                        message.setFlag(Flags.Flag.SEEN, false);
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return counts;
    }
}
