package io.complaintflow.notification;

import static io.complaintflow.notification.EngineTime.instant;
import static io.complaintflow.notification.EngineTime.odt;

import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code mail_outbox}, the only writer: every mail the application sends, queued in its cause's transaction,
 * claimed by one node at a time, marked sent (or held) in short transactions of their own.
 */
@Repository
public class MailOutbox implements PersonalRecords {

    public enum Status { PENDING, SENT, HELD }

    /** One queued mail. */
    public record Row(long id, String messageId, String businessKey, String purpose, List<String> recipients,
                      String subject, String html, String digestRecipient, Instant queuedAt, Instant retryFrom,
                      Status status, int attempts, String lastError, Instant sentAt) {

        Mail mail() {
            return new Mail(recipients, subject, html, digestRecipient != null);
        }
    }

    /** What the outbox holds, for health, the operations notices and the operators' API. */
    public record Summary(long pending, long failing, long held, Instant oldestHeld, String lastError) {
    }

    private static final String COLUMNS = "id, message_id, business_key, purpose, recipients, subject, html,"
            + " digest_recipient, queued_at, retry_from, status, attempts, last_error, sent_at";

    private final JdbcClient jdbc;
    private final String takeSql;

    public MailOutbox(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        String takeable = "status = 'PENDING' and (claimed_until is null or claimed_until < ? or claimed_by = ?)";
        this.takeSql = postgres(dataSource)
                ? "update mail_outbox m set claimed_by = ?, claimed_until = ? from (select id old_id, claimed_by old_by,"
                        + " claimed_until old_until from mail_outbox where id = ? for update) o where m.id = o.old_id and "
                        + takeable.replace("claimed_", "m.claimed_").replace("status", "m.status")
                        + " returning " + COLUMNS + ", o.old_by, o.old_until"
                : "select " + COLUMNS + ", claimed_by old_by, claimed_until old_until from old table (update mail_outbox"
                        + " set claimed_by = ?, claimed_until = ? where id = ? and " + takeable + ")";
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }

    void queue(String messageId, String businessKey, String purpose, Mail mail, String digestRecipient, Instant now,
               Instant notBefore) {
        jdbc.sql("""
                insert into mail_outbox (message_id, business_key, purpose, recipients, subject, html, digest_recipient,
                  queued_at, retry_from, next_attempt_at, status, attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0)
                """)
                .param(messageId).param(clip(businessKey, 100)).param(clip(purpose, 100))
                .param(String.join(",", mail.to())).param(clip(mail.subject(), 1000)).param(mail.html())
                .param(digestRecipient).param(odt(now)).param(odt(now)).param(odt(notBefore)).update();
    }

    /** Ids of pending mails due now (all pending ones of {@code businessKey} when given, due or not). */
    List<Long> due(Instant now, int limit, String businessKey) {
        if (businessKey != null) {
            return jdbc.sql("select id from mail_outbox where status = 'PENDING' and business_key = ? order by id")
                    .param(businessKey).query(Long.class).list();
        }
        return jdbc.sql("select id from mail_outbox where status = 'PENDING' and next_attempt_at <= ?"
                        + " and (claimed_until is null or claimed_until < ?) order by next_attempt_at, id limit ?")
                .param(odt(now)).param(odt(now)).param(limit).query(Long.class).list();
    }

    /** A mail this node took: its row, and the node whose claim on it had run out unrecorded (null: none). */
    record Taken(Row row, String expiredClaimOf) {
    }

    /**
     * Takes the pending mail for this node until {@code until} — unclaimed, its claim run out, or this node's already —
     * in one statement that hands back the row and whose claim it was before: on PostgreSQL the update locks and reads
     * the row's claim in its FROM and returns the row, on H2 it is read from the data-change delta table OLD (the claim
     * is all the update changes). Empty when sent or taken elsewhere.
     */
    Optional<Taken> take(long id, String node, Instant now, Instant until) {
        String claimant = clip(node, 200);
        return jdbc.sql(takeSql).param(claimant).param(odt(until)).param(id).param(odt(now)).param(claimant)
                .query((rs, i) -> {
                    String before = rs.getString("old_by");
                    Instant beforeUntil = instant(rs, "old_until");
                    boolean ranOutElsewhere = before != null && !before.equals(claimant) && beforeUntil != null
                            && beforeUntil.isBefore(now);
                    return new Taken(row(rs, i), ranOutElsewhere ? before : null);
                }).optional();
    }

    /** {@link #take} without the row; false when sent or taken elsewhere. */
    boolean claim(long id, String node, Instant now, Instant until) {
        return take(id, node, now, until).isPresent();
    }

