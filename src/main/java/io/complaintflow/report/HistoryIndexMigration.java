package io.complaintflow.report;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V70: the history indexes on a database whose engine tables exist (an upgrade). On a fresh database Flyway
 * runs before the engine has created them; {@link HistoryIndexesPlugin} creates the indexes then.
 */
@Component
public class HistoryIndexMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("70");
    }

    @Override
    public String getDescription() {
        return "history indexes for the diagram heat";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        HistoryIndexes.ensure(context.getConnection());
    }
}
