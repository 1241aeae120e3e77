package io.complaintflow.mailbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.mailbox.*}: the IMAP mailbox customers write to (docs/channels.md, "E-mail").
 *
 * @param protocol            {@code imap} (plain, or STARTTLS with {@code starttls}) or {@code imaps} (TLS from the start)
 * @param starttls            upgrade an {@code imap} connection with STARTTLS and refuse to log in without it
 * @param checkCertificate    verify the server's certificate chain and host name (off only for a test server)
 * @param trustedCertificates PEM file of certificates to trust instead of the JVM's (a private CA, a self-signed server)
 * @param reviewFolder        where mails a person must look at are moved (created when missing)
 * @param reviewKeyword       the IMAP keyword set on such a mail when it cannot be moved
 * @param doneFolder          where handled mails are moved; empty: they stay in {@code folder}, flagged seen
 * @param lease               how long one node's claim on the mailbox lasts without renewal (other nodes skip meanwhile)
 * @param maxAttempts         a mail whose handling fails this many times in a row goes to the review folder
 */
@Validated
@ConfigurationProperties("complaintflow.mailbox")
public record MailboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("imap") @Pattern(regexp = "(?i)imaps?") String protocol,
        @DefaultValue("localhost") @NotBlank String host,
        @DefaultValue("143") @Positive @Max(65535) int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("INBOX") @NotBlank String folder,
        @DefaultValue("false") boolean starttls,
        @DefaultValue("true") boolean checkCertificate,
        Path trustedCertificates,
        @DefaultValue("PT1M") @Positive Duration pollInterval,
        @DefaultValue("10MB") @Positive DataSize maxMessageSize,
        @DefaultValue("5MB") @Positive DataSize maxAttachmentSize,
        @DefaultValue("20") @Positive int maxAttachments,
        @DefaultValue("50") @Positive int maxPerPoll,
        @DefaultValue("需人工处理") @NotBlank String reviewFolder,
        @DefaultValue("$NeedsPerson") @NotBlank String reviewKeyword,
        @DefaultValue("") String doneFolder,
        @DefaultValue("PT5M") @Positive Duration lease,
        @DefaultValue("3") @Positive int maxAttempts,
        @DefaultValue("PT10S") @Positive Duration connectTimeout,
        @DefaultValue("PT30S") @Positive Duration readTimeout) {

    /** The mailbox's name in logs, health and the lease table: who, where, which folder (never the password). */
    public String key() {
        return username + "@" + host + ":" + port + "/" + folder;
    }

    public boolean implicitTls() {
        return "imaps".equalsIgnoreCase(protocol);
    }
}
