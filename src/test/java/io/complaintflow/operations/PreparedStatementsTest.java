package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the pool's connections prepare every statement on the server from its first use and keep up to 512
 * of them (application-postgres.yaml; bench/README.md, "The driver's prepared statements"): the application sends
 * ~310 statement texts, which the driver's defaults (prepared from the fifth use, 256 kept) parse and plan again
 * and again. And what a node sees when a migration changes a table's columns under its prepared statements.
 */
@ComplaintFlowTest
class PreparedStatementsTest {

    @Autowired DataSource dataSource;

    @Test
    void aStatementIsPreparedOnTheServerAtItsFirstUse() throws Exception {
        assumeTrue(TestDatabase.postgresRun(), "a setting of the PostgreSQL driver");
        try (Connection connection = dataSource.getConnection()) {
            String sql = "select 1 as " + marker() + " where ? is not null";
            execute(connection, sql);
            assertThat(preparedOnServer(connection, sql)).as("named statements holding the text after one use")
                    .isEqualTo(1);
        }
    }

    @Test
    void theConnectionKeepsMoreStatementsThanTheDriversDefault256() throws Exception {
        assumeTrue(TestDatabase.postgresRun(), "a setting of the PostgreSQL driver");
        try (Connection connection = dataSource.getConnection()) {
            String marker = marker();
            String first = "select 0 as " + marker + " where ? is not null";
            execute(connection, first);
            for (int i = 1; i < 400; i++) {
                execute(connection, "select " + i + " as " + marker + " where ? is not null");
            }
            // with 256 kept, the least recently used 144 were closed on the server; with 512 all 400 are there
            assertThat(preparedOnServer(connection, first)).as("the first of 400 statements still prepared")
                    .isEqualTo(1);
        }
    }

    /**
     * A migration that adds a column to a table the running nodes read with {@code select *} (the engine's queries
     * read {@code RES.*}): PostgreSQL replans a prepared statement after any change of its tables, but refuses one
     * whose result columns changed ("cached plan must not change result type", 0A000). The driver then prepares the
     * statement anew: in auto-commit it runs it again by itself; inside a transaction (the engine's commands) that
     * transaction fails (the engine retries a job, a request answers 500) and HikariCP, for which 0A000 is fatal,
     * drops the connection: at most one failed transaction per connection, the new connection has the new columns.
     */
    @Test
    void aChangedResultTypeFailsOneTransactionPerConnectionAndStatementThenTheStatementIsPreparedAnew()
            throws Exception {
        assumeTrue(TestDatabase.postgresRun(), "a behaviour of PostgreSQL's prepared statements");
        String table = "prepared_probe_" + marker();
        try (Connection ddl = dataSource.getConnection(); Connection node = dataSource.getConnection()) {
            ddl.createStatement().execute("create table " + table + " (id int primary key, a text)");
            ddl.createStatement().execute("insert into " + table + " values (1, 'x')");
            String read = "select * from " + table + " where id = ?";
            try {
                assertThat(columns(node, read)).isEqualTo(2);
                ddl.createStatement().execute("alter table " + table + " add column b int");
                assertThat(columns(node, read)).as("auto-commit: the driver prepares it anew and runs it again")
                        .isEqualTo(3);

                node.setAutoCommit(false);
                assertThat(columns(node, read)).isEqualTo(3);
                node.commit();
                ddl.createStatement().execute("alter table " + table + " add column c int");
                try (Statement other = node.createStatement()) {
                    other.execute("select 1");
                }
                assertThatThrownBy(() -> columns(node, read)).as("in a transaction")
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("cached plan must not change result type")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
                assertThat(node.isClosed()).as("the pool drops a connection that answered 0A000 (HikariCP)").isTrue();
                try (Connection next = dataSource.getConnection()) {
                    next.setAutoCommit(false);
                    try (Statement other = next.createStatement()) {
                        other.execute("select 1");
                    }
                    assertThat(columns(next, read)).as("the next transaction, the same place").isEqualTo(4);
                    next.commit();
                    next.setAutoCommit(true);
                }
            } finally {
                if (!node.isClosed()) {
                    node.rollback();
                    node.setAutoCommit(true);
                }
                ddl.createStatement().execute("drop table " + table);
            }
        }
    }

    private static String marker() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
            }
        }
    }

    private static int columns(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getMetaData().getColumnCount();
            }
        }
    }

    /**
     * pg_prepared_statements shows the session's own statements: those the driver prepared on this connection, with
     * its parameters as $1.
     */
    private static int preparedOnServer(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_prepared_statements where statement = '"
                     + sql.replace("?", "$1").replace("'", "''") + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
