package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V105/V106 on PostgreSQL: the indexes on columns empty for most of a row's life hold only rows with a value, the reads
 * by those columns still go through them, and the unique reference still refuses a second complaint with the same
 * channel and reference. H2 keeps the full indexes (the reference's uniqueness is checked there too). The shared
 * context, not a {@code @JdbcTest}: that one replaces the database with an embedded H2 on the PostgreSQL run too.
 */
@ComplaintFlowTest
class MostlyNullIndexesMigrationTest {

    @Autowired DataSource dataSource;

    @Test
    void onPostgresTheIndexesHoldOnlyRowsWithAValueAndServeTheReads() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Assumptions.assumeTrue(JavaSchemaMigration.postgres(connection), "partial indexes are PostgreSQL's");
            assertThat(definition(statement, "ix_complaint_merged_into")).endsWith("WHERE (merged_into IS NOT NULL)");
            assertThat(definition(statement, "ux_complaint_channel_ref")).startsWith("CREATE UNIQUE INDEX")
                    .endsWith("WHERE (external_ref IS NOT NULL)");
            assertThat(definition(statement, "ix_complaint_closed_cause")).endsWith("WHERE (closed_at IS NOT NULL)");
            assertThat(definition(statement, "ix_mail_outbox_digest")).endsWith("WHERE (digest_recipient IS NOT NULL)");

            connection.setAutoCommit(false);
            try {
                // an empty table: without this the planner reads it whole, whatever the index
                statement.execute("set local enable_seqscan = off");
                assertThat(plan(connection, "select case_number from complaint where merged_into = 'C-1'"))
                        .contains("ix_complaint_merged_into");
                assertThat(plan(connection, "select * from complaint where channel = 'hotline' and external_ref = 'R-1'"))
                        .contains("ux_complaint_channel_ref");
                assertThat(plan(connection, "select count(*) from complaint where closed_at >= '2026-01-01'"
                        + " and closed_at < '2026-02-01'")).contains("ix_complaint_closed_cause");
                // on a small table a sort is cheaper; without it only an index in closed_at order answers
                statement.execute("set local enable_sort = off");
                assertThat(plan(connection, "select case_number from complaint c where c.status = 'CLOSED'"
                        + " and c.closed_at is not null order by c.closed_at desc, c.case_number desc limit 10"))
                        .as("assist/ClosedComplaints' newest first").contains("ix_complaint_closed_cause");
                assertThat(plan(connection, "select id from mail_outbox where status = 'PENDING'"
                        + " and digest_recipient = 'a@b.c' and id <> 0")).contains("ix_mail_outbox_digest");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void aSecondComplaintWithTheSameChannelAndReferenceIsRefusedOnBothDatabases() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insert(connection, "T-MN-1", "REF-MN");
                insert(connection, "T-MN-2", null);
                insert(connection, "T-MN-3", null);
                assertThatThrownBy(() -> insert(connection, "T-MN-4", "REF-MN")).isInstanceOf(SQLException.class);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void insert(Connection connection, String caseNumber, String reference) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into complaint (case_number, channel,"
                + " external_ref, customer_name, status, created_at, updated_at)"
                + " values (?, 'regulator', ?, 'x', 'ACCEPTED', current_timestamp, current_timestamp)")) {
            insert.setString(1, caseNumber);
            insert.setString(2, reference);
            insert.executeUpdate();
        }
    }

    private static String definition(Statement statement, String index) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select indexdef from pg_indexes where indexname = '" + index
                + "' and schemaname = current_schema()")) {
            assertThat(rs.next()).as(index).isTrue();
            return rs.getString(1);
        }
    }

    private static String plan(Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement explain = connection.createStatement(); ResultSet rs = explain.executeQuery("explain " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
