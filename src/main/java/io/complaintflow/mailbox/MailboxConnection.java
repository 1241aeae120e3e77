package io.complaintflow.mailbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the IMAP store as configured: plain, STARTTLS (required: no login without it) or TLS from the start, with
 * the server's certificate chain and host name checked against the JVM's trust store or the operator's own PEM file —
 * or, only when {@code check-certificate} is off, not at all. Mails are read with {@code BODY.PEEK}: reading never
 * marks a mail seen; the poller does, after the mail's effect is committed.
 */
final class MailboxConnection {

    private final MailboxProperties settings;
    private final Session session;

    MailboxConnection(MailboxProperties settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    Store connect() throws MessagingException {
        Store store = session.getStore(protocol());
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        return store;
    }

    private String protocol() {
        return settings.implicitTls() ? "imaps" : "imap";
    }

    static Properties properties(MailboxProperties settings) {
        String protocol = settings.implicitTls() ? "imaps" : "imap";
        String p = "mail." + protocol;
        Properties properties = new Properties();
        properties.put("mail.store.protocol", protocol);
        properties.put(p + ".connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        properties.put(p + ".timeout", String.valueOf(settings.readTimeout().toMillis()));
        properties.put(p + ".writetimeout", String.valueOf(settings.readTimeout().toMillis()));
        properties.put(p + ".peek", "true");
        if (settings.starttls() && !settings.implicitTls()) {
            properties.put(p + ".starttls.enable", "true");
            properties.put(p + ".starttls.required", "true");
        }
        if (settings.implicitTls() || settings.starttls()) {
            if (!settings.checkCertificate()) {
                properties.put(p + ".ssl.trust", "*");
                properties.put(p + ".ssl.checkserveridentity", "false");
            } else {
                properties.put(p + ".ssl.checkserveridentity", "true");
                if (settings.trustedCertificates() != null) {
                    properties.put(p + ".ssl.socketFactory", trusting(settings));
                }
            }
        }
        return properties;
    }

    /** TLS that trusts exactly the certificates of the operator's PEM file. */
    private static SSLSocketFactory trusting(MailboxProperties settings) {
        try (InputStream in = Files.newInputStream(settings.trustedCertificates())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("mailbox-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("complaintflow.mailbox.trusted-certificates "
                        + settings.trustedCertificates() + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("complaintflow.mailbox.trusted-certificates "
                    + settings.trustedCertificates() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
