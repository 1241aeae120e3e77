package io.complaintflow.complaint;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the engine's own tables ({@code act_*}) the way an auditor would: which rows hold a given text anywhere — in
 * any text column or inside any byte array (serialized or JSON variables, history details) — and how many runtime
 * variables and history rows one complaint's processes leave. Works on H2 and PostgreSQL alike.
 */
public final class EngineRows {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);
    private static final Set<Integer> BYTES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public EngineRows(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    record Column(String table, String name, boolean bytes) {
    }

    /** Every text and binary column of every {@code act_*} table (runtime, history, byte arrays, identity …). */
    List<Column> columns() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    int type = rs.getInt("DATA_TYPE");
                    if (!table.toLowerCase(Locale.ROOT).startsWith("act_")) {
                        continue;
                    }
                    if (TEXT.contains(type) || BYTES.contains(type)) {
                        columns.add(new Column(table, rs.getString("COLUMN_NAME"), BYTES.contains(type)));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalStateException("no act_* columns found in schema " + connection.getSchema());
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code table.column → rows} whose value contains {@code needle} (as text, or as UTF-8 inside bytes). */
    public Map<String, Integer> rowsContaining(String needle) {
        byte[] utf8 = needle.getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> found = new TreeMap<>();
        for (Column c : columns()) {
            int rows;
            if (c.bytes()) {
                int[] count = {0};
                jdbc.query("select " + c.name() + " from " + c.table() + " where " + c.name() + " is not null", rs -> {
                    byte[] value = rs.getBytes(1);
                    if (value != null && indexOf(value, utf8) >= 0) {
                        count[0]++;
                    }
                });
                rows = count[0];
            } else {
                rows = jdbc.queryForObject("select count(*) from " + c.table() + " where " + c.name() + " like ?",
                        Integer.class, "%" + needle + "%");
            }
            if (rows > 0) {
                found.put(c.table().toLowerCase(Locale.ROOT) + "." + c.name().toLowerCase(Locale.ROOT), rows);
            }
        }
        return found;
    }

    /** Names of the variables (runtime, history, history details) whose text value contains {@code needle}. */
    public Set<String> variablesContaining(String needle) {
        Set<String> names = new java.util.TreeSet<>();
        for (String table : List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail")) {
            names.addAll(jdbc.queryForList("select distinct name_ from " + table + " where text_ like ?", String.class,
                    "%" + needle + "%"));
        }
        return names;
    }

    /** The root process instances of a case: its lifecycle, and whatever else runs under its case number. */
    private static final String ROOTS = "select distinct root_proc_inst_id_ from act_hi_procinst where business_key_ = ?";

    /** Runtime variables of the case's processes: how many, and how many bytes of values (text and byte arrays). */
    public Footprint variables(String caseNumber) {
        return jdbc.queryForObject("select count(*), coalesce(sum(coalesce(octet_length(v.text_), 0)"
                        + " + coalesce(octet_length(v.text2_), 0) + coalesce(octet_length(b.bytes_), 0)), 0)"
                        + " from act_ru_variable v left join act_ge_bytearray b on b.id_ = v.bytearray_id_"
                        + " where v.proc_inst_id_ in (select id_ from act_hi_procinst where root_proc_inst_id_ in ("
                        + ROOTS + "))",
                (rs, i) -> new Footprint(rs.getLong(1), rs.getLong(2)), caseNumber);
    }

    /** Names of the runtime variables of the case's processes (one entry per row). */
    public List<String> variableNames(String caseNumber) {
        return jdbc.queryForList("select name_ from act_ru_variable where proc_inst_id_ in (select id_ from"
                + " act_hi_procinst where root_proc_inst_id_ in (" + ROOTS + ")) order by name_", String.class, caseNumber);
    }

    /** History rows the case left, per table that records its root process instance ({@code act_hi_*}, byte arrays). */
    public Map<String, Integer> historyRows(String caseNumber) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String table : tablesWithRootInstance()) {
            int n = jdbc.queryForObject("select count(*) from " + table + " where root_proc_inst_id_ in (" + ROOTS + ")",
                    Integer.class, caseNumber);
            rows.put(table.toLowerCase(Locale.ROOT), n);
        }
        return rows;
    }

    private List<String> tablesWithRootInstance() {
        List<String> tables = new ArrayList<>();
        for (Column c : columns()) {
            String table = c.table().toLowerCase(Locale.ROOT);
            if (c.name().equalsIgnoreCase("root_proc_inst_id_")
                    && (table.startsWith("act_hi_") || table.equals("act_ge_bytearray"))) {
                tables.add(c.table());
            }
        }
        return tables;
    }

    public record Footprint(long variables, long bytes) {
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
