package io.complaintflow.mailbox;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code mailbox_message}: one row per mail the poller took, written in the transaction of whatever the mail
 * caused, so "handled" and "its complaint exists" commit together. Rows with problems form the complaint center's
 * "needs a person" list.
 */
@Repository
public class MailboxMessages implements PersonalRecords {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    private final JdbcClient jdbc;

    public MailboxMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean handled(String reference) {
        return jdbc.sql("select count(*) from mailbox_message where message_ref = ?").param(reference)
                .query(Long.class).single() > 0;
    }

    /** A mail taken before: its complaint, and its problems while its review is still open. */
    Optional<Handled> previous(String reference) {
        return jdbc.sql("select case_number, problems, review_state from mailbox_message where message_ref = ?")
                .param(reference)
                .query((rs, i) -> {
                    Map<Problem, String> problems = new java.util.EnumMap<>(Problem.class);
                    String codes = rs.getString("problems");
                    if (OPEN.equals(rs.getString("review_state")) && codes != null && !codes.isBlank()) {
                        Arrays.stream(codes.split(",")).forEach(code -> problems.put(Problem.valueOf(code), null));
                    }
                    return new Handled(Handled.Outcome.ALREADY_HANDLED, rs.getString("case_number"), problems);
                })
                .optional();
    }

    /** Takes the mail for this transaction; a second taker (another node, a re-read) fails on the unique index. */
    long claim(ParsedMail mail, String mailbox, Instant receivedAt, Instant now, String node) {
        jdbc.sql("""
                insert into mailbox_message (message_ref, message_id, mailbox, received_at, handled_at, handled_by,
                  sender, subject, size_bytes, outcome)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                """)
                .param(mail.reference()).param(mail.messageId()).param(MailParser.clip(mailbox, 300))
                .param(odt(receivedAt)).param(odt(now)).param(MailParser.clip(node, 100))
                .param(MailParser.clip(mail.sender(), 320)).param(MailParser.clip(mail.subject(), 300))
                .param(mail.size()).update();
        return jdbc.sql("select id from mailbox_message where message_ref = ?").param(mail.reference())
                .query(Long.class).single();
    }

    void complete(long id, Handled handled, ParsedMail mail, String detail) {
        boolean review = handled.needsPerson();
        jdbc.sql("""
                update mailbox_message set outcome = ?, problems = ?, detail = ?, case_number = ?, body_text = ?,
                  review_state = ? where id = ?
                """)
                .param(handled.outcome().name())
                .param(review ? String.join(",", handled.problems().keySet().stream().map(Enum::name).toList()) : null)
                .param(MailParser.clip(detail, 1000))
                .param(handled.caseNumber())
                .param(review ? MailParser.clip(mail.text(), 5000) : null)
                .param(review ? OPEN : null)
                .param(id).update();
    }

    public List<MailRecord> reviews(String state, int limit) {
        String where = state == null ? "review_state is not null" : "review_state = :state";
        return jdbc.sql("select * from mailbox_message where " + where + " order by handled_at desc, id desc"
                        + " limit :limit")
                .param("state", state).param("limit", limit)
                .query(MailboxMessages::map).list();
    }

    public long openReviews() {
        return jdbc.sql("select count(*) from mailbox_message where review_state = 'OPEN'").query(Long.class).single();
    }

    public List<MailRecord> recent(String outcome, String caseNumber, int limit) {
        StringBuilder where = new StringBuilder(" where outcome <> 'PENDING'");
        if (outcome != null) {
            where.append(" and outcome = :outcome");
        }
        if (caseNumber != null) {
            where.append(" and case_number = :caseNumber");
        }
        var sql = jdbc.sql("select * from mailbox_message" + where + " order by handled_at desc, id desc limit :limit");
        if (outcome != null) {
            sql = sql.param("outcome", outcome);
        }
        if (caseNumber != null) {
            sql = sql.param("caseNumber", caseNumber);
        }
        return sql.param("limit", limit).query(MailboxMessages::map).list();
    }

    public Optional<MailRecord> find(long id) {
        return jdbc.sql("select * from mailbox_message where id = ?").param(id).query(MailboxMessages::map).optional();
    }

    /** Resolves an open review; false when it was not open any more (someone else was quicker). */
    boolean resolve(long id, String by, Instant at, String resolution, String caseNumber) {
        return jdbc.sql("""
                update mailbox_message set review_state = 'RESOLVED', resolved_by = ?, resolved_at = ?,
                  resolution = ?, case_number = coalesce(?, case_number) where id = ? and review_state = 'OPEN'
                """)
                .param(by).param(odt(at)).param(MailParser.clip(resolution, 1000)).param(caseNumber).param(id)
                .update() == 1;
    }

    private static MailRecord map(ResultSet rs, int row) throws SQLException {
        String problems = rs.getString("problems");
        List<MailRecord.ProblemView> views = problems == null || problems.isBlank() ? List.of()
                : Arrays.stream(problems.split(",")).map(Problem::valueOf)
                        .map(p -> new MailRecord.ProblemView(p.name(), p.label())).toList();
        return new MailRecord(rs.getLong("id"), rs.getString("mailbox"), instant(rs, "received_at"),
                instant(rs, "handled_at"), rs.getString("handled_by"), rs.getString("sender"),
                rs.getString("subject"), (Integer) rs.getObject("size_bytes"), rs.getString("outcome"), views,
                rs.getString("detail"), rs.getString("case_number"), rs.getString("body_text"),
                rs.getString("review_state"), rs.getString("resolved_by"), instant(rs, "resolved_at"),
                rs.getString("resolution"));
    }

    static String details(Map<Problem, String> problems) {
        return problems.entrySet().stream()
                .map(e -> e.getKey().label() + (e.getValue() == null ? "" : "（" + e.getValue() + "）"))
                .collect(Collectors.joining("；"));
    }

    /** The senders, bodies and subjects of the complaint's mails and its bounced addresses (searched by erasure). */
    @Override
    public List<String> texts(String caseNumber) {
        List<String> texts = new java.util.ArrayList<>(jdbc.sql("select coalesce(sender, '') || ' ' ||"
                + " coalesce(body_text, '') || ' ' || coalesce(subject, '') from mailbox_message where case_number = ?")
                .param(caseNumber).query(String.class).list());
        texts.addAll(jdbc.sql("select address from mailbox_unreachable where case_number = ?").param(caseNumber)
                .query(String.class).list());
        return texts;
    }

    /**
     * Erasure: the complaint's mails lose sender and body, their other texts are scrubbed; their attachments and the
     * bounced addresses go (the tables of this package: messages, attachments, unreachable addresses).
     */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("update mailbox_message set sender = null, body_text = null where case_number = ?").param(caseNumber)
                .update();
        jdbc.sql("select id, subject, detail, resolution, problems from mailbox_message where case_number = ?")
                .param(caseNumber).query((rs, n) -> jdbc.sql("update mailbox_message set subject = ?, detail = ?,"
                                + " resolution = ?, problems = ? where id = ?")
                        .params(PersonalRecords.cut(scrub.apply(rs.getString("subject")), 300),
                                PersonalRecords.cut(scrub.apply(rs.getString("detail")), 1000),
                                PersonalRecords.cut(scrub.apply(rs.getString("resolution")), 1000),
                                PersonalRecords.cut(scrub.apply(rs.getString("problems")), 300), rs.getObject("id"))
                        .update()).list();
        jdbc.sql("delete from mailbox_attachment where case_number = ?").param(caseNumber).update();
        jdbc.sql("delete from mailbox_unreachable where case_number = ?").param(caseNumber).update();
    }
}
