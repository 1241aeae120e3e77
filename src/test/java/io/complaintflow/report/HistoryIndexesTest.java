package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The heat's indexes on the engine's history tables exist whichever ran first on a fresh database, Flyway or the
 * engine's schema creation (this run's database is fresh: Flyway ran first), and are re-created by either path.
 */
@ComplaintFlowTest
class HistoryIndexesTest {

    @Autowired DataSource dataSource;
    @Autowired ProcessEngine engine;

    @Test
    void theIndexesExistAfterStartUp() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (HistoryIndexes.Index index : HistoryIndexes.INDEXES) {
                assertThat(HistoryIndexes.indexExists(connection, index.table(), index.name())).as(index.name())
                        .isTrue();
            }
        }
    }

    @Test
    void flywayOnADatabaseWithoutTheEngineTablesSkipsAndTheEnginePluginCreatesThem() throws Exception {
        try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:cf-heatmap-no-engine-tables", "sa", "")) {
            new HistoryIndexMigration().migrate(context(empty)); // before the engine: nothing to index, no failure
            assertThat(HistoryIndexes.tableExists(empty, "ACT_HI_ACTINST")).isFalse();
        }
        dropIndexes();
        new HistoryIndexesPlugin().postProcessEngineBuild(engine);
        theIndexesExistAfterStartUp();
    }

    @Test
    void flywayOnADatabaseWithTheEngineTablesCreatesThem() throws Exception {
        dropIndexes();
        try (Connection connection = dataSource.getConnection()) {
            new HistoryIndexMigration().migrate(context(connection));
        }
        theIndexesExistAfterStartUp();
        // and once more changes nothing
        try (Connection connection = dataSource.getConnection()) {
            new HistoryIndexMigration().migrate(context(connection));
        }
        theIndexesExistAfterStartUp();
    }

    private void dropIndexes() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (HistoryIndexes.Index index : HistoryIndexes.INDEXES) {
                statement.execute("drop index " + index.name());
                assertThat(HistoryIndexes.indexExists(connection, index.table(), index.name())).isFalse();
            }
        }
    }

    private static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
