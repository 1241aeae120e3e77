package io.complaintflow.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the rollup of ended stays ({@code heat_stay}) on a connection it is given: live, the engine's own
 * connection in the transaction that ends the stays ({@link HeatRollupSession}). (The history that existed before
 * is filled set-based by {@link HeatFill}, with the same slices and buckets.) Each stay adds 1 and its milliseconds
 * to one row per {@link Slice} it belongs to, in its business day and duration bucket. Increments commute, so two nodes may add to the same row; the rows of one
 * transaction are written in key order, so two transactions never wait for each other crosswise.
 *
 * <p>A stay's complaint and department are read as the heat's exact queries read them: the instance's business key
 * in {@code act_hi_procinst}, its {@code department} variable in {@code act_hi_varinst}, then the complaint's grade,
 * channel, regulator and (without a department variable) its departments — as they are when the stay ends.
 */
final class HeatRollup {

    /** Rows written by one multi-row statement at most (PostgreSQL binds at most 65,535 parameters). */
    private static final int ROWS_PER_STATEMENT = 500;

    private static final String KEY_COLUMNS = "process_key, dimension, dim_value, end_day, activity_id, bucket";

    /** Sorted: the order rows are locked in. */
    record Key(String processKey, String dimension, String value, LocalDate day, String activityId, int bucket)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::processKey)
                .thenComparing(Key::dimension).thenComparing(Key::value).thenComparing(Key::day)
                .thenComparing(Key::activityId).thenComparingInt(Key::bucket);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** What a stay's instance says about its complaint; {@code departments} empty without one. */
    record Dims(List<String> departments, String grade, String channel, String regulator) {
        static final Dims NONE = new Dims(List.of(), null, null, null);

        /**
         * The one rule for a complaint's stay, whichever way its rows were read ({@link HeatRollup}'s query, the lean
         * delete of {@link OpenStays}): its instance's department variables ("" for one without a value), else —
         * none, or one without a value — the complaint's departments.
         */
        static Dims of(List<String> variables, List<String> complaintDepartments, String grade, String channel,
                       String regulator) {
            List<String> departments = new ArrayList<>();
            variables.stream().filter(v -> v != null && !v.isEmpty()).distinct().forEach(departments::add);
            if (variables.isEmpty() || variables.stream().anyMatch(v -> v == null || v.isEmpty())) {
                complaintDepartments.stream().filter(d -> d != null && !departments.contains(d))
                        .forEach(departments::add);
            }
            return new Dims(departments, grade, channel, regulator);
        }

        List<Slice> slices() {
            return this == NONE ? List.of(Slice.ALL) : Slice.ofComplaint(departments, grade, channel, regulator);
        }
    }

    private final ZoneId zone;
    private volatile Boolean postgres;

    HeatRollup(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Adds the stays to the rollup, in the connection's transaction; {@code known}: the dimensions of instances
     * already read in it (by process instance), the others are read here.
     */
    void add(Connection connection, List<StayEnd> ended, Map<String, Dims> known) throws SQLException {
        if (ended.isEmpty()) {
            return;
        }
        Set<String> unknown = ended.stream().map(StayEnd::processInstanceId).filter(id -> !known.containsKey(id))
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        Map<String, Dims> dims = new HashMap<>(known);
        if (!unknown.isEmpty()) {
            dims.putAll(dims(connection, unknown));
        }
        TreeMap<Key, long[]> rows = new TreeMap<>();
        for (StayEnd stay : ended) {
            aggregate(rows, stay, dims.getOrDefault(stay.processInstanceId(), Dims.NONE));
        }
        upsert(connection, rows);
    }

    private void aggregate(Map<Key, long[]> rows, StayEnd stay, Dims d) {
        LocalDate day = LocalDate.ofInstant(stay.endedAt(), zone);
        int bucket = StayHistogram.bucketOf(stay.durationMs());
        for (Slice slice : d.slices()) {
            long[] n = rows.computeIfAbsent(new Key(stay.processKey(), slice.dimension(), slice.value(), day,
                    stay.activityId(), bucket), k -> new long[2]);
            n[0]++;
            n[1] += stay.durationMs();
        }
    }

    /** One instance's rows of {@link #dims}: what {@link Dims#of} decides from. */
    private static final class Collected {
        final Set<String> variableIds = new HashSet<>();
        final List<String> variables = new ArrayList<>();
        final Set<String> complaintDepartments = new LinkedHashSet<>();
        String grade;
        String channel;
        String regulator;
    }

    private static Map<String, Dims> dims(Connection connection, Set<String> processInstanceIds) throws SQLException {
        Map<String, Collected> collected = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(processInstanceIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            // the complaint's departments are joined only where Dims.of reads them: no department variable, or one
            // without a value
            String sql = """
                    select pi.id_ pid, dep.id_ var_id, dep.text_ var_department, c.grade, c.channel, c.regulator,
                      d.department
                    from act_hi_procinst pi
                    left join act_hi_varinst dep on dep.proc_inst_id_ = pi.id_ and dep.execution_id_ = pi.id_
                      and dep.name_ = 'department'
                    join complaint c on c.case_number = pi.business_key_
                    left join complaint_department d on d.case_number = c.case_number
                      and (dep.text_ is null or dep.text_ = '')
                    where pi.id_ in (""" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Collected c = collected.computeIfAbsent(rs.getString("pid"), k -> new Collected());
                        String variableId = rs.getString("var_id");
                        if (variableId != null && c.variableIds.add(variableId)) {
                            String value = rs.getString("var_department");
                            c.variables.add(value == null ? "" : value);
                        }
                        if (rs.getString("department") != null) {
                            c.complaintDepartments.add(rs.getString("department"));
                        }
                        c.grade = rs.getString("grade");
                        c.channel = rs.getString("channel");
                        c.regulator = rs.getString("regulator");
                    }
                }
            }
        }
        Map<String, Dims> found = new HashMap<>();
        collected.forEach((pid, c) -> found.put(pid, Dims.of(c.variables, new ArrayList<>(c.complaintDepartments),
                c.grade, c.channel, c.regulator)));
        return found;
    }

    private void upsert(Connection connection, TreeMap<Key, long[]> rows) throws SQLException {
        if (postgres(connection)) {
            // one statement per up to ROWS_PER_STATEMENT rows (keys distinct, in key order: the order their rows are
            // locked in)
            List<Map.Entry<Key, long[]>> all = new ArrayList<>(rows.entrySet());
            for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                List<Map.Entry<Key, long[]>> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
                try (PreparedStatement upsert = connection.prepareStatement("insert into heat_stay (" + KEY_COLUMNS
                        + ", stays, total_ms) values " + values(chunk.size(), 8) + " on conflict (" + KEY_COLUMNS
                        + ") do update set stays = heat_stay.stays + excluded.stays,"
                        + " total_ms = heat_stay.total_ms + excluded.total_ms")) {
                    int i = 1;
                    for (Map.Entry<Key, long[]> row : chunk) {
                        bind(upsert, row.getKey(), i);
                        upsert.setLong(i + 6, row.getValue()[0]);
                        upsert.setLong(i + 7, row.getValue()[1]);
                        i += 8;
                    }
                    upsert.executeUpdate();
                }
            }
            return;
        }
        // H2 (development and tests): update, else insert
        try (PreparedStatement update = connection.prepareStatement("update heat_stay set stays = stays + ?,"
                + " total_ms = total_ms + ? where process_key = ? and dimension = ? and dim_value = ? and end_day = ?"
                + " and activity_id = ? and bucket = ?");
             PreparedStatement insert = connection.prepareStatement("insert into heat_stay (" + KEY_COLUMNS
                     + ", stays, total_ms) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Key, long[]> row : rows.entrySet()) {
                update.setLong(1, row.getValue()[0]);
                update.setLong(2, row.getValue()[1]);
                bind(update, row.getKey(), 3);
                if (update.executeUpdate() == 0) {
                    bind(insert, row.getKey(), 1);
                    insert.setLong(7, row.getValue()[0]);
                    insert.setLong(8, row.getValue()[1]);
                    insert.executeUpdate();
                }
            }
        }
    }

    record EscalationKey(String processKey, String dimension, String value, LocalDate day, String activityId,
                         String caseNumber) implements Comparable<EscalationKey> {
        private static final Comparator<EscalationKey> ORDER = Comparator.comparing(EscalationKey::processKey)
                .thenComparing(EscalationKey::dimension).thenComparing(EscalationKey::value)
                .thenComparing(EscalationKey::day).thenComparing(EscalationKey::activityId)
                .thenComparing(EscalationKey::caseNumber);

        @Override
        public int compareTo(EscalationKey other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * The stays of a complaint open at its escalation, with what its slices need: the open stays
     * ({@code heat_open_stay}, by case number) as this transaction sees them — those its own command ends are still
     * there until the heat's session flushes, as their history rows still have no end — with the complaint's grade,
     * channel and regulator, and its departments where the stay's instance has no department of its own.
     */
    private static final String OPEN_AT_ESCALATION = """
            select os.activity_instance_id, os.process_key, os.activity_id, os.department stay_department,
              c.grade, c.channel, c.regulator, d.department
            from heat_open_stay os
            join complaint c on c.case_number = os.case_number
            left join complaint_department d on d.case_number = c.case_number and os.department is null
            where os.case_number = ? and os.since < ? and (os.department is null or os.department = ?)""";

    /**
     * An escalation (level 1 and up) of a complaint: where it waited at that moment — every place of its
     * instances, in a department's own process only for that department's escalation. One query and one insert
     * (PostgreSQL: all its slices' rows in one statement).
     */
    void addEscalation(Connection connection, String caseNumber, String department, Instant at) throws SQLException {
        Map<String, String[]> stays = new java.util.LinkedHashMap<>(); // activity instance → process, activity
        Map<String, Dims> dims = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(OPEN_AT_ESCALATION)) {
            statement.setString(1, caseNumber);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setString(3, department);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("activity_instance_id");
                    stays.putIfAbsent(id, new String[] {rs.getString("process_key"), rs.getString("activity_id")});
                    String dep = rs.getString("stay_department") != null ? rs.getString("stay_department")
                            : rs.getString("department");
                    Dims known = dims.get(id);
                    List<String> departments = new ArrayList<>(known == null ? List.of() : known.departments());
                    if (dep != null && !departments.contains(dep)) {
                        departments.add(dep);
                    }
                    dims.put(id, new Dims(departments, rs.getString("grade"), rs.getString("channel"),
                            rs.getString("regulator")));
                }
            }
        }
        if (stays.isEmpty()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(at, zone);
        java.util.TreeSet<EscalationKey> rows = new java.util.TreeSet<>();
        stays.forEach((id, stay) -> {
            for (Slice slice : dims.get(id).slices()) {
                rows.add(new EscalationKey(stay[0], slice.dimension(), slice.value(), day, stay[1], caseNumber));
            }
        });
        insertEscalations(connection, rows);
    }

    private void insertEscalations(Connection connection, java.util.TreeSet<EscalationKey> rows) throws SQLException {
        String columns = "(process_key, dimension, dim_value, esc_day, activity_id, case_number)";
        if (postgres(connection)) {
            // one statement (per up to ROWS_PER_STATEMENT rows), the rows in key order (the order their index
            // entries are locked in)
            List<EscalationKey> all = new ArrayList<>(rows);
            for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                List<EscalationKey> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
                try (PreparedStatement insert = connection.prepareStatement("insert into heat_escalation " + columns
                        + " values " + values(chunk.size(), 6) + " on conflict do nothing")) {
                    int i = 1;
                    for (EscalationKey key : chunk) {
                        i = bind(insert, key, i);
                    }
                    insert.executeUpdate();
                }
            }
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("merge into heat_escalation key " + columns
                + " values (?, ?, ?, ?, ?, ?)")) {
            for (EscalationKey key : rows) {
                bind(insert, key, 1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** {@code rows} parenthesised lists of {@code columns} parameters, for a multi-row {@code values}. */
    private static String values(int rows, int columns) {
        String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    private static int bind(PreparedStatement statement, EscalationKey key, int first) throws SQLException {
        statement.setString(first, key.processKey());
        statement.setString(first + 1, key.dimension());
        statement.setString(first + 2, key.value());
        statement.setObject(first + 3, key.day());
        statement.setString(first + 4, key.activityId());
        statement.setString(first + 5, key.caseNumber());
        return first + 6;
    }

    private static void bind(PreparedStatement statement, Key key, int first) throws SQLException {
        statement.setString(first, key.processKey());
        statement.setString(first + 1, key.dimension());
        statement.setString(first + 2, key.value());
        statement.setObject(first + 3, key.day());
        statement.setString(first + 4, key.activityId());
        statement.setInt(first + 5, key.bucket());
    }

    private boolean postgres(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return postgres;
    }
}
