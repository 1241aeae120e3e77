package io.complaintflow.sla;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DeadlineRepository {

    private final JdbcClient jdbc;

    public DeadlineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Read with the case's other deadlines, once per transaction ({@link DeadlineReads}). */
    public Optional<Deadline> find(String caseNumber, String name) {
        return DeadlineReads.find(caseNumber, name, () -> read(caseNumber));
    }

    /** Read once per transaction ({@link DeadlineReads}); every write below forgets the case. */
    public List<Deadline> all(String caseNumber) {
        return DeadlineReads.all(caseNumber, () -> read(caseNumber));
    }

    private List<Deadline> read(String caseNumber) {
        return jdbc.sql("select * from complaint_deadline where case_number = ? order by id")
                .param(caseNumber).query(DeadlineRepository::map).list();
    }

    /** Starts the deadline, or starts it again from scratch (a reopened case, a department handed the case again). */
    public Deadline start(String caseNumber, String name, String spec, Instant startedAt, Instant warningAt,
                       Instant targetAt, Instant level2At) {
        DeadlineReads.forget(caseNumber);
        int updated = jdbc.sql("""
                        update complaint_deadline set duration_spec = ?, started_at = ?, warning_at = ?, target_at = ?,
                          level2_at = ?, state = 'RUNNING', paused_at = null, stopped_at = null, updated_at = ?,
                          ladder_step = 0
                        where case_number = ? and deadline = ?""")
                .param(spec).param(odt(startedAt)).param(odt(warningAt)).param(odt(targetAt)).param(odt(level2At))
                .param(odt(startedAt)).param(caseNumber).param(name).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into complaint_deadline (case_number, deadline, duration_spec, started_at, warning_at,
                              target_at, level2_at, state, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)""")
                    .param(caseNumber).param(name).param(spec).param(odt(startedAt)).param(odt(warningAt))
                    .param(odt(targetAt)).param(odt(level2At)).param(odt(startedAt)).update();
        }
        Deadline deadline = find(caseNumber, name).orElseThrow();
        event(deadline, startedAt, "STARTED", null);
        return deadline;
    }

    public Deadline update(Deadline c, DeadlineState state, Instant warningAt, Instant targetAt, Instant level2At,
                        Instant pausedAt, Instant stoppedAt, Instant at, String event, String detail) {
        DeadlineReads.forget(c.caseNumber());
        jdbc.sql("""
                        update complaint_deadline set state = ?, warning_at = ?, target_at = ?, level2_at = ?,
                          paused_at = ?, stopped_at = ?, updated_at = ? where id = ?""")
                .param(state.name()).param(odt(warningAt)).param(odt(targetAt)).param(odt(level2At))
                .param(odt(pausedAt)).param(odt(stoppedAt)).param(odt(at)).param(c.id()).update();
        Deadline updated = find(c.caseNumber(), c.name()).orElseThrow();
        event(updated, at, event, detail);
        return updated;
    }

    /** Running → breached (only if still running, whatever {@code c} says), with the event; false if not running. */
    public boolean breach(Deadline c, Instant at) {
        DeadlineReads.forget(c.caseNumber());
        boolean breached = jdbc.sql("update complaint_deadline set state = 'BREACHED', updated_at = ? where id = ?"
                        + " and state = 'RUNNING'")
                .param(odt(at)).param(c.id()).update() == 1;
        if (breached) {
            event(c, at, "BREACHED", null);
        }
        return breached;
    }

    /** Sets the ladder's next step; with {@code expected}, only if no one else moved it meanwhile. */
    public boolean ladderStep(Deadline c, Integer expected, int next) {
        DeadlineReads.forget(c.caseNumber());
        if (expected == null) {
            return jdbc.sql("update complaint_deadline set ladder_step = ? where id = ?").param(next).param(c.id())
                    .update() == 1;
        }
        return jdbc.sql("update complaint_deadline set ladder_step = ? where id = ? and ladder_step = ?").param(next)
                .param(c.id()).param(expected).update() == 1;
    }

    public List<DeadlineEvent> history(long deadlineId) {
        return jdbc.sql("select * from deadline_event where deadline_id = ? order by id").param(deadlineId)
                .query((rs, i) -> new DeadlineEvent(instant(rs, "at"), rs.getString("event"), instant(rs, "target_at"),
                        rs.getString("detail"))).list();
    }

    private void event(Deadline c, Instant at, String event, String detail) {
        jdbc.sql("insert into deadline_event (deadline_id, at, event, target_at, detail) values (?, ?, ?, ?, ?)")
                .param(c.id()).param(odt(at)).param(event).param(odt(c.targetAt())).param(detail).update();
    }

    private static Deadline map(ResultSet rs, int row) throws SQLException {
        return new Deadline(rs.getLong("id"), rs.getString("case_number"), rs.getString("deadline"),
                rs.getString("duration_spec"), instant(rs, "started_at"), instant(rs, "warning_at"),
                instant(rs, "target_at"), instant(rs, "level2_at"), DeadlineState.valueOf(rs.getString("state")),
                instant(rs, "paused_at"), instant(rs, "stopped_at"), rs.getInt("ladder_step"));
    }



    public record DeadlineEvent(Instant at, String event, Instant targetAt, String detail) {
    }
}
