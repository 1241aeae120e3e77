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

        List<Slice> slices() {
            return this == NONE ? List.of(Slice.ALL) : Slice.ofComplaint(departments, grade, channel, regulator);
        }
    }

    private final ZoneId zone;
    private volatile Boolean postgres;

    HeatRollup(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds the stays to the rollup, in the connection's transaction. */
    void add(Connection connection, List<StayEnd> ended) throws SQLException {
        if (ended.isEmpty()) {
            return;
        }
        Map<String, Dims> dims = dims(connection, ended.stream().map(StayEnd::processInstanceId)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
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

    private static Map<String, Dims> dims(Connection connection, Set<String> processInstanceIds) throws SQLException {
        Map<String, Dims> found = new HashMap<>();
        List<String> ids = new ArrayList<>(processInstanceIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = """
                    select pi.id_ pid, dep.text_ var_department, c.grade, c.channel, c.regulator, d.department
                    from act_hi_procinst pi
                    left join act_hi_varinst dep on dep.proc_inst_id_ = pi.id_ and dep.execution_id_ = pi.id_
                      and dep.name_ = 'department'
                    join complaint c on c.case_number = pi.business_key_
                    left join complaint_department d on d.case_number = c.case_number and dep.text_ is null
                    where pi.id_ in (""" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String pid = rs.getString("pid");
                        String department = rs.getString("var_department") != null ? rs.getString("var_department")
                                : rs.getString("department");
                        Dims known = found.get(pid);
                        List<String> departments = new ArrayList<>(known == null ? List.of() : known.departments());
                        if (department != null && !departments.contains(department)) {
                            departments.add(department);
                        }
                        found.put(pid, new Dims(departments, rs.getString("grade"), rs.getString("channel"),
                                rs.getString("regulator")));
                    }
                }
            }
        }
        return found;
    }

    private void upsert(Connection connection, TreeMap<Key, long[]> rows) throws SQLException {
        if (postgres(connection)) {
            try (PreparedStatement upsert = connection.prepareStatement("insert into heat_stay (" + KEY_COLUMNS
                    + ", stays, total_ms) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (" + KEY_COLUMNS + ") do update"
                    + " set stays = heat_stay.stays + excluded.stays, total_ms = heat_stay.total_ms + excluded.total_ms")) {
                for (Map.Entry<Key, long[]> row : rows.entrySet()) {
                    bind(upsert, row.getKey(), 1);
                    upsert.setLong(7, row.getValue()[0]);
                    upsert.setLong(8, row.getValue()[1]);
                    upsert.addBatch();
                }
                upsert.executeBatch();
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

    /** A stay open when its complaint was escalated: counted once per slice, day, activity and complaint. */
    record EscalatedStay(String processKey, String activityId, String processInstanceId, String caseNumber,
                         Instant at) {
    }

    private static final String OPEN_AT_ESCALATION = """
            select ai.proc_def_key_, ai.act_id_, ai.proc_inst_id_
            from act_hi_procinst pi
            join act_hi_actinst ai on ai.proc_inst_id_ = pi.id_
            left join act_hi_varinst dep on dep.proc_inst_id_ = pi.id_ and dep.execution_id_ = pi.id_
              and dep.name_ = 'department'
            where pi.business_key_ = ? and ai.start_time_ < ? and (ai.end_time_ is null or ai.end_time_ >= ?)
              and (dep.text_ is null or dep.text_ = ?) and ai.""" + HeatmapService.WAIT_TYPES_CONDITION;

    /**
     * An escalation (level 1 and up) of a complaint: where it waited at that moment — every place of its
     * instances, in a department's own process only for that department's escalation.
     */
    void addEscalation(Connection connection, String caseNumber, String department, Instant at) throws SQLException {
        List<EscalatedStay> stays = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(OPEN_AT_ESCALATION)) {
            statement.setString(1, caseNumber);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setTimestamp(3, Timestamp.from(at));
            statement.setString(4, department);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    stays.add(new EscalatedStay(rs.getString(1), rs.getString(2), rs.getString(3), caseNumber, at));
                }
            }
        }
        addEscalated(connection, stays);
    }

    private void addEscalated(Connection connection, List<EscalatedStay> stays) throws SQLException {
        if (stays.isEmpty()) {
            return;
        }
        Map<String, Dims> dims = dims(connection, stays.stream().map(EscalatedStay::processInstanceId)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        java.util.TreeSet<EscalationKey> rows = new java.util.TreeSet<>();
        for (EscalatedStay stay : stays) {
            Dims d = dims.getOrDefault(stay.processInstanceId(), Dims.NONE);
            LocalDate day = LocalDate.ofInstant(stay.at(), zone);
            for (Slice slice : d.slices()) {
                rows.add(new EscalationKey(stay.processKey(), slice.dimension(), slice.value(), day,
                        stay.activityId(), stay.caseNumber()));
            }
        }
        String sql = postgres(connection)
                ? "insert into heat_escalation (process_key, dimension, dim_value, esc_day, activity_id, case_number)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict do nothing"
                : "merge into heat_escalation key (process_key, dimension, dim_value, esc_day, activity_id,"
                        + " case_number) values (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (EscalationKey key : rows) {
                insert.setString(1, key.processKey());
                insert.setString(2, key.dimension());
                insert.setString(3, key.value());
                insert.setObject(4, key.day());
                insert.setString(5, key.activityId());
                insert.setString(6, key.caseNumber());
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
