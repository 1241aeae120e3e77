package io.complaintflow.privacy;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * Flyway V67: the database itself keeps {@code privacy_access_log} append-only, whoever connects — the application, a
 * script, a console. UPDATE is refused always; DELETE (and, on PostgreSQL, TRUNCATE) is refused for every row younger
 * than {@link #KEPT_YEARS} years, the access log's retention (docs/privacy.md, "Access log"): only the nightly
 * retention run removes older rows. PostgreSQL: a trigger function raising an error; H2: a Java trigger
 * ({@link AppendOnlyTrigger}), and an empty table referencing it, since H2 refuses to TRUNCATE a referenced table (its
 * TRUNCATE fires no trigger). Another database gets no guard and says so in the log.
 */
@Component
class AccessLogAppendOnly extends JavaSchemaMigration {

    /** How long every access-log row is kept at least; the trigger enforces it, the retention run removes older rows. */
    static final int KEPT_YEARS = 5;
    static final String REFUSAL = "privacy_access_log is append-only";

    AccessLogAppendOnly() {
        super("67", "privacy access log append-only", 67_1);
    }

    @Override
    protected void apply(Connection connection) throws SQLException {
        install(connection);
    }

    static void install(Connection connection) throws SQLException {
        String product = product(connection);
        try (Statement s = connection.createStatement()) {
            if (product.contains("postgres")) {
                s.execute("create or replace function privacy_access_log_append_only() returns trigger"
                        + " language plpgsql as $$ begin"
                        + " if tg_op = 'DELETE' then"
                        + " if old.read_at < now() - interval '" + KEPT_YEARS + " years' then return old; end if;"
                        + " end if;"
                        + " raise exception '" + REFUSAL + ": % refused', tg_op using errcode = 'insufficient_privilege';"
                        + " end $$");
                s.execute("create trigger privacy_access_log_no_change before update or delete on privacy_access_log"
                        + " for each row execute function privacy_access_log_append_only()");
                s.execute("create trigger privacy_access_log_no_truncate before truncate on privacy_access_log"
                        + " for each statement execute function privacy_access_log_append_only()");
            } else if (product.contains("h2")) {
                s.execute("create trigger privacy_access_log_no_change before update, delete on privacy_access_log"
                        + " for each row call '" + AppendOnlyTrigger.class.getName() + "'");
                // H2's TRUNCATE fires no trigger, but refuses a table that another table references
                s.execute("create table privacy_access_log_guard (log_id bigint references privacy_access_log (id))");
            } else {
                org.slf4j.LoggerFactory.getLogger(AccessLogAppendOnly.class).warn(
                        "No append-only guard for privacy_access_log on {}: the application only inserts", product);
            }
        }
    }
}