    /**
     * The node whose claim on a pending mail ran out unrecorded ({@link Taken#expiredClaimOf}) for several mails in one
     * statement: the node whose claim ran out, by mail (only the mails
     * that have one).
     */
    java.util.Map<Long, String> expiredClaimsOf(List<Long> ids, String node, Instant now) {
        java.util.Map<Long, String> stopped = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return stopped;
        }
        List<Object> params = new java.util.ArrayList<>(ids);
        params.add(clip(node, 200));
        params.add(odt(now));
        jdbc.sql("select id, claimed_by from mail_outbox where id in (" + "?,".repeat(ids.size() - 1) + "?)"
                        + " and status = 'PENDING' and claimed_by <> ? and claimed_until < ?")
                .params(params).query(rs -> {
                    stopped.put(rs.getLong(1), rs.getString(2));
                });
        return stopped;
    }

    /**
     * {@link #claim} for several mails: one update takes those still pending and unclaimed (or this node's), one read
     * returns them, in id order. The others were sent or taken elsewhere meanwhile.
     */
    List<Row> claimAll(List<Long> ids, String node, Instant now, Instant until) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant mark = until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // compared as stored
        String in = "id in (" + "?,".repeat(ids.size() - 1) + "?)";
        List<Object> claim = new java.util.ArrayList<>(List.of(clip(node, 200), odt(mark)));
        claim.addAll(ids);
        claim.addAll(List.of(odt(now), clip(node, 200)));
        int claimed = jdbc.sql("update mail_outbox set claimed_by = ?, claimed_until = ? where " + in
                        + " and status = 'PENDING' and (claimed_until is null or claimed_until < ? or claimed_by = ?)")
                .params(claim).update();
        if (claimed == 0) {
            return List.of();
        }
        List<Object> read = new java.util.ArrayList<>(ids);
        read.addAll(List.of(clip(node, 200), odt(mark)));
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where " + in + " and status = 'PENDING'"
                        + " and claimed_by = ? and claimed_until = ? order by id")
                .params(read).query(MailOutbox::row).list();
    }

    /** The other pending digest mails to this person (of this business key only, when given), oldest first. */
    List<Long> pendingDigest(String recipient, long except, String businessKey) {
        return jdbc.sql("select id from mail_outbox where status = 'PENDING' and digest_recipient = ? and id <> ?"
                        + (businessKey == null ? "" : " and business_key = ?") + " order by id")
                .params(businessKey == null ? List.of(recipient, except) : List.of(recipient, except, businessKey))
                .query(Long.class).list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = ?").param(id).query(MailOutbox::row)
                .optional();
    }

    public List<Row> ofBusinessKey(String businessKey) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where business_key = ? order by id")
                .param(businessKey).query(MailOutbox::row).list();
    }

    /** Sent: never again, whoever runs it. {@code digestId}: the digest's Message-ID when it went out in one. */
    int markSent(Collection<Long> ids, Instant at, String digestId) {
        // one statement per up to 500 mails (the parts of a digest together)
        int marked = 0;
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            marked += jdbc.sql("update mail_outbox set status = 'SENT', sent_at = ?, sent_in = ?, claimed_by = null,"
                            + " claimed_until = null where id in (" + "?,".repeat(chunk.size() - 1) + "?)"
                            + " and status <> 'SENT'")
                    .params(params(odt(at), digestId, chunk)).update();
        }
        return marked;
    }

    private static List<Object> params(Object first, Object second, List<Long> rest) {
        List<Object> params = new java.util.ArrayList<>();
        params.add(first);
        params.add(second);
        params.addAll(rest);
        return params;
    }

    void failed(long id, String error, Instant nextAttempt, boolean hold) {
        jdbc.sql("update mail_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ?,"
                        + " claimed_by = null, claimed_until = null where id = ? and status = 'PENDING'")
                .param(clip(error, 1000)).param(odt(nextAttempt)).param(hold ? "HELD" : "PENDING").param(id).update();
    }

    /** This node's claims left over from a cycle that lost the database: given back (one cycle at a time per node). */
    int unclaimAll(String node) {
        return jdbc.sql("update mail_outbox set claimed_by = null, claimed_until = null where claimed_by = ?")
                .param(clip(node, 200)).update();
    }

    /** Gives the claim back without counting an attempt (the mail was not tried). */
    void unclaim(long id) {
        jdbc.sql("update mail_outbox set claimed_by = null, claimed_until = null where id = ? and status = 'PENDING'")
                .param(id).update();
    }

    /** Every held mail back to pending, due now, retried for another give-up period; how many. */
    int releaseHeld(Instant now) {
        return jdbc.sql("update mail_outbox set status = 'PENDING', retry_from = ?, next_attempt_at = ?, attempts = 0"
                        + " where status = 'HELD'")
                .param(odt(now)).param(odt(now)).update();
    }

    public Summary summary() {
        return jdbc.sql("""
                select sum(case when status = 'PENDING' then 1 else 0 end) as pending,
                  sum(case when status = 'PENDING' and attempts > 0 then 1 else 0 end) as failing,
                  sum(case when status = 'HELD' then 1 else 0 end) as held,
                  min(case when status = 'HELD' then retry_from end) as oldest_held
                from mail_outbox where status in ('PENDING', 'HELD')
                """)
                .query((rs, i) -> new Summary(rs.getLong("pending"), rs.getLong("failing"), rs.getLong("held"),
                        instant(rs, "oldest_held"), lastError()))
                .single();
    }

    private String lastError() {
        return jdbc.sql("select last_error from mail_outbox where status in ('PENDING', 'HELD')"
                        + " and last_error is not null order by next_attempt_at desc, id desc")
                .query(String.class).list().stream().findFirst().orElse(null);
    }

    /** Sent mails older than {@code before} are forgotten (their text, and replies threaded to them); how many. */
    int purgeSent(Instant before) {
        return jdbc.sql("delete from mail_outbox where status = 'SENT' and sent_at < ?").param(odt(before)).update();
    }

    /** The business key of the most recent of these Message-IDs that we queued. */
    public Optional<String> businessKeyOf(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select business_key from mail_outbox where message_id in (:ids) order by queued_at desc, id desc")
                .param("ids", List.copyOf(messageIds)).query(String.class).list().stream().findFirst();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("message_id"), rs.getString("business_key"),
                rs.getString("purpose"), Arrays.asList(rs.getString("recipients").split(",")),
                rs.getString("subject"), rs.getString("html"), rs.getString("digest_recipient"),
                instant(rs, "queued_at"), instant(rs, "retry_from"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "sent_at"));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Erasure: the complaint's mails (recipients, names, texts), sent or waiting, go — an erased customer gets none. */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("delete from mail_outbox where business_key = ?").param(caseNumber).update();
    }
}
