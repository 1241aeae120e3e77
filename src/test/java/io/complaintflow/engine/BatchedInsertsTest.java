package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.testdb.TestDatabase;
import java.sql.Connection;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL a step's rows reach the database as multi-row INSERTs: the engine flushes them as JDBC batches and
 * the driver rewrites each batch of one INSERT into one statement (application-postgres.yaml; bench/README.md, "The
 * intake's job"). Without either, every engine row is a statement of its own (219 per complaint's intake job instead
 * of 105).
 */
@ComplaintFlowTest
class BatchedInsertsTest {

    @Autowired ProcessEngine engine;
    @Autowired DataSource dataSource;

    @Test
    void theEngineFlushesInBatchesAndThePoolsConnectionsRewriteThemAsMultiRowInserts() throws Exception {
        assumeTrue(TestDatabase.postgresRun(), "a setting of the PostgreSQL driver");
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isJdbcBatchProcessing())
                .isTrue();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
                    .isTrue();
        }
    }
}
