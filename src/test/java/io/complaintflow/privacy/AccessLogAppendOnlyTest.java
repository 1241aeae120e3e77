package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access log is append-only by the database's own rule, not by the application's good manners: over a plain JDBC
 * connection — as a script or a console would — UPDATE, DELETE and TRUNCATE are refused (H2 and PostgreSQL); only rows
 * past the access log's five years may go, and the nightly retention run removes them.
 */
@ComplaintFlowTest
class AccessLogAppendOnlyTest {

    @Autowired DataSource dataSource;
    @Autowired AccessLog log;
    @Autowired RetentionJob retention;
    @Autowired JdbcClient jdbc;

    private static String uniqueCase() {
        return "CMP-LOG-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String row(String caseNumber) {
        return jdbc.sql("select user_id || '|' || door || '|' || what from privacy_access_log where case_number = ?")
                .param(caseNumber).query(String.class).list().toString();
    }

    @Test
    void updateAndDeleteAreRefusedByTheDatabase() throws SQLException {
        String caseNumber = uniqueCase();
        log.record("quality", List.of(caseNumber), AccessLog.Door.REVEAL, "contact details (name, phone, e-mail)");
        String before = row(caseNumber);
        assertThat(before).contains("quality|REVEAL");

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement update = c.prepareStatement(
                    "update privacy_access_log set user_id = 'someone-else', what = 'nothing' where case_number = ?")) {
                update.setString(1, caseNumber);
                assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
            try (PreparedStatement delete = c.prepareStatement("delete from privacy_access_log where case_number = ?")) {
                delete.setString(1, caseNumber);
                assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
            c.setAutoCommit(false);
            try (Statement truncate = c.createStatement()) {
                // PostgreSQL: the statement trigger; H2: the table that references it (H2's TRUNCATE fires no trigger)
                assertThatThrownBy(() -> truncate.execute("truncate table privacy_access_log"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining(postgres(c) ? "append-only" : "PRIVACY_ACCESS_LOG");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertThat(row(caseNumber)).as("the row as it was").isEqualTo(before);
    }

    @Test
    void onlyRowsPastTheirFiveYearsGoAndTheNightlyRunRemovesThem() throws SQLException {
        String old = uniqueCase();
        String recent = uniqueCase();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into privacy_access_log (read_at, user_id,"
                     + " case_number, door, what) values (?, 'quality', ?, 'API', 'complaint, personal data masked')")) {
            c.setAutoCommit(true);
            insert.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusYears(AccessLogAppendOnly.KEPT_YEARS).minusDays(3));
            insert.setString(2, old);
            insert.executeUpdate();
            insert.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusYears(AccessLogAppendOnly.KEPT_YEARS).plusDays(3));
            insert.setString(2, recent);
            insert.executeUpdate();
            try (PreparedStatement delete = c.prepareStatement("delete from privacy_access_log where case_number = ?")) {
                delete.setString(1, recent);
                assertThatThrownBy(delete::executeUpdate).as("four years and eleven months old")
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }

        assertThat(retention.purgeAccessLog()).isPositive();

        assertThat(row(old)).isEqualTo("[]");
        assertThat(row(recent)).contains("quality|API");
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }
}
