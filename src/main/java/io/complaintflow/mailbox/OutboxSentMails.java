package io.complaintflow.mailbox;

import io.complaintflow.notification.MailOutbox;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The mails we sent are the notification outbox's rows: their Message-IDs name the complaint they were about. */
@Component
class OutboxSentMails implements SentMails {

    private final MailOutbox outbox;

    OutboxSentMails(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Optional<String> caseNumberOf(List<String> messageIds) {
        return outbox.businessKeyOf(messageIds);
    }
}
