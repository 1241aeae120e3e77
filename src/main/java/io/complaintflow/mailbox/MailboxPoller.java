package io.complaintflow.mailbox;

import io.complaintflow.mailbox.Handled.Outcome;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the mailbox. Only the node holding the mailbox's lease polls. Mails are read with
 * {@code BODY.PEEK} (the server does not mark them seen), handed to {@link MailHandler}, and only after their effect is
 * committed flagged {@code \Seen} (or moved to {@code done-folder}); mails a person must look at are moved to
 * {@code review-folder} (or, where that fails, flagged seen with {@code review-keyword}). A crash anywhere before that
 * leaves the mail unseen and it is read at the next poll; one after the commit leaves it unseen too, and the next poll
 * finds it recorded and only flags it — so each mail is taken once.
 */
public class MailboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

    /** Points inside a poll where tests stop or kill the poller; nothing in production observes them. */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void fetched(ParsedMail mail) {
        }

        default void beforeCommit(ParsedMail mail) {
        }

        default void committed(ParsedMail mail, Handled handled) {
        }
    }

    /** How a poll ended: skipped (another node holds the lease), or the outcomes counted and mails that failed. */
    public record PollResult(boolean polled, String skippedFor, Map<Outcome, Integer> counts, int failed) {
    }

    private final MailboxProperties settings;
    private final MailHandler handler;
    private final MailboxLease lease;
    private final MailboxStatus status;
    private final String node;
    private final Observer observer;
    private final MailboxConnection connection;
    private final MailParser parser;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** The lease is per node: two polls of one node at once would both hold it. */
    private final ReentrantLock polling = new ReentrantLock();

    public MailboxPoller(MailboxProperties settings, MailHandler handler, MailboxLease lease, MailboxStatus status,
                         String node, Observer observer) {
        this.settings = settings;
        this.handler = handler;
        this.lease = lease;
        this.status = status;
        this.node = node;
        this.observer = observer;
        this.connection = new MailboxConnection(settings);
        this.parser = new MailParser(settings.maxAttachmentSize().toBytes(), settings.maxAttachments());
    }

    public PollResult poll() throws MessagingException {
        if (!polling.tryLock()) {
            return new PollResult(false, node, Map.of(), 0);
        }
        try {
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private PollResult pollOnce() throws MessagingException {
        String mailbox = settings.key();
        if (!lease.acquire(mailbox, node, settings.lease())) {
            status.skipped(Instant.now());
            String holder = lease.holder(mailbox);
            LOG.debug("Mailbox {} is polled by {}; skipped", mailbox, holder);
            return new PollResult(false, holder, Map.of(), 0);
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int failed;
        try {
            failed = pass(mailbox, counts);
        } catch (MessagingException | RuntimeException e) {
            String error = describe(e);
            status.failed(Instant.now(), error);
            try {
                lease.failed(mailbox, error);
                lease.release(mailbox, node);
            } catch (RuntimeException databaseAway) {
                e.addSuppressed(databaseAway);
            }
            throw e;
        }
        // not in a finally: a poller killed mid-poll keeps its lease until it runs out, as a crashed node would
        status.succeeded(Instant.now(), counts);
        lease.succeeded(mailbox, node);
        lease.release(mailbox, node);
        return new PollResult(true, null, counts, failed);
    }

    private int pass(String mailbox, Map<Outcome, Integer> counts) throws MessagingException {
        int failed = 0;
        try (Store store = connection.connect()) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                profile.add(FetchProfile.Item.FLAGS);
                folder.fetch(unseen, profile);
                List<Message> batch = Arrays.stream(unseen)
                        .filter(m -> !flagged(m, Flags.Flag.DELETED))
                        .sorted(Comparator.comparingLong(m -> uid(folder, m)))
                        .limit(settings.maxPerPoll()).toList();
                for (Message message : batch) {
                    if (!lease.renew(mailbox, node, settings.lease())) {
                        LOG.warn("Mailbox {}: lease lost to another node; this poll stops", mailbox);
                        break;
                    }
                    if (!take((IMAPStore) store, folder, (IMAPMessage) message, mailbox, counts)) {
                        failed++;
                    }
                }
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        }
        return failed;
    }

    /** One mail: read, handled, then flagged or moved. False when it failed and stays for the next poll. */
    private boolean take(IMAPStore store, IMAPFolder folder, IMAPMessage message, String mailbox,
                         Map<Outcome, Integer> counts) throws MessagingException {
        message.setPeek(true);
        String key = folder.getUIDValidity() + ":" + folder.getUID(message);
        ParsedMail mail = read(message);
        observer.fetched(mail);
        MailHandler.Source source = new MailHandler.Source(mailbox, received(message), node);
        Handled handled;
        try {
            handled = handler.handle(mail, source, () -> observer.beforeCommit(mail));
        } catch (RuntimeException e) {
            int attempts = failures.merge(key, 1, Integer::sum);
            if (attempts < settings.maxAttempts()) {
                LOG.warn("Mail {} ({}) not handled (attempt {} of {}); it stays unseen and is read again",
                        key, mail.reference(), attempts, settings.maxAttempts(), e);
                return false;
            }
            LOG.error("Mail {} ({}) failed {} times; moved to '{}' for a person", key, mail.reference(), attempts,
                    settings.reviewFolder(), e);
            handled = handler.giveUp(mail, source, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        failures.remove(key);
        observer.committed(mail, handled);
        counts.merge(handled.outcome(), 1, Integer::sum);
        if (handled.needsPerson()) {
            LOG.warn("Mail {} from {} needs a person ({}): {}", mail.reference(),
                    mail.sender() == null ? "(no sender)" : mail.sender(), handled.outcome(),
                    MailboxMessages.details(handled.problems()));
            toReview(store, folder, message);
        } else {
            done(store, folder, message);
        }
        return true;
    }

    private ParsedMail read(IMAPMessage message) throws MessagingException {
        int size = message.getSize();
        long limit = settings.maxMessageSize().toBytes();
        if (size > limit) {
            StringBuilder header = new StringBuilder();
            Enumeration<String> lines = message.getAllHeaderLines();
            while (lines.hasMoreElements()) {
                header.append(lines.nextElement()).append("\r\n");
            }
            header.append("\r\n");
            return parser.headersOnly(header.toString().getBytes(StandardCharsets.UTF_8), size, limit,
                    attachmentNames(message));
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
        try {
            message.writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("Mail could not be read from the server", e);
        }
        try {
            return parser.parse(raw.toByteArray());
        } catch (MessagingException | RuntimeException unparsable) {
            LOG.warn("Mail {} cannot be parsed", message.getMessageNumber(), unparsable);
            return parser.unparsable(raw.toByteArray(), unparsable.getClass().getSimpleName() + ": "
                    + unparsable.getMessage());
        }
    }

    /** Names of the files of a mail too large to read, from the server's view of its structure (nothing fetched). */
    private static List<String> attachmentNames(IMAPMessage message) {
        List<String> names = new ArrayList<>();
        try {
            if (message.getContent() instanceof Multipart multipart) {
                collect(multipart, names, 0);
            }
        } catch (MessagingException | IOException | RuntimeException unknown) {
            LOG.debug("Structure of a large mail unknown", unknown);
        }
        return names;
    }

    private static void collect(Multipart multipart, List<String> names, int depth)
            throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount() && names.size() < 50 && depth < 5; i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart nested) {
                collect(nested, names, depth + 1);
            } else if (part.getFileName() != null) {
                names.add(MailParser.clip(part.getFileName(), 200));
            }
        }
    }

    private static Instant received(IMAPMessage message) {
        try {
            return message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant();
        } catch (MessagingException unknown) {
            return null;
        }
    }

    private void done(IMAPStore store, IMAPFolder folder, IMAPMessage message) throws MessagingException {
        message.setFlag(Flags.Flag.SEEN, true);
        if (!settings.doneFolder().isBlank()) {
            move(store, folder, message, settings.doneFolder());
        }
    }

    /** Into the review folder, unseen (a person's to-do); where that fails, seen with the review keyword. */
    private void toReview(IMAPStore store, IMAPFolder folder, IMAPMessage message) throws MessagingException {
        if (!settings.reviewFolder().isBlank() && move(store, folder, message, settings.reviewFolder())) {
            return;
        }
        try {
            message.setFlags(new Flags(settings.reviewKeyword()), true);
        } catch (MessagingException noKeywords) {
            LOG.warn("Mailbox does not take the keyword {}: the mail is only flagged seen", settings.reviewKeyword());
        }
        message.setFlag(Flags.Flag.SEEN, true);
    }

    private boolean move(IMAPStore store, IMAPFolder folder, IMAPMessage message, String target) {
        try {
            Folder destination = store.getFolder(target);
            if (!destination.exists() && !destination.create(Folder.HOLDS_MESSAGES)) {
                LOG.warn("Folder '{}' cannot be created", target);
                return false;
            }
            if (store.hasCapability("MOVE")) {
                folder.moveMessages(new Message[] {message}, destination);
            } else if (store.hasCapability("UIDPLUS")) {
                folder.copyMessages(new Message[] {message}, destination);
                message.setFlag(Flags.Flag.DELETED, true);
                folder.expunge(new Message[] {message});
            } else {
                LOG.warn("Mailbox server can neither MOVE nor UID EXPUNGE: mails are not moved to '{}'", target);
                return false;
            }
            return true;
        } catch (MessagingException e) {
            LOG.warn("Mail could not be moved to '{}'", target, e);
            return false;
        }
    }

    /** The failure and its root cause, as an operator reads it in health and logs. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static boolean flagged(Message message, Flags.Flag flag) {
        try {
            return message.isSet(flag);
        } catch (MessagingException unknown) {
            return false;
        }
    }

    private static long uid(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException unknown) {
            return Long.MAX_VALUE;
        }
    }
}
