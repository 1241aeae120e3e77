package io.complaintflow.complaint;

import io.complaintflow.testdb.TableScan;
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

    private final JdbcTemplate jdbc;
    private final TableScan engineTables;

    public EngineRows(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.engineTables = new TableScan(dataSource, table -> table.startsWith("act_"));
    }

    /** {@code table.column → rows} of the {@code act_*} tables whose value contains {@code needle}. */
    public Map<String, Integer> rowsContaining(String needle) {
        return engineTables.rowsContaining(needle);
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
        for (TableScan.Column c : engineTables.columns()) {
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

}
