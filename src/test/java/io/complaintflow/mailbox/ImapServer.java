package io.complaintflow.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A real IMAP server the test controls (GreenMail in the JVM, or a Dovecot process): users on demand, mail put in by
 * IMAP APPEND exactly as written, and a second client's view of folders and flags — never the poller's own.
 */
abstract class ImapServer implements AutoCloseable {

    static final String PASSWORD = "secret-Pw1";
    private static final AtomicInteger USERS = new AtomicInteger();

    /** One mail as a mail client would list it. */
    record Listed(String subject, boolean seen, List<String> keywords) {
    }

    abstract String host();

    abstract int port();

    abstract String name();

    protected abstract void addUser(String user);

    /** A fresh mailbox user (own INBOX, own folders, own lease). */
    String newUser() {
        String user = "u" + USERS.incrementAndGet() + "x" + (System.nanoTime() % 100000);
        addUser(user);
        return user;
    }

    /** The poller's settings for {@code user} on this server, plus {@code overrides} (keys below complaintflow.mailbox). */
    MailboxProperties settings(String user, Map<String, String> overrides) {
        return settings(host(), port(), user, overrides);
    }

    static MailboxProperties settings(String host, int port, String user, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("complaintflow.mailbox.host", host);
        values.put("complaintflow.mailbox.port", String.valueOf(port));
        values.put("complaintflow.mailbox.username", user);
        values.put("complaintflow.mailbox.password", PASSWORD);
        values.put("complaintflow.mailbox.connect-timeout", "PT5S");
        values.put("complaintflow.mailbox.read-timeout", "PT10S");
        overrides.forEach((k, v) -> values.put("complaintflow.mailbox." + k, v));
        return new Binder(new MapConfigurationPropertySource(values))
                .bind("complaintflow.mailbox", MailboxProperties.class).get();
    }

    MailboxProperties settings(String user) {
        return settings(user, Map.of());
    }

    /** How the test's own client connects (plain IMAP unless the server speaks only TLS). */
    protected String clientProtocol() {
        return "imap";
    }

    private Store store(String user) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.trust", "*");
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        Store store = Session.getInstance(properties).getStore(clientProtocol());
        store.connect(host(), port(), user, PASSWORD);
        return store;
    }

    /** IMAP APPEND of the raw bytes to INBOX, unseen. */
    void deliver(String user, byte[] raw) throws MessagingException {
        try (Store store = store(user)) {
            Folder inbox = store.getFolder("INBOX");
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            inbox.appendMessages(new Message[] {message});
        }
    }

    /** What a mail client sees in {@code folder} (opened read-only: looking changes no flag). */
    List<Listed> list(String user, String folder) throws MessagingException {
        try (Store store = store(user)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return List.of();
            }
            f.open(Folder.READ_ONLY);
            try {
                List<Listed> listed = new ArrayList<>();
                for (Message m : f.getMessages()) {
                    if (m.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    listed.add(new Listed(m.getSubject(), m.isSet(Flags.Flag.SEEN),
                            Arrays.asList(m.getFlags().getUserFlags())));
                }
                return listed;
            } finally {
                f.close(false);
            }
        }
    }

    Map<String, Integer> folders(String user) throws MessagingException {
        try (Store store = store(user)) {
            Map<String, Integer> counts = new HashMap<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                counts.put(f.getFullName(), f.getMessageCount());
            }
            return counts;
        }
    }

    @Override
    public abstract void close();
}
