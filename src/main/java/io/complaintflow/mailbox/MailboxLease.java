package io.complaintflow.mailbox;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One poller per mailbox across the cluster: a row per mailbox in {@code mailbox_lease} names the node polling it
 * until {@code expires_at}. A node takes the lease when it is free or expired (a crashed node's lease runs out),
 * renews it before every mail and gives it back when its poll ends. Real time, not the business clock.
 */
@Repository
public class MailboxLease {

    private final JdbcClient jdbc;
    private final Clock clock;

    public MailboxLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** True when this node holds the lease now (taken or renewed). */
    public boolean acquire(String mailbox, String node, Duration length) {
        Instant now = clock.instant();
        int taken = jdbc.sql("update mailbox_lease set holder = ?, expires_at = ? where mailbox = ?"
                        + " and (holder = ? or expires_at < ?)")
                .param(node).param(odt(now.plus(length))).param(mailbox).param(node).param(odt(now)).update();
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.sql("insert into mailbox_lease (mailbox, holder, expires_at) values (?, ?, ?)")
                    .param(mailbox).param(node).param(odt(now.plus(length))).update() == 1;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    /** Extends this node's lease; false when it was lost (expired and taken by another node). */
    public boolean renew(String mailbox, String node, Duration length) {
        return jdbc.sql("update mailbox_lease set expires_at = ? where mailbox = ? and holder = ?")
                .param(odt(clock.instant().plus(length))).param(mailbox).param(node).update() == 1;
    }

    public void release(String mailbox, String node) {
        jdbc.sql("update mailbox_lease set expires_at = ? where mailbox = ? and holder = ?")
                .param(odt(clock.instant())).param(mailbox).param(node).update();
    }

    public String holder(String mailbox) {
        return jdbc.sql("select holder from mailbox_lease where mailbox = ? and expires_at > ?")
                .param(mailbox).param(odt(clock.instant())).query(String.class).optional().orElse(null);
    }

    /** The mailbox's last poll, as any node sees it. */
    public record State(String holder, Instant expiresAt, Instant lastSuccessAt, String lastSuccessBy,
                        Instant lastErrorAt, String lastError) {
    }

    public Optional<State> state(String mailbox) {
        return jdbc.sql("select * from mailbox_lease where mailbox = ?").param(mailbox)
                .query((rs, i) -> new State(rs.getString("holder"), instant(rs, "expires_at"),
                        instant(rs, "last_success_at"), rs.getString("last_success_by"), instant(rs, "last_error_at"),
                        rs.getString("last_error")))
                .optional();
    }

    void succeeded(String mailbox, String node) {
        jdbc.sql("update mailbox_lease set last_success_at = ?, last_success_by = ? where mailbox = ?")
                .param(odt(clock.instant())).param(node).param(mailbox).update();
    }

    void failed(String mailbox, String error) {
        jdbc.sql("update mailbox_lease set last_error_at = ?, last_error = ? where mailbox = ?")
                .param(odt(clock.instant())).param(MailParser.clip(error, 1000)).param(mailbox).update();
    }
}
