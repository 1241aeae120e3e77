package io.complaintflow.report;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * Flyway V88: the overlay's "waiting" and "overdue" read from indexes alone (docs/reports.md, "The heat's tables").
 * <ul>
 *   <li>{@code ix_heat_open_stay_overlay} holds every column the overlay reads of an open stay, in the order it
 *       groups them (process, marked several, activity): the open stays of a process are one index range, read
 *       without the table on PostgreSQL (index-only, once vacuum has marked the pages visible — autovacuum does).
 *       It also finds the marked stays, so {@code ix_heat_open_stay_several} (V85) goes: one index more, one less.</li>
 *   <li>{@code ix_clock_late} (PostgreSQL: partial, the running clocks not paused) holds target, complaint, clock
 *       and start: the late clocks are one index range read alone. H2 has no partial indexes and does not need it.</li>
 * </ul>
 * The names are those before V89 ({@code sla/DeadlineTablesMigration}), which runs after this on every database and
 * renames the index to {@code ix_deadline_late}, the table to {@code complaint_deadline}, the column to
 * {@code deadline}.
 */
@Component
public class OverlayIndexMigration extends JavaSchemaMigration {

    public OverlayIndexMigration() {
        super("88", "covering indexes for the heat overlay", null);
    }

    @Override
    protected void apply(Connection connection) throws Exception {
        boolean postgres = postgres(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index ix_heat_open_stay_overlay on heat_open_stay (process_key, several,"
                    + " activity_id, department, case_number, task_due, since)");
            statement.execute("drop index ix_heat_open_stay_several");
            if (postgres) {
                statement.execute("create index ix_clock_late on complaint_clock (target_at, case_number, clock,"
                        + " started_at) where stopped_at is null and state <> 'PAUSED'");
            }
        }
    }
}
