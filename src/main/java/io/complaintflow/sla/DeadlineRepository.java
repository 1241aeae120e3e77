package io.complaintflow.sla;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DeadlineRepository {

    private final JdbcClient jdbc;
    private final boolean postgres;
    /** H2's upsert of one deadline; PostgreSQL's is built per number of deadlines ({@link #startOnPostgres}). */
    private final String startSql;

    public DeadlineRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = postgres(dataSource);
        this.startSql = postgres ? null : """
                select * from final table (merge into complaint_deadline (case_number, deadline, duration_spec,
                  started_at, warning_at, target_at, level2_at, state, paused_at, stopped_at, updated_at, ladder_step)
                key (case_number, deadline) values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', null, null, ?, 0))""";
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }

    /** Read with the case's other deadlines, once per transaction ({@link DeadlineReads}). */
    public Optional<Deadline> find(String caseNumber, String name) {
        return DeadlineReads.find(caseNumber, name, () -> read(caseNumber));
    }

    /** Read once per transaction ({@link DeadlineReads}); every write below puts the row it wrote there. */
    public List<Deadline> all(String caseNumber) {
        return DeadlineReads.all(caseNumber, () -> read(caseNumber));
    }

    private List<Deadline> read(String caseNumber) {
        return jdbc.sql("select * from complaint_deadline where case_number = ? order by id")
                .param(caseNumber).query(DeadlineRepository::map).list();
    }

    /**
     * Starts the deadline, or starts it again from scratch (a reopened case, a department handed the case again): one
     * upsert that hands back its row.
     */
    public Deadline start(String caseNumber, String name, String spec, Instant startedAt, Instant warningAt,
                       Instant targetAt, Instant level2At) {
        return start(caseNumber, List.of(new Start(name, spec, startedAt, warningAt, targetAt, level2At))).get(0);
    }

    /**
     * Starts (or starts afresh) several deadlines of a case, each with its {@code STARTED} event; the rows in the order
     * of {@code starts}. On PostgreSQL one statement does it all and reads the case's other deadlines with it, so the
     * transaction knows every deadline of the case without reading them again ({@link DeadlineReads}); H2 upserts each
     * row and inserts the events in one statement.
     */
    public List<Deadline> start(String caseNumber, List<Start> starts) {
        List<Deadline> started = postgres ? startOnPostgres(caseNumber, starts) : startOnH2(caseNumber, starts);
        started.forEach(DeadlineRepository::written);
        return started;
    }

    private List<Deadline> startOnPostgres(String caseNumber, List<Start> starts) {
        String rows = String.join(", ", Collections.nCopies(starts.size(),
                "(?, ?, ?, ?, ?, ?, ?, 'RUNNING', null, null, ?, 0)"));
        String names = String.join(", ", Collections.nCopies(starts.size(), "?"));
        // the main query sees the table as it was before the upsert (PostgreSQL's data-modifying WITH), so the case's
        // other deadlines are those not named here; the events take the rows' targets to the millisecond, as read
        var statement = jdbc.sql("""
                with started as (
                  insert into complaint_deadline (case_number, deadline, duration_spec, started_at, warning_at,
                    target_at, level2_at, state, paused_at, stopped_at, updated_at, ladder_step)
                  values %s
                  on conflict (case_number, deadline) do update set duration_spec = excluded.duration_spec,
                    started_at = excluded.started_at, warning_at = excluded.warning_at, target_at = excluded.target_at,
                    level2_at = excluded.level2_at, state = excluded.state, paused_at = null, stopped_at = null,
                    updated_at = excluded.updated_at, ladder_step = 0
                  returning *),
                events as (
                  insert into deadline_event (deadline_id, at, event, target_at, detail)
                  select id, started_at, 'STARTED', date_trunc('milliseconds', target_at), null from started)
                select %s, true as started_here from started
                union all
                select %s, false from complaint_deadline where case_number = ? and deadline not in (%s)
                order by id""".formatted(rows, COLUMNS, COLUMNS, names));
        for (Start s : starts) {
            statement = statement.param(caseNumber).param(s.name()).param(s.spec()).param(odt(s.startedAt()))
                    .param(odt(s.warningAt())).param(odt(s.targetAt())).param(odt(s.level2At()))
                    .param(odt(s.startedAt()));
        }
        statement = statement.param(caseNumber);
        for (Start s : starts) {
            statement = statement.param(s.name());
        }
        List<Map.Entry<Deadline, Boolean>> all = statement.query((rs, n) -> Map.entry(map(rs, n),
                rs.getBoolean("started_here"))).list();
        DeadlineReads.read(caseNumber, all.stream().map(Map.Entry::getKey).toList());
        Map<String, Deadline> byName = all.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toMap(Deadline::name, d -> d));
        return starts.stream().map(s -> byName.get(s.name())).toList();
    }

    private List<Deadline> startOnH2(String caseNumber, List<Start> starts) {
        List<Deadline> started = starts.stream().map(s -> jdbc.sql(startSql).param(caseNumber).param(s.name())
                .param(s.spec()).param(odt(s.startedAt())).param(odt(s.warningAt())).param(odt(s.targetAt()))
                .param(odt(s.level2At())).param(odt(s.startedAt())).query(DeadlineRepository::map).single()).toList();
        var events = jdbc.sql("insert into deadline_event (deadline_id, at, event, target_at, detail) values "
                + String.join(", ", Collections.nCopies(started.size(), "(?, ?, 'STARTED', ?, null)")));
        for (Deadline d : started) {
            events = events.param(d.id()).param(odt(d.startedAt())).param(odt(d.targetAt()));
        }
        events.update();
        return started;
    }

    /** One deadline to start: its duration and points on the calendar. */
    public record Start(String name, String spec, Instant startedAt, Instant warningAt, Instant targetAt,
                        Instant level2At) {
    }

    public Deadline update(Deadline c, DeadlineState state, Instant warningAt, Instant targetAt, Instant level2At,
                        Instant pausedAt, Instant stoppedAt, Instant at, String event, String detail) {
        Deadline updated = written(jdbc.sql(returning("""
                        update complaint_deadline set state = ?, warning_at = ?, target_at = ?, level2_at = ?,
                          paused_at = ?, stopped_at = ?, updated_at = ? where id = ?"""))
                .param(state.name()).param(odt(warningAt)).param(odt(targetAt)).param(odt(level2At))
                .param(odt(pausedAt)).param(odt(stoppedAt)).param(odt(at)).param(c.id())
                .query(DeadlineRepository::map).single());
        event(updated, at, event, detail);
        return updated;
    }

    /** Running → breached (only if still running, whatever {@code c} says), with the event; false if not running. */
    public boolean breach(Deadline c, Instant at) {
        Optional<Deadline> breached = jdbc.sql(returning("update complaint_deadline set state = 'BREACHED',"
                        + " updated_at = ? where id = ? and state = 'RUNNING'"))
                .param(odt(at)).param(c.id()).query(DeadlineRepository::map).optional();
        breached.ifPresentOrElse(row -> {
            written(row);
            event(c, at, "BREACHED", null);
        }, () -> DeadlineReads.forget(c.caseNumber()));
        return breached.isPresent();
    }

    /**
     * The ladder's step from {@code expected} to {@code next} and the breach of a running deadline in one statement
     * (with the breach's event): only if no one else moved the step meanwhile and the deadline is still running.
     * False changes nothing; the caller then takes the step and decides the breach apart.
     */
    public boolean ladderStepBreaching(Deadline c, int expected, int next, Instant at) {
        Optional<Deadline> moved = jdbc.sql(returning("update complaint_deadline set ladder_step = ?,"
                        + " state = 'BREACHED', updated_at = ? where id = ? and ladder_step = ? and state = 'RUNNING'"))
                .param(next).param(odt(at)).param(c.id()).param(expected).query(DeadlineRepository::map).optional();
        moved.ifPresent(row -> {
            written(row);
            event(c, at, "BREACHED", null);
        });
        return moved.isPresent();
    }

    /** Sets the ladder's next step; with {@code expected}, only if no one else moved it meanwhile. */
    public boolean ladderStep(Deadline c, Integer expected, int next) {
        Optional<Deadline> moved = expected == null
                ? jdbc.sql(returning("update complaint_deadline set ladder_step = ? where id = ?")).param(next)
                        .param(c.id()).query(DeadlineRepository::map).optional()
                : jdbc.sql(returning("update complaint_deadline set ladder_step = ? where id = ? and ladder_step = ?"))
                        .param(next).param(c.id()).param(expected).query(DeadlineRepository::map).optional();
        // not moved: someone else did (another node, a retry), so the next read takes the row as they left it
        moved.ifPresentOrElse(DeadlineRepository::written, () -> DeadlineReads.forget(c.caseNumber()));
        return moved.isPresent();
    }

    /**
     * The row a write handed back is the row as it stands until this transaction ends (the write holds its lock), so
     * it goes into the transaction's memory instead of being read again.
     */
    private static Deadline written(Deadline row) {
        DeadlineReads.written(row);
        return row;
    }

    /** An update that hands back the rows it changed: PostgreSQL's {@code RETURNING}, H2's data-change delta table. */
    private String returning(String update) {
        return postgres ? update + " returning *" : "select * from final table (" + update + ")";
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

    private static final String COLUMNS = "id, case_number, deadline, duration_spec, started_at, warning_at, target_at,"
            + " level2_at, state, paused_at, stopped_at, ladder_step";

    private static Deadline map(ResultSet rs, int row) throws SQLException {
        return new Deadline(rs.getLong("id"), rs.getString("case_number"), rs.getString("deadline"),
                rs.getString("duration_spec"), instant(rs, "started_at"), instant(rs, "warning_at"),
                instant(rs, "target_at"), instant(rs, "level2_at"), DeadlineState.valueOf(rs.getString("state")),
                instant(rs, "paused_at"), instant(rs, "stopped_at"), rs.getInt("ladder_step"));
    }

    public record DeadlineEvent(Instant at, String event, Instant targetAt, String detail) {
    }
}
