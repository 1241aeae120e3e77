package io.complaintflow.mailbox;

import java.util.List;

/**
 * What a machine, not a person, wrote: an out-of-office or other automatic answer, or a bounce (delivery report).
 * {@code reason} names the header or report that gave it away.
 */
record AutoReply(Kind kind, String reason, Bounce bounce) {

    enum Kind { NONE, AUTO_REPLY, BOUNCE }

    static final AutoReply NONE = new AutoReply(Kind.NONE, null, null);

    /**
     * A delivery failure: the addresses that failed, the server's diagnostic, and what identifies the mail that
     * bounced (its Message-ID and subject, when the report carries them).
     */
    record Bounce(List<String> failedRecipients, String diagnostic, List<String> originalIds, String originalSubject) {
    }

    boolean automatic() {
        return kind != Kind.NONE;
    }
}
