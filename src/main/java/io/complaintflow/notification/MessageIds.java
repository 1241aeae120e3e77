package io.complaintflow.notification;

import java.util.UUID;

/** RFC 5322 Message-IDs of our own: {@code <random@our domain>}, unique without asking anyone. */
final class MessageIds {

    private MessageIds() {
    }

    static String next(String domain) {
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }
}
