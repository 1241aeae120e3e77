package io.complaintflow.notification;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection for the mails of a dispatch cycle: opened at the first mail, checked before each further one
 * (the transport's NOOP) and opened again when the server has dropped it, closed when the cycle ends.
 * {@link JavaMailSenderImpl#send} opens and closes a connection for every call (TCP, greeting, EHLO, QUIT); its batch
 * form would report the sends only at the end, and the outbox marks each mail sent right after the server took it.
 * Each mail fails on its own, as it would through {@link JavaMailSenderImpl#send} (the same exceptions): a recipient
 * the server refuses fails that mail, and the next one goes over the same connection. Another {@link JavaMailSender}
 * than Spring's is called per mail.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

    private final JavaMailSender sender;
    private Transport transport;
    private boolean fresh;

    SmtpConnection(JavaMailSender sender) {
        this.sender = sender;
    }

    void send(MimeMessage message) throws MailException {
        if (!(sender instanceof JavaMailSenderImpl spring)) {
            sender.send(message);
            return;
        }
        // isConnected() asks the server (NOOP): not right after connecting
        if (transport == null || !fresh && !transport.isConnected()) {
            close();
            transport = connect(spring, message);
        }
        fresh = false;
        try {
            // as JavaMailSenderImpl prepares each message, keeping the Message-ID the outbox knows
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            Address[] addresses = message.getAllRecipients();
            transport.sendMessage(message, addresses != null ? addresses : new Address[0]);
        } catch (MessagingException | RuntimeException e) {
            throw new MailSendException(Map.of(message, e));
        }
    }

    /** As {@code JavaMailSenderImpl.connectTransport}, with its exceptions. */
    private Transport connect(JavaMailSenderImpl spring, MimeMessage message) {
        String username = spring.getUsername();
        String password = spring.getPassword();
        if ("".equals(username)) { // probably from a placeholder
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        try {
            Session session = spring.getSession();
            String protocol = spring.getProtocol();
            if (protocol == null) {
                protocol = session.getProperty("mail.transport.protocol");
            }
            Transport opened = session.getTransport(protocol == null ? JavaMailSenderImpl.DEFAULT_PROTOCOL : protocol);
            opened.connect(spring.getHost(), spring.getPort(), username, password);
            fresh = true;
            return opened;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException | RuntimeException e) {
            throw new MailSendException("Mail server connection failed", e, Map.of(message, e));
        }
    }

    /** Closes the connection, if open; the mails it sent are sent whatever QUIT answers. */
    @Override
    public void close() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("SMTP connection not closed cleanly: {}", e.getMessage());
        } finally {
            transport = null;
        }
    }
}
