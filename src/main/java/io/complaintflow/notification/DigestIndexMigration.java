package io.complaintflow.notification;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * Flyway V106 (PostgreSQL): {@code ix_mail_outbox_digest} holds only the mails that go into a digest. The outbox
 * reads it for one recipient's pending digest mails ({@code digest_recipient = ?}); a complaint's own mails have no
 * digest recipient, and each of their inserts and status updates wrote a null entry (bench/README.md, "PostgreSQL's
 * share of a closed complaint"). H2 has no partial indexes and keeps the full one.
 */
@Component
class DigestIndexMigration extends JavaSchemaMigration {

    DigestIndexMigration() {
        super("106", "mail outbox digest index without mails outside a digest", 106_1);
    }

    @Override
    protected void apply(Connection connection) throws Exception {
        if (!postgres(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop index ix_mail_outbox_digest");
            statement.execute("create index ix_mail_outbox_digest on mail_outbox (digest_recipient, status)"
                    + " where digest_recipient is not null");
        }
    }
}
