package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On H2 the pool's connections keep 64 parsed statements each (application.yaml's data-source-properties): the
 * setting reaches the database whatever URL the node was given — the tests' in-memory URL here.
 */
@ComplaintFlowTest
class H2SettingsTest {

    @Autowired DataSource dataSource;

    @Test
    void theH2DatabaseKeepsSixtyFourParsedStatementsPerConnection() throws Exception {
        assumeFalse(TestDatabase.postgresRun(), "a setting of the H2 driver");
        try (Connection connection = dataSource.getConnection();
             ResultSet setting = connection.createStatement().executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("64");
        }
    }
}
