package io.complaintflow.mailbox;

import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;

/**
 * One mail as the channel understands it. {@code reference} identifies it within the channel (its Message-ID,
 * hashed, else sender, date, subject and text); {@code threadIds} are the Message-IDs it answers
 * ({@code In-Reply-To}, {@code References}); {@code problems} is what a person must look at, with a detail each.
 */
record ParsedMail(String reference, String messageId, InternetAddress from, String subject, List<String> threadIds,
                  AutoReply autoReply, String text, List<MailAttachment> attachments, Map<Problem, String> problems,
                  int size) {

    String sender() {
        return from == null ? null : from.getAddress();
    }

    /** The sender's display name, else the part of the address before the @. */
    String senderName() {
        if (from == null) {
            return null;
        }
        if (from.getPersonal() != null && !from.getPersonal().isBlank()) {
            return MailText.clean(from.getPersonal()).strip();
        }
        String address = from.getAddress();
        return address.substring(0, Math.max(1, address.indexOf('@')));
    }
}
