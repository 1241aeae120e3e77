package io.complaintflow.report;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import org.springframework.stereotype.Component;

/**
 * Flyway V70: the history indexes on a database whose engine tables exist (an upgrade). On a fresh database Flyway
 * runs before the engine has created them; {@link HistoryIndexesPlugin} creates the indexes then.
 */
@Component
public class HistoryIndexMigration extends JavaSchemaMigration {

    public HistoryIndexMigration() {
        super("70", "history indexes for the diagram heat", null);
    }

    @Override
    protected void apply(Connection connection) throws Exception {
        HistoryIndexes.ensure(connection);
    }
}
