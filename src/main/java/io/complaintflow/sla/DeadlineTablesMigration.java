package io.complaintflow.sla;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flyway V89: the deadline tables get the code's word (docs/glossary.md, "Words in the code"): {@code complaint_clock}
 * becomes {@code complaint_deadline}, {@code clock_event} {@code deadline_event}, the columns {@code clock} (also of
 * {@code escalation}) and {@code clock_id} {@code deadline} and {@code deadline_id}, and the indexes and constraints
 * named for clocks follow. Renames only: no row is read or written, so a database of a million complaints migrates as
 * fast as an empty one. Earlier migrations (V2, V3, V60, V74, V88) keep the old names: on a new database they run
 * before this one.
 * <p>
 * Java rather than SQL for PostgreSQL's own names: it named the primary keys, foreign keys and identity sequences after
 * the table when it was created ({@code complaint_clock_pkey}, {@code clock_event_clock_id_fkey}, …); H2 names them
 * {@code CONSTRAINT_…}, which say nothing, so they stay; H2's index of the unique constraint is named after it.
 */
@Component
class DeadlineTablesMigration extends JavaSchemaMigration {

    static final List<String> BOTH = List.of(
            "alter table complaint_clock rename to complaint_deadline",
            "alter table complaint_deadline rename column clock to deadline",
            "alter table clock_event rename to deadline_event",
            "alter table deadline_event rename column clock_id to deadline_id",
            "alter table escalation rename column clock to deadline",
            "alter table complaint_deadline rename constraint ux_clock to ux_deadline",
            "alter index ix_clock_state rename to ix_deadline_state",
            "alter index ix_clock_name rename to ix_deadline_name",
            "alter index ix_clock_running rename to ix_deadline_running",
            "alter index ix_clock_event_clock rename to ix_deadline_event_deadline",
            "alter index ix_clock_event_at rename to ix_deadline_event_at",
            // V88 creates it on PostgreSQL only
            "alter index if exists ix_clock_late rename to ix_deadline_late");

    static final List<String> POSTGRES = List.of(
            "alter index if exists complaint_clock_pkey rename to complaint_deadline_pkey",
            "alter index if exists clock_event_pkey rename to deadline_event_pkey",
            "alter sequence if exists complaint_clock_id_seq rename to complaint_deadline_id_seq",
            "alter sequence if exists clock_event_id_seq rename to deadline_event_id_seq",
            renameForeignKey("complaint_deadline", "complaint_clock_case_number_fkey",
                    "complaint_deadline_case_number_fkey"),
            renameForeignKey("deadline_event", "clock_event_clock_id_fkey", "deadline_event_deadline_id_fkey"));

    DeadlineTablesMigration() {
        super("89", "deadline tables named for deadlines", 89_1);
    }

    @Override
    protected void apply(Connection connection) throws SQLException {
        boolean postgres = postgres(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sql : BOTH) {
                statement.execute(sql);
            }
            if (postgres) {
                for (String sql : POSTGRES) {
                    statement.execute(sql);
                }
            } else {
                renameH2ConstraintIndexes(connection, statement);
            }
        }
    }

    /** H2 names a unique constraint's index after the constraint when it is made ({@code UX_CLOCK_INDEX_7}). */
    private static void renameH2ConstraintIndexes(Connection connection, Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, "COMPLAINT_DEADLINE", false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null && name.startsWith("UX_CLOCK_") && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        for (String name : names) {
            statement.execute("alter index \"" + name + "\" rename to \"UX_DEADLINE_" + name.substring(9) + "\"");
        }
    }

    /** PostgreSQL has no {@code rename constraint if exists}; a database made by another tool may have other names. */
    private static String renameForeignKey(String table, String from, String to) {
        return "do $$ begin if exists (select 1 from pg_constraint where conname = '" + from + "') then"
                + " alter table " + table + " rename constraint " + from + " to " + to + "; end if; end $$";
    }
}
