package io.complaintflow.notification;

import java.util.List;

/**
 * A mail ready to send: recipients, subject and an HTML body whose every inserted value is already escaped.
 * Every recipient is one address ({@link MailAddress}); anything a mail library would split into several
 * (a stored {@code "cust@example.org,all-staff"}) is left out. {@code digest}: several of these to one person within
 * {@code complaintflow.mail.digest-window} go out as one mail (escalations in a deadline storm).
 */
public record Mail(List<String> to, String subject, String html, boolean digest) {

    public Mail {
        to = to == null ? List.of() : to.stream().filter(MailAddress::isSingle).toList();
    }

    public Mail(List<String> to, String subject, String html) {
        this(to, subject, html, false);
    }
}
