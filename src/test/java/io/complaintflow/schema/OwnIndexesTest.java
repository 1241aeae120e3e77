package io.complaintflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;

/**
 * Every index of our tables costs an entry at each insert and each update that is not HOT; one whose columns lead
 * another index of the same table answers no read the longer one does not (bench/README.md, "the rows a closed
 * complaint writes"). The engine's tables are Camunda's and left as its scripts make them.
 */
@JdbcTest
class OwnIndexesTest {

    @Autowired DataSource dataSource;

    @Test
    void noIndexOfOursIsTheLeadingPartOfAnotherOnTheSameTable() throws SQLException {
        Map<String, Map<String, List<String>>> indexes = indexes(false);
        assertThat(indexes).containsKey("complaint");
        List<String> redundant = new ArrayList<>();
        indexes.forEach((table, byName) -> byName.forEach((name, columns) -> byName.forEach((other, longer) -> {
            if (!name.equals(other) && ours(name) && !other.contains("constraint_") && columns.size() <= longer.size()
                    && longer.subList(0, columns.size()).equals(columns)) {
                redundant.add(table + "." + name + " " + columns + " leads " + other + " " + longer);
            }
        })));
        assertThat(redundant).isEmpty();
        // partial on PostgreSQL (V105): every read by closed_at asks for one
        assertThat(indexes(true).get("complaint").values()).as("reads by closed_at keep an index")
                .anySatisfy(columns -> assertThat(columns.get(0)).isEqualTo("closed_at"));
    }

    /** An index our migrations name and may drop: not unique (it constrains nothing), not one H2 adds for a key. */
    private static boolean ours(String name) {
        return name.startsWith("ix_") || name.startsWith("cf_");
    }

    /**
     * table → index → its columns in order; a unique index's name starts with "!" (it constrains, never redundant).
     * {@code partial}: with the partial indexes (which answer only the reads that exclude what they leave out).
     */
    private Map<String, Map<String, List<String>>> indexes(boolean partial) throws SQLException {
        Map<String, Map<String, List<String>>> indexes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = connection.getSchema();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    String lower = table.toLowerCase(Locale.ROOT);
                    if (!lower.startsWith("act_") && !lower.startsWith("flyway")) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (name == null || column == null || !partial && rs.getString("FILTER_CONDITION") != null) {
                            continue; // statistics rows, expressions, partial indexes
                        }
                        String key = (rs.getBoolean("NON_UNIQUE") ? "" : "!") + name.toLowerCase(Locale.ROOT);
                        List<String> columns = indexes.computeIfAbsent(table.toLowerCase(Locale.ROOT),
                                t -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>());
                        int position = rs.getInt("ORDINAL_POSITION");
                        while (columns.size() < position) {
                            columns.add(null);
                        }
                        columns.set(position - 1, column.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return indexes;
    }
}
