package io.complaintflow.privacy;

import static io.complaintflow.complaint.Timestamps.instant;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only record of who read whose personal data (table {@code privacy_access_log}). */
@Repository
public class AccessLog {

    /** How the data was read. */
    public enum Door {
        /** the complaint API ({@code /api/complaints}) */
        API,
        /** the case view in Tasklist (reads the complaint API) */
        CASE_VIEW,
        /** a handler revealed the customer's contact details */
        REVEAL,
        /** a privacy officer exported a customer's data */
        EXPORT,
        /** a mass incident read through {@code /api/mass-incidents} (one row per complaint it links) */
        MASS_INCIDENT,
        /** a mail read through {@code /api/mailbox} (its complaint, or {@code MAIL-<id>}) */
        MAILBOX,
        /** a crisis read through {@code /api/crises}: its complaint, or each complaint of its mass incident */
        CRISIS
    }

    public record Entry(long id, Instant at, String user, String caseNumber, String door, String what) {
    }

    public record Query(String caseNumber, String user, Instant from, Instant to, int page, int size) {
    }

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    public AccessLog(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String user, List<String> caseNumbers, Door door, String what) {
        var at = clock.now().atOffset(ZoneOffset.UTC);
        for (String caseNumber : caseNumbers) {
            jdbc.sql("insert into privacy_access_log (read_at, user_id, case_number, door, what) values (?, ?, ?, ?, ?)")
                    .params(at, user, caseNumber, door.name(), what.length() > 200 ? what.substring(0, 200) : what)
                    .update();
        }
    }

    public Page<Entry> find(Query q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.caseNumber() != null) {
            where.append(" and case_number = ?");
            params.add(q.caseNumber());
        }
        if (q.user() != null) {
            where.append(" and user_id = ?");
            params.add(q.user());
        }
        if (q.from() != null) {
            where.append(" and read_at >= ?");
            params.add(q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.append(" and read_at < ?");
            params.add(q.to().atOffset(ZoneOffset.UTC));
        }
        long total = jdbc.sql("select count(*) from privacy_access_log" + where).params(params)
                .query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(q.size());
        paged.add((long) q.page() * q.size());
        List<Entry> items = jdbc.sql("select id, read_at, user_id, case_number, door, what from privacy_access_log"
                        + where + " order by read_at desc, id desc limit ? offset ?")
                .params(paged)
                .query((rs, n) -> new Entry(rs.getLong("id"), instant(rs, "read_at"), rs.getString("user_id"),
                        rs.getString("case_number"), rs.getString("door"), rs.getString("what")))
                .list();
        return new Page<>(items, q.page(), q.size(), total);
    }
}
