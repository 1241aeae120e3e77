package io.complaintflow.mailbox;

import java.time.Duration;

/** {@code complaintflow.mailbox.*}: the IMAP mailbox customers write to (see docs/channels.md). */
public record MailboxSettings(String protocol, String host, int port, String username, String password,
                              String folder, Duration pollInterval, int maxMessageBytes) {
}
