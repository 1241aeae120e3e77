package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.report.OverlayIndexMigration;
import io.complaintflow.testdb.DatabaseCoordinates;
import io.complaintflow.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V89 on a database with deadlines in the old tables (the release before it, or the benchmark's million complaints):
 * the rows stay, every reader finds them under the new names, and nothing of ours is still named for clocks.
 */
class DeadlineTablesMigrationTest {

    @Test
    void aDatabaseWithDeadlinesUnderTheOldNamesKeepsThemUnderTheNewOnes() throws SQLException {
        DatabaseCoordinates database = TestDatabase.fresh("deadlines");
        flyway(database, "88").migrate();
        try (Connection connection = connect(database); Statement s = connection.createStatement()) {
            s.execute("insert into complaint (case_number, channel, customer_name, status, created_at, updated_at)"
                    + " values ('C-1', 'hotline', '客户', 'IN_PROGRESS', current_timestamp, current_timestamp)");
            s.execute("insert into complaint_clock (case_number, clock, duration_spec, started_at, warning_at,"
                    + " target_at, level2_at, state, updated_at) values ('C-1', 'RESOLUTION', 'P5D', current_timestamp,"
                    + " current_timestamp, current_timestamp, current_timestamp, 'RUNNING', current_timestamp)");
            s.execute("insert into clock_event (clock_id, at, event, target_at)"
                    + " select id, started_at, 'STARTED', target_at from complaint_clock");
            s.execute("insert into escalation (case_number, clock, level, escalated_to, at)"
                    + " values ('C-1', 'RESOLUTION', 1, 'lead', current_timestamp)");
        }

        flyway(database, "89").migrate();

        try (Connection connection = connect(database); Statement s = connection.createStatement()) {
            assertThat(rows(s, "select d.deadline, e.event from complaint_deadline d"
                    + " join deadline_event e on e.deadline_id = d.id")).containsExactly("RESOLUTION STARTED");
            assertThat(rows(s, "select deadline, escalated_to from escalation")).containsExactly("RESOLUTION lead");
            // a new deadline still gets its id from the renamed identity
            s.execute("insert into complaint_deadline (case_number, deadline, duration_spec, started_at, warning_at,"
                    + " target_at, level2_at, state, updated_at) values ('C-1', 'FIRST_RESPONSE', 'PT4H',"
                    + " current_timestamp, current_timestamp, current_timestamp, current_timestamp, 'RUNNING',"
                    + " current_timestamp)");
            assertThat(rows(s, "select count(distinct id) from complaint_deadline")).containsExactly("2");
            assertThat(namedForClocks(connection)).isEmpty();
            if (postgres(connection)) {
                assertThat(rows(s, "select indexname from pg_indexes where tablename = 'complaint_deadline'"))
                        .contains("ix_deadline_late", "ux_deadline", "complaint_deadline_pkey");
            }
        }
    }

    /** Tables, columns, indexes, constraints and sequences of ours whose name says clock. */
    private static List<String> namedForClocks(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (postgres(connection)) {
                List<String> names = rows(s, "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = current_schema() and relname like '%clock%'");
                names.addAll(rows(s, "select conname from pg_constraint where conname like '%clock%'"));
                names.addAll(rows(s, "select table_name || '.' || column_name from information_schema.columns"
                        + " where table_schema = current_schema() and column_name like '%clock%'"));
                return names;
            }
            List<String> names = rows(s, "select table_name from information_schema.tables"
                    + " where table_schema = 'PUBLIC' and lower(table_name) like '%clock%'");
            names.addAll(rows(s, "select index_name from information_schema.indexes"
                    + " where table_schema = 'PUBLIC' and lower(index_name) like '%clock%'"));
            names.addAll(rows(s, "select constraint_name from information_schema.table_constraints"
                    + " where table_schema = 'PUBLIC' and lower(constraint_name) like '%clock%'"));
            names.addAll(rows(s, "select table_name || '.' || column_name from information_schema.columns"
                    + " where table_schema = 'PUBLIC' and lower(column_name) like '%clock%'"));
            return names;
        }
    }

    private static Flyway flyway(DatabaseCoordinates database, String target) {
        return Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration").outOfOrder(true).target(target)
                .javaMigrations(new OverlayIndexMigration(), new DeadlineTablesMigration()).load();
    }

    private static Connection connect(DatabaseCoordinates database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }

    private static boolean postgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
