package io.complaintflow.mailbox;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code mailbox_attachment}: the files customers mailed, kept with their complaint. */
@Repository
public class MailboxAttachments {

    public record StoredAttachment(long id, String caseNumber, String fileName, String contentType, int size,
                                   Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    public MailboxAttachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long store(String caseNumber, String reference, MailAttachment attachment, Instant at) {
        jdbc.sql("""
                insert into mailbox_attachment (case_number, message_ref, file_name, content_type, size_bytes, content,
                  received_at) values (?, ?, ?, ?, ?, ?, ?)
                """)
                .param(caseNumber).param(reference).param(attachment.name())
                .param(MailParser.clip(attachment.contentType(), 200)).param(attachment.content().length)
                .param(attachment.content()).param(odt(at)).update();
        return jdbc.sql("select max(id) from mailbox_attachment where case_number = ? and message_ref = ?")
                .param(caseNumber).param(reference).query(Long.class).single();
    }

    public List<StoredAttachment> of(String caseNumber) {
        return jdbc.sql("select id, case_number, file_name, content_type, size_bytes, received_at"
                        + " from mailbox_attachment where case_number = ? order by id")
                .param(caseNumber)
                .query((rs, i) -> new StoredAttachment(rs.getLong("id"), rs.getString("case_number"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes"),
                        instant(rs, "received_at")))
                .list();
    }

    public Optional<byte[]> content(String caseNumber, long id) {
        return jdbc.sql("select content from mailbox_attachment where case_number = ? and id = ?")
                .param(caseNumber).param(id).query(byte[].class).optional();
    }
}
