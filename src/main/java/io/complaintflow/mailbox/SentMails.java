package io.complaintflow.mailbox;

import java.util.List;
import java.util.Optional;

/** The mails the application sent, by Message-ID: which complaint a customer's reply or a bounce belongs to. */
public interface SentMails {

    /** The case number of the most recent of these Message-IDs (with their angle brackets) that we sent. */
    Optional<String> caseNumberOf(List<String> messageIds);
}
