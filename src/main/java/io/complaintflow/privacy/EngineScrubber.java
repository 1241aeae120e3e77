package io.complaintflow.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes personal values out of the engine's tables for a set of cases: runtime and history ({@code act_ru_*},
 * {@code act_hi_*}) and the byte arrays they point to ({@code act_ge_bytearray}: long and serialized variables,
 * comments' full text, exception stack traces). Camunda has no API to rewrite history, so this works on the tables,
 * found through the database's metadata (a new engine version's new columns are covered without a change here):
 * every text column of every table that belongs to a process instance (it has {@code ROOT_PROC_INST_ID_} or
 * {@code PROC_INST_ID_}), limited to the process trees whose business key is one of the cases. Text has each value
 * replaced by {@link #REPLACEMENT}; byte arrays byte by byte with as many {@code *}, so Java-serialized and
 * length-prefixed values stay readable. Runtime rows get a new revision, so an engine command that read them before
 * fails its optimistic lock instead of writing the old values back.
 */
@Component
class EngineScrubber {

    static final String REPLACEMENT = "[已删除]";
    private static final int CHUNK = 200;

    record Column(String table, String column, boolean binary) {
    }

    record Table(String name, String scope, boolean runtime, List<Column> text, List<Column> binary,
                 List<String> byteArrayRefs) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile List<Table> tables;

    EngineScrubber(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Variables by which a process that is not keyed by the case refers to it: a crisis' {@code caseNumber}, a task's
     * list column, a 3·15 backlog review's case. Their process trees may hold what a handler wrote about the case.
     */
    static final List<String> CASE_REFERENCES = List.of("caseNumber", "listCaseNumber", "backlogCase");
    /** The variable by which a mass incident's crisis refers to the incident (its members' complaints). */
    static final String INCIDENT_REFERENCE = "massIncidentId";
    /** The variable by which a PDCA review refers to the crisis review handed over to it. */
    static final String HANDOVER_REFERENCE = "handoverId";

    /**
     * The root process instances that may hold these cases' personal data: every process keyed by a case (lifecycle,
     * department parts, regulator reply, deadline ladder, a G4 complaint's crisis, an internal forwarding once
     * registered), every process whose variables refer to a case ({@link #CASE_REFERENCES}: a 3·15 campaign's backlog
     * review), and the crisis of a mass incident a case belongs to. Only the cases' own values are replaced in them
     * ({@link #scrub}), so a shared process (the campaign, an incident's crisis) keeps everyone else's.
     */
    List<String> roots(Collection<String> caseNumbers) {
        Set<String> roots = new LinkedHashSet<>();
        for (List<String> chunk : chunks(List.copyOf(caseNumbers))) {
            roots.addAll(jdbc.sql("select distinct root_proc_inst_id_ from act_hi_procinst where business_key_ in ("
                    + marks(chunk.size()) + ")").params(chunk).query(String.class).list());
            roots.addAll(jdbc.sql("select distinct root_proc_inst_id_ from act_ru_execution where business_key_ in ("
                    + marks(chunk.size()) + ")").params(chunk).query(String.class).list());
            List<Object> params = new ArrayList<>(CASE_REFERENCES);
            params.addAll(chunk);
            roots.addAll(jdbc.sql("select distinct root_proc_inst_id_ from act_hi_varinst where name_ in ("
                    + marks(CASE_REFERENCES.size()) + ") and text_ in (" + marks(chunk.size()) + ")")
                    .params(params).query(String.class).list());
            List<Object> incident = new ArrayList<>();
            incident.add(INCIDENT_REFERENCE);
            incident.addAll(chunk);
            roots.addAll(jdbc.sql("select distinct v.root_proc_inst_id_ from act_hi_varinst v where v.name_ = ? and"
                    + " v.long_ in (select m.incident_id from mass_incident_member m where m.case_number in ("
                    + marks(chunk.size()) + "))").params(incident).query(String.class).list());
            // an internal forwarding: its start form held the customer's details; the complaint names it FWD-<id>
            List<String> forwardings = jdbc.sql("select external_ref from complaint where channel = 'internal' and"
                    + " external_ref like 'FWD-%' and case_number in (" + marks(chunk.size()) + ")").params(chunk)
                    .query(String.class).list().stream().map(ref -> ref.substring("FWD-".length())).toList();
            if (!forwardings.isEmpty()) {
                roots.addAll(jdbc.sql("select distinct root_proc_inst_id_ from act_hi_procinst where id_ in ("
                        + marks(forwardings.size()) + ")").params(forwardings).query(String.class).list());
            }
            // the PDCA review a crisis of these cases handed its review over to
            List<Object> handover = new ArrayList<>();
            handover.add(HANDOVER_REFERENCE);
            handover.addAll(chunk);
            handover.addAll(chunk);
            roots.addAll(jdbc.sql("select distinct v.root_proc_inst_id_ from act_hi_varinst v where v.name_ = ? and"
                    + " v.long_ in (select h.id from pdca_handover h join crisis c on h.source_ref = c.business_key"
                    + " where c.case_number in (" + marks(chunk.size()) + ") or c.mass_incident_id in (select"
                    + " m.incident_id from mass_incident_member m where m.case_number in (" + marks(chunk.size())
                    + ")))").params(handover).query(String.class).list());
        }
        roots.remove(null);
        return List.copyOf(roots);
    }

    /** Replaces every value in every engine row of these process trees; returns the rows changed. */
    int scrub(List<String> roots, Collection<String> values) {
        List<String> needles = values.stream().filter(v -> v != null && v.strip().length() >= 2)
                .map(String::strip).distinct().sorted((a, b) -> b.length() - a.length()).toList();
        if (roots.isEmpty() || needles.isEmpty()) {
            return 0;
        }
        int changed = 0;
        Set<String> byteArrays = new LinkedHashSet<>();
        for (List<String> chunk : chunks(roots)) {
            List<String> instances = jdbc.sql("select id_ from act_hi_procinst where root_proc_inst_id_ in ("
                    + marks(chunk.size()) + ")").params(chunk).query(String.class).list();
            for (Table t : tables()) {
                List<String> scope = t.scope().equals("ROOT_PROC_INST_ID_") ? chunk : instances;
                if (scope.isEmpty()) {
                    continue;
                }
                String where = t.scope() + " in (" + marks(scope.size()) + ")";
                for (Column c : t.text()) {
                    changed += replaceText(t, c, where, scope, needles);
                }
                for (String ref : t.byteArrayRefs()) {
                    byteArrays.addAll(jdbc.sql("select " + ref + " from " + t.name() + " where " + where + " and "
                            + ref + " is not null").params(scope).query(String.class).list());
                }
                for (Column c : t.binary()) {
                    changed += replaceBinary(t, c, where, scope, needles);
                }
            }
            byteArrays.addAll(jdbc.sql("select id_ from act_ge_bytearray where root_proc_inst_id_ in ("
                    + marks(chunk.size()) + ")").params(chunk).query(String.class).list());
        }
        for (List<String> chunk : chunks(List.copyOf(byteArrays))) {
            changed += replaceBinary(new Table("act_ge_bytearray", "ID_", false, List.of(), List.of(), List.of()),
                    new Column("act_ge_bytearray", "BYTES_", true), "id_ in (" + marks(chunk.size()) + ")", chunk,
                    needles);
        }
        return changed;
    }

    private int replaceText(Table t, Column c, String where, List<String> scope, List<String> needles) {
        StringBuilder set = new StringBuilder(c.column());
        List<Object> params = new ArrayList<>();
        for (String needle : needles) {
            set.insert(0, "replace(").append(", ?, ?)");
            params.add(needle);
            params.add(REPLACEMENT);
        }
        params.addAll(scope);
        String matches = needles.stream().map(n -> c.column() + " like ?").collect(Collectors.joining(" or "));
        params.addAll(needles.stream().map(n -> "%" + escapeLike(n) + "%").toList());
        String revision = t.runtime() ? ", rev_ = rev_ + 1" : "";
        return jdbc.sql("update " + t.name() + " set " + c.column() + " = " + set + revision + " where " + where
                + " and (" + matches + ")").params(params).update();
    }

    private int replaceBinary(Table t, Column c, String where, List<String> scope, List<String> needles) {
        List<byte[]> patterns = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
        record Row(String id, byte[] bytes) {
        }
        List<Row> rows = jdbc.sql("select id_, " + c.column() + " from " + t.name() + " where " + where)
                .params(scope).query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2))).list();
        int changed = 0;
        for (Row row : rows) {
            if (row.bytes() == null) {
                continue;
            }
            byte[] bytes = row.bytes().clone();
            boolean hit = false;
            for (byte[] p : patterns) {
                hit |= overwrite(bytes, p);
            }
            if (hit) {
                changed += jdbc.sql("update " + t.name() + " set " + c.column() + " = ? where id_ = ?")
                        .params(bytes, row.id()).update();
            }
        }
        return changed;
    }

    /** Every occurrence of {@code pattern} in {@code bytes} becomes as many '*' (the length stays). */
    static boolean overwrite(byte[] bytes, byte[] pattern) {
        boolean hit = false;
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            Arrays.fill(bytes, i, i + pattern.length, (byte) '*');
            hit = true;
            i += pattern.length - 1;
        }
        return hit;
    }

    private List<Table> tables() {
        if (tables == null) {
            tables = discover();
        }
        return tables;
    }

    private List<Table> discover() {
        try (var connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<Table> found = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("act_ru_") || lower.startsWith("act_hi_")) {
                        names.add(name);
                    }
                }
            }
            for (String name : names) {
                List<Column> text = new ArrayList<>();
                List<Column> binary = new ArrayList<>();
                List<String> refs = new ArrayList<>();
                Set<String> columns = new LinkedHashSet<>();
                try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, "%")) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT);
                        int type = rs.getInt("DATA_TYPE");
                        columns.add(column);
                        if (column.endsWith("ID_") || column.endsWith("_KEY_") && !column.equals("BUSINESS_KEY_")) {
                            if (column.equals("BYTEARRAY_ID_") || column.endsWith("STACK_ID_")
                                    || column.equals("ERROR_DETAILS_ID_")) {
                                refs.add(column);
                            }
                            continue;
                        }
                        if (isText(type) && rs.getInt("COLUMN_SIZE") >= 20) {
                            text.add(new Column(name, column, false));
                        } else if (isBinary(type)) {
                            binary.add(new Column(name, column, true));
                        }
                    }
                }
                String scope = columns.contains("ROOT_PROC_INST_ID_") ? "ROOT_PROC_INST_ID_"
                        : columns.contains("PROC_INST_ID_") ? "PROC_INST_ID_" : null;
                if (scope == null || !columns.contains("ID_")) {
                    continue;
                }
                boolean runtime = name.toLowerCase(Locale.ROOT).startsWith("act_ru_") && columns.contains("REV_");
                found.add(new Table(name, scope, runtime, text, binary, refs));
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the engine's tables", e);
        }
    }

    private static boolean isText(int type) {
        return type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB
                || type == Types.NCLOB || type == Types.CHAR || type == Types.LONGNVARCHAR;
    }

    private static boolean isBinary(int type) {
        return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
