package io.complaintflow.complaint;

import io.complaintflow.schema.JavaSchemaMigration;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flyway V105 (PostgreSQL): the complaint's indexes on columns that are empty for most of a complaint's life hold
 * only the rows that have a value. Every insert, and every row version that is not HOT — all four of a closed
 * complaint's updates are not, {@code status} is indexed — wrote an entry into each of the table's 13 indexes, also
 * for a {@code merged_into}, an {@code external_ref} or a {@code closed_at} that is null (bench/README.md, "PostgreSQL's
 * share of a closed complaint"). Every read by these columns asks for a value ({@code merged_into = ?},
 * {@code channel = ? and external_ref = ?}, {@code closed_at >= ?}, {@code closed_at is not null}), which PostgreSQL
 * proves to lie within the partial index. The unique reference stays as unique: nulls never collided. H2 has no
 * partial indexes and keeps the full ones.
 */
@Component
class MostlyNullIndexesMigration extends JavaSchemaMigration {

    static final List<String> POSTGRES = List.of(
            "drop index ix_complaint_merged_into",
            "create index ix_complaint_merged_into on complaint (merged_into) where merged_into is not null",
            "drop index ux_complaint_channel_ref",
            "create unique index ux_complaint_channel_ref on complaint (channel, external_ref)"
                    + " where external_ref is not null",
            "drop index ix_complaint_closed_cause",
            "create index ix_complaint_closed_cause on complaint (closed_at, root_cause) where closed_at is not null");

    MostlyNullIndexesMigration() {
        super("105", "complaint indexes without the rows whose value is null", 105_1);
    }

    @Override
    protected void apply(Connection connection) throws Exception {
        if (!postgres(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : POSTGRES) {
                statement.execute(sql);
            }
        }
    }
}
