package io.complaintflow.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, registered as a Spring bean (Spring Boot hands every {@link JavaMigration} bean
 * to Flyway). Java where SQL cannot say it: a step that differs by database, or that depends on what exists. The
 * version is given, not read from the class name as Flyway's {@code BaseJavaMigration} would, so the class keeps a
 * name that says what it does. Once applied, version, description and checksum must never change: Flyway validates
 * them against every database that ran the migration.
 */
public abstract class JavaSchemaMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;
    private final Integer checksum;

    /** {@code checksum} null: Flyway does not notice a changed body (as for a migration that only adds indexes). */
    protected JavaSchemaMigration(String version, String description, Integer checksum) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
        this.checksum = checksum;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return checksum;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) throws Exception {
        apply(context.getConnection());
    }

    /** The migration itself, on Flyway's connection (in its transaction). */
    protected abstract void apply(Connection connection) throws Exception;

    public static boolean postgres(Connection connection) throws SQLException {
        return product(connection).contains("postgres");
    }

    /** The database product's name in lower case ("h2", "postgresql"). */
    public static String product(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    }
}
